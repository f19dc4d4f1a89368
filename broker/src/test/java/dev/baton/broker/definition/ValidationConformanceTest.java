package dev.baton.broker.definition;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The definitions AWS rejected at CreateStateMachine (conformance group {@code validation}): each
 * must be rejected with InvalidDefinition, and with AWS's message where the corpus records AWS's
 * wording (not in map_run, whose messages are LocalStack's). Fails below 95% on the error code.
 */
class ValidationConformanceTest {
    private static final double REQUIRED_CODE_SHARE = 0.95;

    @Test
    void definitionsAwsRejectedAreRejectedTheSameWay() {
        Path root = ConformanceCases.root().orElse(null);
        Assumptions.assumeTrue(root != null, "conformance corpus not found (set BATON_CONFORMANCE_DIR); skipped");
        List<ConformanceCases.Case> cases = ConformanceCases.group(root, "validation");
        Assumptions.assumeTrue(!cases.isEmpty(), "no validation cases in " + root + "; skipped");

        int codeMatches = 0;
        int messageCases = 0;
        int messageMatches = 0;
        List<String> codeMisses = new ArrayList<>();
        List<String> messageMisses = new ArrayList<>();
        for (ConformanceCases.Case c : cases) {
            JsonNode expected = c.json().path("expected").path("create_state_machine_error");
            DefinitionResult result = Definitions.load(c.definitionText(), c.type());
            // Every recorded rejection is InvalidDefinition; a definition that loads was accepted.
            boolean codeMatch = !result.ok() && "InvalidDefinition".equals(expected.path("code").asText());
            if (codeMatch) {
                codeMatches++;
            } else {
                codeMisses.add(c.name() + (result.ok() ? ": accepted" : ": " + result.errors()));
            }
            boolean awsWording = !"map_run".equals(c.json().path("category").asText());
            if (awsWording && expected.has("message")) {
                messageCases++;
                String actual = result.ok() ? "(accepted)" : result.invalidDefinitionMessage();
                if (actual.equals(expected.get("message").asText())) {
                    messageMatches++;
                } else {
                    messageMisses.add(c.name() + "\n   expected: " + expected.get("message").asText()
                            + "\n   actual:   " + actual);
                }
            }
        }
        System.out.printf("validation conformance: error code %d/%d, AWS message %d/%d%n",
                codeMatches, cases.size(), messageMatches, messageCases);
        codeMisses.forEach(m -> System.out.println("  code miss: " + m));
        messageMisses.forEach(m -> System.out.println("  message miss: " + m));
        assertThat((double) codeMatches / cases.size())
                .as("share of rejected definitions with AWS's error code; misses: %s", codeMisses)
                .isGreaterThanOrEqualTo(REQUIRED_CODE_SHARE);
    }
}
