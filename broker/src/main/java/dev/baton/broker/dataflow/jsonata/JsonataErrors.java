package dev.baton.broker.dataflow.jsonata;

import com.dashjoin.jsonata.JException;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.broker.dataflow.Json;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders a JSONata engine error the way AWS reports it: the JSONata error code and the message
 * of the reference implementation (jsonata-js), e.g. {@code T1006: Attempted to invoke a
 * non-function}. The engine's own rendering of a few messages differs from jsonata-js (it writes
 * "Object" for "function" and quotes argument numbers); those are rebuilt from the values the
 * error carries.
 */
final class JsonataErrors {
    /** What the engine prefixes to an error code it has no message for (the "code" is then the message). */
    private static final String UNCATALOGUED = "JSonataException ";
    /** jsonata-js's names for the element types a function signature asks an array for. */
    private static final Map<String, String> ARRAY_OF = Map.of("a", "arrays", "b", "booleans", "f", "functions",
            "n", "numbers", "o", "objects", "s", "strings");

    private static final Pattern OBJECT_FOR_FUNCTION = Pattern.compile("\\bObject\\b");

    private JsonataErrors() {
    }

    /** An error code and message; the code is null for errors without one. */
    record Rendered(String code, String message) {
    }

    static Rendered render(JException e) {
        String code = e.getError();
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith(UNCATALOGUED)) {
            String text = message.substring(UNCATALOGUED.length());
            return looksLikeCode(text) ? new Rendered(text, text) : new Rendered(null, text);
        }
        if (code == null || !looksLikeCode(code)) {
            return new Rendered(null, message);
        }
        return new Rendered(code, switch (code) {
            case "T0410" -> "Argument " + e.getCurrent() + " of function " + json(e.getExpected())
                    + " does not match function signature";
            case "T0411" -> "Context value is not a compatible type with argument " + e.getCurrent() + " of function "
                    + json(e.getExpected());
            case "T0412" -> "Argument " + json(e.getCurrent()) + " must be an array of "
                    + ARRAY_OF.getOrDefault(String.valueOf(e.getExpected()), String.valueOf(e.getExpected()));
            case "T2009" -> "The values " + json(e.getCurrent()) + " and " + json(e.getExpected())
                    + " either side of the operator must be of the same data type";
            // The user's own text ($error, $assert) is left as written.
            case "D3137", "D3141" -> message;
            // The engine's catalogue says "Object" where jsonata-js says "function".
            default -> OBJECT_FOR_FUNCTION.matcher(message).replaceAll("function");
        });
    }

    /** JSONata codes are a letter and four digits (S0201, T1006, D3137, U1001). */
    private static boolean looksLikeCode(String text) {
        return text.length() == 5 && Character.isLetter(text.charAt(0))
                && text.substring(1).chars().allMatch(Character::isDigit);
    }

    private static String json(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean || value == null) {
            try {
                return Json.MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }
}
