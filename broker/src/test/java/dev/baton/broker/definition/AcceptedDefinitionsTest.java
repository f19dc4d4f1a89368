package dev.baton.broker.definition;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every definition AWS accepted in the conformance corpus (groups pure, activity, callback,
 * sfn_nested, and the child state machines those tests created) loads without errors.
 */
class AcceptedDefinitionsTest {
    private static final List<String> GROUPS = List.of("pure", "activity", "callback", "sfn_nested");

    @Test
    void everyDefinitionAwsAcceptedLoads() {
        Path root = ConformanceCases.root().orElse(null);
        Assumptions.assumeTrue(root != null, "conformance corpus not found (set BATON_CONFORMANCE_DIR); skipped");
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (String group : GROUPS) {
            for (ConformanceCases.Case c : ConformanceCases.group(root, group)) {
                count++;
                DefinitionResult result = Definitions.load(c.definitionText(), c.type());
                if (!result.ok()) {
                    failures.add(group + "/" + c.name() + ": " + result.errors());
                } else {
                    // The canonical form loads to the same model: writing it again changes nothing.
                    String written = DefinitionWriter.toJson(result.stateMachine());
                    DefinitionResult again = Definitions.load(written, c.type());
                    if (!again.ok() || !DefinitionWriter.toJson(again.stateMachine()).equals(written)) {
                        failures.add(group + "/" + c.name() + ": does not survive a write/load round trip: " + written);
                    }
                }
                var others = c.json().path("notes").path("other_state_machines_created_by_test");
                for (var other : others) {
                    var definition = other.get("definition");
                    if (definition == null) {
                        continue;
                    }
                    count++;
                    String text = definition.isTextual() ? definition.textValue() : PythonJson.dumps(definition);
                    DefinitionResult child = Definitions.load(text);
                    if (!child.ok()) {
                        failures.add(group + "/" + c.name() + " (child): " + child.errors());
                    }
                }
            }
        }
        System.out.printf("accepted definitions: %d loaded, %d rejected%n", count - failures.size(), failures.size());
        assertThat(count).isPositive();
        assertThat(failures).isEmpty();
    }
}
