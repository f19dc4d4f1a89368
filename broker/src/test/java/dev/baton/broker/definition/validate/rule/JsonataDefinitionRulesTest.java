package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.CorpusCases;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.DefinitionResult;
import dev.baton.broker.definition.Definitions;
import dev.baton.broker.definition.Diagnostic;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class JsonataDefinitionRulesTest {

    private static List<String> errors(String states) {
        return errors(states, "JSONata");
    }

    private static List<String> errors(String states, String language) {
        DefinitionResult result = Definitions.load(("{`QueryLanguage`: `" + language + "`, `StartAt`: `Main`, `States`: "
                + states + "}").replace('`', '"'));
        return result.errors().stream().map(Diagnostic::describe).toList();
    }

    @Test
    void anExpressionThatDoesNotParseIsAnInvalidJsonataExpression() {
        // AWS: INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/Main/Output
        assertThat(errors("{`Main`: {`Type`: `Pass`, `Output`: `{% 1 + %}`, `End`: true}}"))
                .containsExactly("INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/Main/Output");
        assertThat(errors("{`Main`: {`Type`: `Pass`, `Output`: {`v`: [1, `{% a[1,2) %}`]}, `End`: true}}"))
                .containsExactly("INVALID_JSONATA_EXPRESSION: Expected \"]\", got \",\" at /States/Main/Output/v/1");
    }

    @Test
    void aTopLevelReferenceIsAnUnsupportedJsonataExpression() {
        // AWS: UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported. at /States/E/Output/v
        assertThat(errors("{`Main`: {`Type`: `Pass`, `Output`: {`v`: `{% phone %}`}, `End`: true}}"))
                .containsExactly("UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported."
                        + " at /States/Main/Output/v");
    }

    @Test
    void everyJsonataFieldIsChecked() {
        List<String> found = errors("{`Main`: {`Type`: `Choice`, `Choices`: [{`Condition`: `{% x %}`, `Next`: `T`,"
                + " `Assign`: {`a`: `{% $states.errorOutput %}`}}], `Default`: `T`},"
                + " `T`: {`Type`: `Task`, `Resource`: `arn:aws:states:us-east-1:111111111111:activity:a`,"
                + " `Arguments`: `{% y %}`, `TimeoutSeconds`: `{% 1 + %}`,"
                + " `Catch`: [{`ErrorEquals`: [`States.ALL`], `Output`: `{% $states.errorOutput %}`, `Assign`: {`e`: `{% z %}`},"
                + " `Next`: `W`}], `Next`: `W`},"
                + " `W`: {`Type`: `Wait`, `Seconds`: `{% $ %}`, `End`: true}}");
        assertThat(found).containsExactlyInAnyOrder(
                "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'x' at the top level is not supported. at /States/Main/Choices/0/Condition",
                "UNSUPPORTED_JSONATA_EXPRESSION: $states.errorOutput is only available in the Output and Assign of a Catch."
                        + " at /States/Main/Choices/0/Assign/a",
                "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'y' at the top level is not supported. at /States/T/Arguments",
                "INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/T/TimeoutSeconds",
                "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'z' at the top level is not supported. at /States/T/Catch/0/Assign/e",
                "UNSUPPORTED_JSONATA_EXPRESSION: Reference to '$' at the top level is not supported. at /States/W/Seconds");
    }

    @Test
    void jsonPathStatesAreNotCheckedForJsonata() {
        // In a JSONPath state a "{% %}" string is a literal (AWS: test_base_cases_BASE_VAR).
        assertThat(errors("{`Main`: {`Type`: `Pass`, `Assign`: {`x`: `{% 1 + %}`}, `End`: true}}", "JSONPath")).isEmpty();
    }

    @Test
    void noCorpusDefinitionThatAwsAcceptedIsRefused() throws IOException {
        Path cases = CorpusCases.directory();
        org.junit.jupiter.api.Assumptions.assumeTrue(cases != null, "the shared conformance corpus is not on this machine");
        List<String> refused = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(cases)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json") && !p.toString().contains("/validation/")).toList()) {
                JsonNode c = Json.MAPPER.readTree(file.toFile());
                if (!c.has("definition")) {
                    continue;
                }
                checked++;
                Definitions.load(Json.write(c.get("definition"))).errors().stream()
                        .filter(d -> d.code().contains("JSONATA") || d.message().contains("variable name"))
                        .forEach(d -> refused.add(file.getFileName() + ": " + d.describe()));
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(refused).isEmpty();
    }
}
