package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;

/**
 * The templates of JSONata states have their shapes: Assign is an object of variables (also in
 * Choices and Catch); Arguments, ItemSelector and Credentials are an object or one
 * {@code "{% %}"} expression.
 */
public final class JsonataFieldShapes implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (!state.jsonata()) {
            return;
        }
        objectOnly(state.field("Assign"), state.fieldLocation("Assign"), out);
        for (String field : List.of("Arguments", "ItemSelector", "Credentials")) {
            JsonNode value = state.field(field);
            if (value != null && !value.isObject() && !Checks.isJsonata(value)) {
                out.schema(Checks.mustBe(field, "an OBJECT or a JSONata expression"), state.fieldLocation(field));
            }
        }
        for (String list : List.of("Choices", "Catch")) {
            for (DefinitionTree.Element element : state.elements(list)) {
                objectOnly(element.node().get("Assign"), element.fieldLocation("Assign"), out);
            }
        }
    }

    private static void objectOnly(JsonNode assign, String location, Diagnostics out) {
        if (assign != null && !assign.isObject()) {
            out.schema(Checks.mustBe("Assign", "an OBJECT"), location);
        }
    }
}
