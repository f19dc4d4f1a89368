package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;

/**
 * A Wait state waits one way: exactly one of Seconds, SecondsPath, Timestamp, TimestampPath.
 * Seconds is an integer from 0 to 99999999 (or a JSONata expression); Timestamp is a string.
 */
public final class WaitDuration implements StateRule {
    private static final List<String> WAYS = List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (!state.is("Wait")) {
            return;
        }
        long given = WAYS.stream().filter(state::has).count();
        if (given != 1) {
            out.schema("Exactly one of these fields is required: " + Checks.list(WAYS), state.location());
        }
        JsonNode seconds = state.field("Seconds");
        if (seconds != null && !Checks.isIntegerIn(seconds, 0, Checks.MAX_SECONDS)
                && !(state.jsonata() && Checks.isJsonata(seconds))) {
            out.schema(Checks.mustBe("Seconds", "an integer from 0 to " + Checks.MAX_SECONDS
                    + (state.jsonata() ? " or a JSONata expression" : "")), state.fieldLocation("Seconds"));
        }
        JsonNode timestamp = state.field("Timestamp");
        if (timestamp != null && !timestamp.isTextual()) {
            out.schema(Checks.mustBe("Timestamp", "a STRING"), state.fieldLocation("Timestamp"));
        }
    }
}
