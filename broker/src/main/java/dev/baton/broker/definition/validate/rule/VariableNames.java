package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;

/**
 * Assign creates workflow variables whose names are Unicode identifiers (AWS: an ID_Start
 * character, then ID_Continue characters, at most 80 characters), and not the reserved
 * {@code states}. A JSONPath Assign key may end with {@code .$}. A leading underscore is accepted.
 */
public final class VariableNames implements StateRule {
    public static final int MAX_VARIABLE_NAME_LENGTH = 80;

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        names(state.field("Assign"), state.fieldLocation("Assign"), state.jsonata(), out);
        for (String list : List.of("Choices", "Catch")) {
            for (DefinitionTree.Element element : state.elements(list)) {
                names(element.node().get("Assign"), element.fieldLocation("Assign"), state.jsonata(), out);
            }
        }
    }

    static boolean isIdentifier(String name) {
        if (name.isEmpty()) {
            return false;
        }
        int first = name.codePointAt(0);
        if (first != '_' && !Character.isUnicodeIdentifierStart(first)) {
            return false;
        }
        return name.codePoints().skip(1).allMatch(c -> c != 0 && Character.isUnicodeIdentifierPart(c)
                && !Character.isIdentifierIgnorable(c));
    }

    private static void names(JsonNode assign, String location, boolean jsonata, Diagnostics out) {
        if (assign == null || !assign.isObject()) {
            return;
        }
        assign.fieldNames().forEachRemaining(key -> {
            String name = !jsonata && key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
            if (!isIdentifier(name)) {
                out.schema("The variable name '" + name + "' is invalid: it must start with a letter or '_' and "
                        + "contain only letters, digits and '_'", location);
            } else if (name.codePointCount(0, name.length()) > MAX_VARIABLE_NAME_LENGTH) {
                out.schema("The variable name '" + name + "' is longer than " + MAX_VARIABLE_NAME_LENGTH
                        + " characters", location);
            } else if (name.equals("states")) {
                out.schema("The variable name 'states' is reserved", location);
            }
        });
    }
}
