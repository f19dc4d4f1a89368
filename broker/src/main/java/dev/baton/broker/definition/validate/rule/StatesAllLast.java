package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;

/**
 * The wildcard error name States.ALL matches everything, so (as the ASL specification requires)
 * it must appear alone in its ErrorEquals and only in the last retrier or catcher.
 */
public final class StatesAllLast implements StateRule {
    public static final String STATES_ALL = "States.ALL";

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        for (String field : List.of("Retry", "Catch")) {
            JsonNode list = state.field(field);
            if (list == null || !list.isArray()) {
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode errors = list.get(i).get("ErrorEquals");
                if (errors == null || !errors.isArray()) {
                    continue;
                }
                boolean hasAll = false;
                for (JsonNode e : errors) {
                    hasAll |= STATES_ALL.equals(e.asText());
                }
                if (!hasAll) {
                    continue;
                }
                String at = state.fieldLocation(field) + "/" + i + "/ErrorEquals";
                if (errors.size() > 1) {
                    out.schema("States.ALL must appear alone in ErrorEquals", at);
                }
                if (i != list.size() - 1) {
                    out.schema("A " + (field.equals("Retry") ? "retrier" : "catcher")
                            + " with States.ALL must be the last one in '" + field + "'", at);
                }
            }
        }
    }
}
