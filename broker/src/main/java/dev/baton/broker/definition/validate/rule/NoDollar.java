package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.Diagnostic;
import dev.baton.broker.definition.parse.DefinitionParser;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

/**
 * Warning NO_DOLLAR: in a JSONPath payload template, a key without {@code .$} whose value looks like
 * a path or an intrinsic function call is passed on as that literal text, which is rarely meant.
 */
public final class NoDollar implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (state.jsonata()) {
            return;
        }
        for (PayloadTemplates.Template t : PayloadTemplates.templates(state)) {
            walk(t.value(), t.location(), out);
        }
    }

    private static void walk(JsonNode node, String location, Diagnostics out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String key = e.getKey();
                JsonNode value = e.getValue();
                if (!key.endsWith(".$") && value.isTextual() && looksDynamic(value.textValue())) {
                    out.warning(Diagnostic.NO_DOLLAR, "The value of the field '" + key + "' looks like a JSONPath or "
                            + "an intrinsic function call, but the field name does not end with '.$': it is passed "
                            + "on as literal text", location);
                } else if (!key.endsWith(".$")) {
                    walk(value, location + "/" + key, out);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), location + "/" + i, out);
            }
        }
    }

    static boolean looksDynamic(String text) {
        return text.equals("$") || text.startsWith("$.") || text.startsWith("$$.") || text.startsWith("$[")
                || (text.startsWith(DefinitionParser.INTRINSIC_PREFIX) && text.endsWith(")") && text.contains("("));
    }
}
