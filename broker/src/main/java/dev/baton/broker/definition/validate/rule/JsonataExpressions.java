package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.jsonata.JsonataChecks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.Set;

/**
 * In a JSONata state every {@code "{% ... %}"} string, in any field, is an expression: it must
 * parse (INVALID_JSONATA_EXPRESSION) and must not read what Step Functions expressions do not
 * have (UNSUPPORTED_JSONATA_EXPRESSION): a bare field name, {@code $} or {@code $$} at the top
 * level, or {@code $states.errorOutput} outside a Catch. AWS reports both when the state machine
 * is created, at the expression's location, e.g.
 * {@code INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/Main/Output}.
 * Nested state graphs are checked as states of their own.
 */
public final class JsonataExpressions implements StateRule {
    /** State fields that are never evaluated: names, targets, settings, and the nested graphs (checked on their own). */
    private static final Set<String> NOT_EVALUATED = Set.of("Type", "Comment", "QueryLanguage", "Next", "End", "Default",
            "Resource", "Label", "Retry", "ItemProcessor", "Iterator", "Branches", "Choices", "Catch");
    /** Fields of a Choices or Catch element that are never evaluated. */
    private static final Set<String> ELEMENT_NOT_EVALUATED = Set.of("Comment", "Next", "ErrorEquals");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (!state.jsonata()) {
            return;
        }
        state.node().fields().forEachRemaining(e -> {
            if (!NOT_EVALUATED.contains(e.getKey())) {
                check(e.getValue(), JsonataChecks.Field.STATE, state.fieldLocation(e.getKey()), out);
            }
        });
        for (String list : new String[]{"Choices", "Catch"}) {
            // $states.errorOutput exists in a Catch's fields only.
            JsonataChecks.Field where = list.equals("Catch") ? JsonataChecks.Field.CATCHER : JsonataChecks.Field.STATE;
            for (DefinitionTree.Element element : state.elements(list)) {
                element.node().fields().forEachRemaining(e -> {
                    if (!ELEMENT_NOT_EVALUATED.contains(e.getKey())) {
                        check(e.getValue(), where, element.fieldLocation(e.getKey()), out);
                    }
                });
            }
        }
    }

    private static void check(JsonNode value, JsonataChecks.Field where, String location, Diagnostics out) {
        for (JsonataChecks.Problem problem : JsonataChecks.check(value, where)) {
            out.error(problem.code(), problem.message(), location + problem.pointer());
        }
    }
}
