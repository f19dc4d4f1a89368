package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.Path;
import dev.baton.broker.dataflow.ResultPath;
import dev.baton.broker.dataflow.intrinsic.IntrinsicCall;
import dev.baton.broker.definition.parse.DefinitionParser;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;

/**
 * Every path field of a JSONPath state parses: InputPath, OutputPath and the {@code *Path} twins
 * as JSONPaths, ItemsPath and ResultPath (also a Catch's) as reference paths; ErrorPath and
 * CausePath may instead be an intrinsic function call. A bad path is a definition error, not a
 * run-time surprise.
 */
public final class ReferencePaths implements StateRule {
    private static final List<String> PATHS = List.of("InputPath", "OutputPath", "TimeoutSecondsPath",
            "HeartbeatSecondsPath", "SecondsPath", "TimestampPath", "MaxConcurrencyPath",
            "ToleratedFailurePercentagePath", "ToleratedFailureCountPath");
    private static final List<String> PATHS_OR_INTRINSICS = List.of("ErrorPath", "CausePath");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (state.jsonata()) {
            return; // these fields are not supported there (FieldsAllowed)
        }
        for (String field : PATHS) {
            path(state.field(field), field, state.fieldLocation(field), false, out);
        }
        // ItemsPath must select one node (AWS: a reference path).
        JsonNode itemsPath = state.field("ItemsPath");
        if (itemsPath != null && itemsPath.isTextual()) {
            try {
                Path.parseReference(itemsPath.textValue());
            } catch (DataflowSyntaxException e) {
                out.schema(Checks.mustBe("ItemsPath", "a valid reference path") + ": " + e.getMessage(),
                        state.fieldLocation("ItemsPath"));
            }
        }
        for (String field : PATHS_OR_INTRINSICS) {
            path(state.field(field), field, state.fieldLocation(field), true, out);
        }
        resultPath(state.field("ResultPath"), state.fieldLocation("ResultPath"), out);
        JsonNode catchers = state.field("Catch");
        if (catchers != null && catchers.isArray()) {
            for (int i = 0; i < catchers.size(); i++) {
                JsonNode c = catchers.get(i);
                if (c.isObject()) {
                    resultPath(c.get("ResultPath"), state.fieldLocation("Catch") + "/" + i + "/ResultPath", out);
                }
            }
        }
    }

    /** Checks one path field; shared with the rules for nested objects (ReaderConfig, ItemBatcher). */
    public static void path(JsonNode value, String field, String location, boolean intrinsicAllowed, Diagnostics out) {
        if (value == null || !value.isTextual()) {
            return;
        }
        String text = value.textValue();
        try {
            if (intrinsicAllowed && text.startsWith(DefinitionParser.INTRINSIC_PREFIX)) {
                IntrinsicCall.parse(text);
            } else {
                Path.parse(text);
            }
        } catch (DataflowSyntaxException e) {
            out.schema(Checks.mustBe(field, intrinsicAllowed ? "a valid JSONPath or a valid intrinsic function call"
                    : "a valid JSONPath") + ": " + e.getMessage(), location);
        }
    }

    private static void resultPath(JsonNode value, String location, Diagnostics out) {
        if (value == null || !value.isTextual()) {
            return;
        }
        try {
            ResultPath.parse(value.textValue());
        } catch (DataflowSyntaxException e) {
            out.schema(Checks.mustBe("ResultPath", "a valid reference path") + ": " + e.getMessage(), location);
        }
    }
}
