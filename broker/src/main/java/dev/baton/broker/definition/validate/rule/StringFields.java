package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;
import java.util.Set;

/**
 * The state fields whose value is text are strings: Comment, Default, Error, Cause, Label and every
 * path field. InputPath, OutputPath and ResultPath may also be JSON null (AWS: null InputPath or
 * OutputPath gives {}, null ResultPath discards the result).
 */
public final class StringFields implements StateRule {
    private static final List<String> TEXT = List.of("Comment", "Default", "Error", "Cause", "Label", "ItemsPath",
            "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath",
            "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath");
    private static final Set<String> NULLABLE = Set.of("InputPath", "OutputPath", "ResultPath");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        for (String field : TEXT) {
            JsonNode value = state.field(field);
            if (value != null && !value.isTextual()) {
                out.schema(Checks.mustBe(field, "a STRING"), state.fieldLocation(field));
            }
        }
        for (String field : NULLABLE) {
            JsonNode value = state.field(field);
            if (value != null && !value.isTextual() && !value.isNull()) {
                out.schema(Checks.mustBe(field, "a STRING or null"), state.fieldLocation(field));
            }
        }
    }
}
