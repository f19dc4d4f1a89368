package dev.baton.broker.definition.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.Diagnostic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads definition text into a JSON tree, with the broker's bounds on size, depth, number and
 * string length, so hostile input fails fast. Unlike a plain tree read it notices repeated keys:
 * a state name given twice is AWS's DUPLICATE_STATE_NAME, and any other repeated key would
 * silently drop a value, so it is reported too.
 */
public final class DefinitionReader {
    /** AWS's limit on a definition: 1 MiB. */
    public static final int MAX_DEFINITION_BYTES = 1024 * 1024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** The pointer of a States object: the state machine's, a Parallel branch's, or a Map processor's. */
    private static final Pattern STATES_MAP = Pattern.compile("(/States/[^/]*/(Branches/\\d+|ItemProcessor|Iterator))*/States");

    /** The tree (null when the text is not acceptable JSON) and the problems found. */
    public record Result(JsonNode root, List<Diagnostic> diagnostics) {
    }

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private DefinitionReader() {
    }

    public static Result read(String text) {
        return new DefinitionReader().readText(text);
    }

    private Result readText(String text) {
        if (text == null || text.isBlank()) {
            diagnostics.add(Diagnostic.error(Diagnostic.MISSING_DESCRIPTION,
                    "The definition is empty: it must be a JSON object with StartAt and States", null));
            return new Result(null, diagnostics);
        }
        // Cheap bound first (a char is at most 3 UTF-8 bytes), exact count only near the limit.
        if (text.length() > MAX_DEFINITION_BYTES
                || (text.length() * 3L > MAX_DEFINITION_BYTES
                && text.getBytes(StandardCharsets.UTF_8).length > MAX_DEFINITION_BYTES)) {
            diagnostics.add(Diagnostic.error(Diagnostic.INVALID_JSON_DESCRIPTION,
                    "The definition is larger than the maximum of " + MAX_DEFINITION_BYTES + " bytes", null));
            return new Result(null, diagnostics);
        }
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(text)) {
            JsonToken first = parser.nextToken();
            JsonNode root = readValue(parser, first, "");
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                diagnostics.add(Diagnostic.error(Diagnostic.INVALID_JSON_DESCRIPTION,
                        "Unexpected content after the end of the JSON object" + position(parser), null));
                return new Result(null, diagnostics);
            }
            return new Result(root, diagnostics);
        } catch (StreamConstraintsException e) {
            diagnostics.add(Diagnostic.error(Diagnostic.INVALID_JSON_DESCRIPTION,
                    "The definition exceeds a limit: " + e.getOriginalMessage(), null));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            diagnostics.add(Diagnostic.error(Diagnostic.INVALID_JSON_DESCRIPTION,
                    "The definition is not valid JSON: " + e.getOriginalMessage() + where, null));
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error(Diagnostic.INVALID_JSON_DESCRIPTION,
                    "The definition could not be read: " + e.getMessage(), null));
        }
        return new Result(null, diagnostics);
    }

    private static String position(JsonParser parser) {
        var loc = parser.currentLocation();
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private JsonNode readValue(JsonParser parser, JsonToken token, String pointer) throws IOException {
        if (token == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "Unexpected end of input");
        }
        return switch (token) {
            case START_OBJECT -> readObject(parser, pointer);
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(readValue(parser, t, pointer + "/" + index++));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new com.fasterxml.jackson.core.JsonParseException(parser, "Unexpected token " + token);
        };
    }

    private ObjectNode readObject(JsonParser parser, String pointer) throws IOException {
        ObjectNode object = NODES.objectNode();
        boolean statesMap = STATES_MAP.matcher(pointer).matches();
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String child = pointer + "/" + key;
            JsonNode value = readValue(parser, parser.nextToken(), child);
            if (object.has(key)) {
                if (statesMap) {
                    diagnostics.add(Diagnostic.error(Diagnostic.DUPLICATE_STATE_NAME,
                            "Duplicate State name: " + key, child));
                } else {
                    diagnostics.add(Diagnostic.error(Diagnostic.SCHEMA_VALIDATION_FAILED,
                            "Duplicate field '" + key + "'", pointer.isEmpty() ? "/" : pointer));
                }
                continue; // the first value stands; the definition is rejected anyway
            }
            object.set(key, value);
        }
        if (t != JsonToken.END_OBJECT) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "Unexpected token " + t);
        }
        return object;
    }
}
