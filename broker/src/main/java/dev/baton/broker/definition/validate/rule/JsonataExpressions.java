package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.jsonata.JsonataChecks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;

/**
 * In a JSONata state, every JSONata expression must parse (INVALID_JSONATA_EXPRESSION) and must
 * not read what Step Functions expressions do not have (UNSUPPORTED_JSONATA_EXPRESSION): a bare
 * field name, {@code $} or {@code $$} at the top level, or {@code $states.errorOutput} outside a
 * Catch. AWS reports both at CreateStateMachine, at the expression's location, e.g.
 * {@code INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/Main/Output}.
 */
public final class JsonataExpressions implements StateRule {
    /** The fields of a state (of any type) that take JSONata in a JSONata state. */
    private static final List<String> FIELDS = List.of("Arguments", "Output", "Assign", "Items", "ItemSelector",
            "MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage", "ItemReader", "ItemBatcher",
            "ResultWriter", "TimeoutSeconds", "HeartbeatSeconds", "Credentials", "Seconds", "Timestamp", "Error", "Cause");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (!state.jsonata()) {
            return;
        }
        for (String field : FIELDS) {
            check(state.field(field), JsonataChecks.Field.STATE, state.fieldLocation(field), out);
        }
        forEachElement(state, "Choices", (rule, at) -> {
            for (String field : List.of("Condition", "Output", "Assign")) {
                check(rule.get(field), JsonataChecks.Field.STATE, at + "/" + field, out);
            }
        });
        forEachElement(state, "Catch", (catcher, at) -> {
            for (String field : List.of("Output", "Assign")) {
                check(catcher.get(field), JsonataChecks.Field.CATCHER, at + "/" + field, out);
            }
        });
    }

    private static void check(JsonNode value, JsonataChecks.Field field, String location, Diagnostics out) {
        if (value == null) {
            return;
        }
        for (JsonataChecks.Problem problem : JsonataChecks.check(value, field)) {
            out.error(problem.code(), problem.message(), location + problem.pointer());
        }
    }

    private interface ElementCheck {
        void check(JsonNode element, String location);
    }

    private static void forEachElement(DefinitionTree.StateSite state, String field, ElementCheck check) {
        JsonNode array = state.field(field);
        if (array != null && array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isObject()) {
                    check.check(array.get(i), state.fieldLocation(field) + "/" + i);
                }
            }
        }
    }
}
