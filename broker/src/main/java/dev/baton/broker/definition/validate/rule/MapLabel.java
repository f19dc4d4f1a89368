package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

/**
 * A Map's Label names its map runs, so it follows AWS's resource-name rules: 1 to 40 characters,
 * without whitespace, brackets, wildcards, special characters or control characters.
 */
public final class MapLabel implements StateRule {
    public static final int MAX_LABEL_LENGTH = 40;
    private static final String SPECIAL = " <>{}[]?*\"#%\\^|~`$&,;:/";

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        JsonNode label = state.field("Label");
        if (!state.is("Map") || label == null || !label.isTextual()) {
            return;
        }
        String text = label.textValue();
        String at = state.fieldLocation("Label");
        if (text.isEmpty()) {
            out.schema("Label cannot be empty", at);
            return;
        }
        if (text.codePointCount(0, text.length()) > MAX_LABEL_LENGTH) {
            out.schema("Label cannot exceed " + MAX_LABEL_LENGTH + " characters", at);
        }
        text.codePoints().filter(MapLabel::invalid).findFirst().ifPresent(c ->
                out.schema("Label contains invalid character: '" + show(c) + "'", at));
    }

    static boolean invalid(int c) {
        return SPECIAL.indexOf(c) >= 0 || Character.isWhitespace(c) || c <= 0x1f || (c >= 0x7f && c <= 0x9f);
    }

    private static String show(int c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c <= 0x1f || (c >= 0x7f && c <= 0x9f) ? String.format("\\x%02x", c) : Character.toString(c);
        };
    }
}
