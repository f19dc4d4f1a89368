package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;
import java.util.Set;

/**
 * A Map state has exactly one item processor: ItemProcessor, or the legacy Iterator. A
 * ProcessorConfig has Mode INLINE or DISTRIBUTED, and a DISTRIBUTED processor says its child
 * ExecutionType (STANDARD or EXPRESS). ItemSelector and the legacy Parameters are one field: at
 * most one of them; Items is an array or a JSONata expression.
 */
public final class MapProcessor implements StateRule {
    private static final Set<String> CONFIG_FIELDS = Set.of("Mode", "ExecutionType");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (!state.is("Map")) {
            return;
        }
        boolean processor = state.has("ItemProcessor");
        boolean iterator = state.has("Iterator");
        if (!processor && !iterator) {
            out.schema(Checks.required(List.of("ItemProcessor")), state.location());
        } else if (processor && iterator) {
            out.schema(Checks.exclusive("ItemProcessor", "Iterator"), state.location());
        }
        for (String field : List.of("ItemProcessor", "Iterator")) {
            JsonNode value = state.field(field);
            if (value != null && !value.isObject()) {
                out.schema(Checks.mustBe(field, "an OBJECT"), state.fieldLocation(field));
            }
        }
        if (state.has("ItemSelector") && state.has("Parameters")) {
            out.schema(Checks.exclusive("ItemSelector", "Parameters"), state.location());
        }
        JsonNode items = state.field("Items");
        if (items != null && !items.isArray() && !Checks.isJsonata(items)) {
            out.schema(Checks.mustBe("Items", "an ARRAY or a JSONata expression"), state.fieldLocation("Items"));
        }
        String processorField = processor ? "ItemProcessor" : "Iterator";
        JsonNode processorNode = state.field(processorField);
        JsonNode config = processorNode == null ? null : processorNode.get("ProcessorConfig");
        if (config == null) {
            return;
        }
        String at = state.fieldLocation(processorField) + "/ProcessorConfig";
        if (!config.isObject()) {
            out.schema(Checks.mustBe("ProcessorConfig", "an OBJECT"), at);
            return;
        }
        config.fieldNames().forEachRemaining(name -> {
            if (!CONFIG_FIELDS.contains(name)) {
                out.schema(Checks.unsupported(name), at);
            }
        });
        JsonNode mode = config.get("Mode");
        if (mode != null && !(mode.isTextual() && List.of("INLINE", "DISTRIBUTED").contains(mode.textValue()))) {
            out.schema(Checks.oneOf("Mode", List.of("INLINE", "DISTRIBUTED")), at + "/Mode");
        }
        JsonNode executionType = config.get("ExecutionType");
        if (executionType != null && !(executionType.isTextual()
                && List.of("STANDARD", "EXPRESS").contains(executionType.textValue()))) {
            out.schema(Checks.oneOf("ExecutionType", List.of("STANDARD", "EXPRESS")), at + "/ExecutionType");
        }
        if (mode != null && "DISTRIBUTED".equals(mode.asText()) && executionType == null) {
            out.schema(Checks.required(List.of("ExecutionType")), at);
        }
    }
}
