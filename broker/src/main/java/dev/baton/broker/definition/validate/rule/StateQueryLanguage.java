package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.model.QueryLanguage;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;

/**
 * A state's QueryLanguage is JSONPath or JSONata, and a state cannot fall back to JSONPath when
 * the state machine is JSONata (AWS: "If JSONata is specified at the top level, JSONPath cannot be
 * used in the state machine definition").
 */
public final class StateQueryLanguage implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        JsonNode language = state.field("QueryLanguage");
        if (language == null) {
            return;
        }
        QueryLanguage value = language.isTextual() ? QueryLanguage.fromAslName(language.textValue()) : null;
        if (value == null) {
            out.schema(Checks.oneOf("QueryLanguage", List.of("JSONPath", "JSONata")), state.fieldLocation("QueryLanguage"));
        } else if (value == QueryLanguage.JSONPATH && isJsonataMachine(state)) {
            out.schema("A state cannot use JSONPath when the state machine's QueryLanguage is JSONata",
                    state.fieldLocation("QueryLanguage"));
        }
    }

    private static boolean isJsonataMachine(DefinitionTree.StateSite state) {
        DefinitionTree.Graph graph = state.graph();
        while (graph.owner() != null) {
            graph = graph.owner().graph();
        }
        JsonNode top = graph.node().get("QueryLanguage");
        return top != null && "JSONata".equals(top.asText());
    }
}
