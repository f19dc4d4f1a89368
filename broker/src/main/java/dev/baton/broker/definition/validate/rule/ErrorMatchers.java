package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;

import java.util.ArrayList;
import java.util.List;

/** What Retry and Catch have in common: an array of objects, each with a non-empty ErrorEquals of strings. */
final class ErrorMatchers {
    private ErrorMatchers() {
    }

    /** An element of Retry or Catch with its location. */
    record Element(JsonNode node, String location) {
    }

    /** The field's object elements; reports a non-array field or non-object elements. */
    static List<Element> elements(DefinitionTree.StateSite state, String field, Diagnostics out) {
        List<Element> elements = new ArrayList<>();
        JsonNode list = state.field(field);
        if (list == null || !DefinitionTree.STATE_TYPES.contains(String.valueOf(state.type()))) {
            return elements;
        }
        if (!list.isArray()) {
            out.schema(Checks.mustBe(field, "an ARRAY"), state.fieldLocation(field));
            return elements;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = state.fieldLocation(field) + "/" + i;
            if (list.get(i).isObject()) {
                elements.add(new Element(list.get(i), at));
            } else {
                out.schema("Each element of '" + field + "' must be an OBJECT", at);
            }
        }
        return elements;
    }

    /** ErrorEquals: required, a non-empty array of strings. */
    static void errorEquals(Element element, Diagnostics out) {
        JsonNode errors = element.node().get("ErrorEquals");
        if (errors == null) {
            out.schema(Checks.required(List.of("ErrorEquals")), element.location());
        } else if (!errors.isArray() || errors.isEmpty()) {
            out.schema(Checks.mustBe("ErrorEquals", "a non-empty ARRAY of error names"),
                    element.location() + "/ErrorEquals");
        } else {
            for (JsonNode e : errors) {
                if (!e.isTextual()) {
                    out.schema(Checks.mustBe("ErrorEquals", "an ARRAY of STRINGs"), element.location() + "/ErrorEquals");
                    return;
                }
            }
        }
    }

    static void comment(Element element, Diagnostics out) {
        JsonNode comment = element.node().get("Comment");
        if (comment != null && !comment.isTextual()) {
            out.schema(Checks.mustBe("Comment", "a STRING"), element.location() + "/Comment");
        }
    }
}
