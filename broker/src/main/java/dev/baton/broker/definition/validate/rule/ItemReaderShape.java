package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;
import java.util.Set;

/**
 * A Map's ItemReader has a string Resource, Parameters (JSONPath) or Arguments (JSONata), and an
 * optional ReaderConfig with AWS's values: InputType CSV/JSON/JSONL/MANIFEST/PARQUET,
 * CSVHeaderLocation FIRST_ROW/GIVEN (GIVEN needs CSVHeaders), CSVDelimiter
 * COMMA/PIPE/SEMICOLON/SPACE/TAB, ManifestType S3_INVENTORY/ATHENA_DATA, MaxItems a non-negative
 * integer (or MaxItemsPath).
 */
public final class ItemReaderShape implements StateRule {
    private static final Set<String> CONFIG_FIELDS = Set.of("InputType", "CSVHeaderLocation", "CSVHeaders",
            "CSVDelimiter", "ManifestType", "MaxItems", "MaxItemsPath");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        JsonNode reader = state.field("ItemReader");
        if (!state.is("Map") || reader == null) {
            return;
        }
        String at = state.fieldLocation("ItemReader");
        if (!reader.isObject()) {
            out.schema(Checks.mustBe("ItemReader", "an OBJECT"), at);
            return;
        }
        Set<String> allowed = Set.of("Resource", "ReaderConfig", state.jsonata() ? "Arguments" : "Parameters");
        reader.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                out.schema(Checks.unsupported(name), at);
            }
        });
        JsonNode resource = reader.get("Resource");
        if (resource == null) {
            out.schema(Checks.required(List.of("Resource")), at);
        } else if (!resource.isTextual()) {
            out.schema(Checks.mustBe("Resource", "a STRING"), at + "/Resource");
        }
        JsonNode config = reader.get("ReaderConfig");
        if (config == null) {
            return;
        }
        String configAt = at + "/ReaderConfig";
        if (!config.isObject()) {
            out.schema(Checks.mustBe("ReaderConfig", "an OBJECT"), configAt);
            return;
        }
        config.fieldNames().forEachRemaining(name -> {
            if (!CONFIG_FIELDS.contains(name) || (state.jsonata() && name.equals("MaxItemsPath"))) {
                out.schema(Checks.unsupported(name), configAt);
            }
        });
        oneOf(config, "InputType", List.of("CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"), configAt, out);
        oneOf(config, "CSVHeaderLocation", List.of("FIRST_ROW", "GIVEN"), configAt, out);
        oneOf(config, "CSVDelimiter", List.of("COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"), configAt, out);
        oneOf(config, "ManifestType", List.of("S3_INVENTORY", "ATHENA_DATA"), configAt, out);
        JsonNode headers = config.get("CSVHeaders");
        if (headers != null && !(headers.isArray() && allStrings(headers))) {
            out.schema(Checks.mustBe("CSVHeaders", "an ARRAY of STRINGs"), configAt + "/CSVHeaders");
        }
        JsonNode location = config.get("CSVHeaderLocation");
        if (location != null && "GIVEN".equals(location.asText()) && headers == null) {
            out.schema(Checks.required(List.of("CSVHeaders")), configAt);
        }
        JsonNode maxItems = config.get("MaxItems");
        if (maxItems != null && !Checks.isIntegerIn(maxItems, 0, Checks.MAX_SECONDS)
                && !(state.jsonata() && Checks.isJsonata(maxItems))) {
            out.schema(Checks.mustBe("MaxItems", "a non-negative integer"), configAt + "/MaxItems");
        }
        if (maxItems != null && config.has("MaxItemsPath")) {
            out.schema(Checks.exclusive("MaxItems", "MaxItemsPath"), configAt);
        }
        JsonNode maxItemsPath = config.get("MaxItemsPath");
        if (maxItemsPath != null && !maxItemsPath.isTextual()) {
            out.schema(Checks.mustBe("MaxItemsPath", "a STRING"), configAt + "/MaxItemsPath");
        } else if (!state.jsonata()) {
            ReferencePaths.path(maxItemsPath, "MaxItemsPath", configAt + "/MaxItemsPath", false, out);
        }
    }

    static void oneOf(JsonNode object, String field, List<String> values, String at, Diagnostics out) {
        JsonNode value = object.get(field);
        if (value != null && !(value.isTextual() && values.contains(value.textValue()))) {
            out.schema(Checks.oneOf(field, values), at + "/" + field);
        }
    }

    private static boolean allStrings(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
