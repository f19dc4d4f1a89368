package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.Set;

/**
 * A Map's ResultWriter has a Resource (a string) with Parameters (JSONPath) or Arguments
 * (JSONata), and/or a WriterConfig with OutputType JSON/JSONL and Transformation
 * NONE/COMPACT/FLATTEN.
 */
public final class ResultWriterShape implements StateRule {
    private static final Set<String> CONFIG_FIELDS = Set.of("OutputType", "Transformation");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        JsonNode writer = state.field("ResultWriter");
        if (!state.is("Map") || writer == null) {
            return;
        }
        String at = state.fieldLocation("ResultWriter");
        if (!writer.isObject()) {
            out.schema(Checks.mustBe("ResultWriter", "an OBJECT"), at);
            return;
        }
        Set<String> allowed = Set.of("Resource", "WriterConfig", state.jsonata() ? "Arguments" : "Parameters");
        writer.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                out.schema(Checks.unsupported(name), at);
            }
        });
        JsonNode resource = writer.get("Resource");
        if (resource != null && !resource.isTextual()) {
            out.schema(Checks.mustBe("Resource", "a STRING"), at + "/Resource");
        }
        if (resource == null && !writer.has("WriterConfig")) {
            out.schema("At least one of these fields is required: [Resource, WriterConfig]", at);
        }
        JsonNode config = writer.get("WriterConfig");
        if (config == null) {
            return;
        }
        String configAt = at + "/WriterConfig";
        if (!config.isObject()) {
            out.schema(Checks.mustBe("WriterConfig", "an OBJECT"), configAt);
            return;
        }
        config.fieldNames().forEachRemaining(name -> {
            if (!CONFIG_FIELDS.contains(name)) {
                out.schema(Checks.unsupported(name), configAt);
            }
        });
        ItemReaderShape.oneOf(config, "OutputType", java.util.List.of("JSON", "JSONL"), configAt, out);
        ItemReaderShape.oneOf(config, "Transformation", java.util.List.of("NONE", "COMPACT", "FLATTEN"), configAt, out);
    }
}
