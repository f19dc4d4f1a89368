package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.Path;
import dev.baton.broker.dataflow.intrinsic.IntrinsicCall;
import dev.baton.broker.definition.parse.DefinitionParser;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.ArrayList;
import java.util.List;

/**
 * The payload templates of JSONPath states (Parameters, ResultSelector, ItemSelector, Assign,
 * Credentials, and those of ItemReader, ResultWriter, ItemBatcher, Choices and Catch) are objects,
 * and every {@code "key.$"} in them holds a valid JSONPath or intrinsic function call (AWS: "The
 * value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call at
 * /States/IntrinsicEscape/Parameters").
 */
public final class PayloadTemplates implements StateRule {
    private static final List<String> STATE_TEMPLATES = List.of("Parameters", "ResultSelector", "ItemSelector",
            "Assign", "Credentials");

    /** A template field and its location. */
    record Template(String field, JsonNode value, String location) {
    }

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (state.jsonata()) {
            return;
        }
        for (Template t : templates(state)) {
            if (!t.value().isObject()) {
                out.schema(Checks.mustBe(t.field(), "an OBJECT"), t.location());
            } else {
                checkObject(t.value(), t.location(), out);
            }
        }
    }

    /** Every payload template of a JSONPath state, wherever it sits. */
    static List<Template> templates(DefinitionTree.StateSite state) {
        List<Template> out = new ArrayList<>();
        for (String field : STATE_TEMPLATES) {
            add(out, field, state.field(field), state.fieldLocation(field));
        }
        for (String holder : List.of("ItemReader", "ResultWriter")) {
            JsonNode h = state.field(holder);
            if (h != null && h.isObject()) {
                add(out, "Parameters", h.get("Parameters"), state.fieldLocation(holder) + "/Parameters");
            }
        }
        JsonNode batcher = state.field("ItemBatcher");
        if (batcher != null && batcher.isObject()) {
            add(out, "BatchInput", batcher.get("BatchInput"), state.fieldLocation("ItemBatcher") + "/BatchInput");
        }
        for (String list : List.of("Choices", "Catch")) {
            for (DefinitionTree.Element element : state.elements(list)) {
                add(out, "Assign", element.node().get("Assign"), element.fieldLocation("Assign"));
            }
        }
        return out;
    }

    private static void add(List<Template> out, String field, JsonNode value, String location) {
        if (value != null) {
            out.add(new Template(field, value, location));
        }
    }

    private static void checkObject(JsonNode object, String location, Diagnostics out) {
        object.fields().forEachRemaining(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.endsWith(".$")) {
                if (!value.isTextual() || !validDynamic(value.textValue())) {
                    out.schema(Checks.mustBe(key, "a valid JSONPath or a valid intrinsic function call"), location);
                }
            } else {
                checkNested(value, location + "/" + key, out);
            }
        });
    }

    private static void checkNested(JsonNode value, String location, Diagnostics out) {
        if (value.isObject()) {
            checkObject(value, location, out);
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                checkNested(value.get(i), location + "/" + i, out);
            }
        }
    }

    private static boolean validDynamic(String text) {
        try {
            if (text.startsWith(DefinitionParser.INTRINSIC_PREFIX)) {
                IntrinsicCall.parse(text);
            } else {
                Path.parse(text);
            }
            return true;
        } catch (DataflowSyntaxException e) {
            return false;
        }
    }
}
