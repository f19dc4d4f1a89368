package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

/**
 * A heartbeat must come more often than the task times out: HeartbeatSeconds smaller than
 * TimeoutSeconds when both are literal (when either is read at run time, the check happens then).
 * TimeoutSeconds defaults to 99999999.
 */
public final class HeartbeatBelowTimeout implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (!state.is("Task")) {
            return;
        }
        JsonNode heartbeat = state.field("HeartbeatSeconds");
        JsonNode timeout = state.field("TimeoutSeconds");
        if (!Checks.isInteger(heartbeat) || state.has("TimeoutSecondsPath")
                || (timeout != null && !Checks.isInteger(timeout))) {
            return;
        }
        long timeoutSeconds = timeout == null ? Checks.MAX_SECONDS : timeout.longValue();
        if (heartbeat.longValue() >= timeoutSeconds) {
            out.schema("The value for the field 'HeartbeatSeconds' (" + heartbeat.longValue()
                    + ") must be smaller than the value for the field 'TimeoutSeconds' (" + timeoutSeconds + ")",
                    state.fieldLocation("HeartbeatSeconds"));
        }
    }
}
