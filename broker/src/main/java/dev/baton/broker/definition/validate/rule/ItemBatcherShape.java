package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;
import java.util.Set;

/**
 * A Map's ItemBatcher sets at least one limit: MaxItemsPerBatch (a positive integer) or
 * MaxInputBytesPerBatch (a positive integer up to 256 KiB), each literal or by {@code *Path}
 * (JSONPath) or JSONata; BatchInput is an object.
 */
public final class ItemBatcherShape implements StateRule {
    public static final long MAX_INPUT_BYTES_PER_BATCH = 256 * 1024;
    private static final Set<String> JSONPATH_FIELDS = Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath",
            "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput");
    private static final Set<String> JSONATA_FIELDS = Set.of("MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        JsonNode batcher = state.field("ItemBatcher");
        if (!state.is("Map") || batcher == null) {
            return;
        }
        String at = state.fieldLocation("ItemBatcher");
        if (!batcher.isObject()) {
            out.schema(Checks.mustBe("ItemBatcher", "an OBJECT"), at);
            return;
        }
        Set<String> allowed = state.jsonata() ? JSONATA_FIELDS : JSONPATH_FIELDS;
        batcher.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                out.schema(Checks.unsupported(name), at);
            }
        });
        boolean anyLimit = false;
        for (String field : List.of("MaxItemsPerBatch", "MaxInputBytesPerBatch")) {
            long max = field.equals("MaxItemsPerBatch") ? Checks.MAX_SECONDS : MAX_INPUT_BYTES_PER_BATCH;
            JsonNode value = batcher.get(field);
            anyLimit |= value != null || batcher.has(field + "Path");
            if (value != null && !Checks.isIntegerIn(value, 1, max) && !(state.jsonata() && Checks.isJsonata(value))) {
                out.schema(Checks.mustBe(field, "an integer from 1 to " + max), at + "/" + field);
            }
            if (value != null && batcher.has(field + "Path")) {
                out.schema(Checks.exclusive(field, field + "Path"), at);
            }
            JsonNode path = batcher.get(field + "Path");
            if (path != null && !path.isTextual()) {
                out.schema(Checks.mustBe(field + "Path", "a STRING"), at + "/" + field + "Path");
            } else if (!state.jsonata()) {
                ReferencePaths.path(path, field + "Path", at + "/" + field + "Path", false, out);
            }
        }
        if (!anyLimit) {
            out.schema("At least one of these fields is required: [MaxItemsPerBatch, MaxInputBytesPerBatch]", at);
        }
        JsonNode batchInput = batcher.get("BatchInput");
        if (batchInput != null && !batchInput.isObject() && !(state.jsonata() && Checks.isJsonata(batchInput))) {
            out.schema(Checks.mustBe("BatchInput", "an OBJECT"), at + "/BatchInput");
        }
    }
}
