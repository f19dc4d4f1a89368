package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;

/**
 * A Task's TimeoutSeconds and HeartbeatSeconds are positive integers up to 99999999 (or a
 * {@code "{% %}"} expression in JSONata), and each is given at most one way: the value or its
 * {@code *Path}.
 */
public final class TaskTimeouts implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (!state.is("Task")) {
            return;
        }
        for (String field : List.of("TimeoutSeconds", "HeartbeatSeconds")) {
            JsonNode value = state.field(field);
            if (value != null && !Checks.isIntegerIn(value, 1, Checks.MAX_SECONDS)
                    && !(state.jsonata() && Checks.isJsonata(value))) {
                out.schema(Checks.mustBe(field, "a positive integer no greater than " + Checks.MAX_SECONDS
                        + (state.jsonata() ? " or a JSONata expression" : "")), state.fieldLocation(field));
            }
            if (value != null && state.has(field + "Path")) {
                out.schema(Checks.exclusive(field, field + "Path"), state.location());
            }
        }
    }
}
