package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.variables.VariableNames;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.Iterator;

/**
 * Every variable an Assign field names (a state's, a Choice rule's, a Catch's) must have a name
 * that {@code $name} can refer to, and not the reserved {@code states}. In a JSONPath state a key
 * may end in {@code ".$"}; the name is the key without it.
 */
public final class AssignVariableNames implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        boolean jsonPath = !state.jsonata();
        check(state.field("Assign"), jsonPath, state.fieldLocation("Assign"), out);
        for (String holder : new String[]{"Choices", "Catch"}) {
            JsonNode array = state.field(holder);
            if (array != null && array.isArray()) {
                for (int i = 0; i < array.size(); i++) {
                    check(array.get(i).get("Assign"), jsonPath, state.fieldLocation(holder) + "/" + i + "/Assign", out);
                }
            }
        }
    }

    private static void check(JsonNode assign, boolean jsonPath, String location, Diagnostics out) {
        if (assign == null || !assign.isObject()) {
            return;
        }
        Iterator<String> keys = assign.fieldNames();
        while (keys.hasNext()) {
            String problem = VariableNames.problem(VariableNames.nameOf(keys.next(), jsonPath));
            if (problem != null) {
                out.schema(problem, location);
            }
        }
    }
}
