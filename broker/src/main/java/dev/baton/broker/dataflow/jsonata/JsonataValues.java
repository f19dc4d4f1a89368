package dev.baton.broker.dataflow.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.Json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between Jackson trees and the plain Map/List model the JSONata engine works on, with
 * numbers as AWS's JSONata has them: an integer stays an exact 64-bit integer, anything else is a
 * double (so {@code 1.10} is read as 1.1 and {@code 1.0} as 1), and a whole double is written as
 * an integer up to 1e21, the point where AWS switches to exponent notation.
 */
final class JsonataValues {
    /** AWS writes whole numbers below this magnitude in full ({@code $string(1e20)} is twenty-one digits). */
    private static final double FULL_DIGITS_BELOW = 1e21;
    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();

    private JsonataValues() {
    }

    /** The JSONata value of a JSON tree; a missing node is undefined (Java null), a JSON null is JSONata's null. */
    static Object toJsonata(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        return convert(node);
    }

    private static Object convert(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>(Math.max(4, node.size() * 2));
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    map.put(field.getKey(), convert(field.getValue()));
                }
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(convert(element));
                }
                yield list;
            }
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> number(node);
            case NULL, MISSING -> Jsonata.NULL_VALUE;
            case BINARY, POJO -> node.asText();
        };
    }

    private static Object number(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        double value = node.doubleValue();
        if (value == Math.rint(value) && Math.abs(value) < 0x1p63) {
            return (long) value;
        }
        return value;
    }

    /**
     * The JSON tree of a JSONata value. {@code null} (undefined) is not a value: callers decide
     * what nothing means where they are.
     *
     * @throws ValueException when the value cannot be written as JSON (a non-finite number) or is
     *                        nested deeper than the broker reads JSON
     */
    static JsonNode toJson(Object value) {
        return write(value, 0);
    }

    private static JsonNode write(Object value, int depth) {
        if (depth > Json.MAX_DEPTH) {
            throw new ValueException("The result is nested more than " + Json.MAX_DEPTH + " levels deep");
        }
        if (value == null || value == Jsonata.NULL_VALUE) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Number n) {
            return number(n);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                // JSON.stringify drops a function-valued property; so does AWS.
                if (!isFunction(e.getValue())) {
                    object.set(String.valueOf(e.getKey()), write(e.getValue(), depth + 1));
                }
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object element : list) {
                array.add(isFunction(element) ? NODES.nullNode() : write(element, depth + 1));
            }
            return array;
        }
        return NODES.textNode(String.valueOf(value));
    }

    /** Numbers as the broker's JSON reader makes them (int, long, big integer, exact decimal), so values compare equal. */
    private static JsonNode number(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return integer(n.longValue());
        }
        if (n instanceof BigInteger big) {
            return big.bitLength() < 64 ? integer(big.longValue()) : NODES.numberNode(big);
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new ValueException("Number out of range: " + d);
        }
        if (d == Math.rint(d) && Math.abs(d) < FULL_DIGITS_BELOW) {
            if (Math.abs(d) < 0x1p63) {
                return integer((long) d);
            }
            // The shortest decimal that reads back as d, in full: what AWS prints for 1e20.
            return NODES.numberNode(new BigDecimal(Double.toString(d)).toBigInteger());
        }
        // The shortest decimal that reads back as d: 0.1 + 0.2 is 0.30000000000000004, as in JavaScript.
        return NODES.numberNode(BigDecimal.valueOf(d));
    }

    private static JsonNode integer(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    /** True for a JSONata function value: a lambda, a native function or a partial application. */
    static boolean isFunction(Object value) {
        return value != null && Utils.isFunction(value);
    }

    /** AWS's name for a JSON value's type, as its "unexpected result type" messages use it. */
    static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> "null";
        };
    }

    /**
     * Measures values against {@link JsonataLimits#maxValueSize}. Arrays and objects are measured
     * once each (by identity) and remembered, so a value built step by step from earlier results
     * costs only its new part, and a structure that repeats one part many times is measured at the
     * size it would have when written out.
     */
    static final class Sizer {
        private final long limit;
        private final IdentityHashMap<Object, Long> measured = new IdentityHashMap<>();

        Sizer(long limit) {
            this.limit = limit;
        }

        /** The size of {@code value}, or a number above the limit as soon as it is clear the value exceeds it. */
        long size(Object value) {
            return size(value, 0);
        }

        private long size(Object value, int depth) {
            if (value == null || value instanceof Boolean || value instanceof Number || value == Jsonata.NULL_VALUE) {
                return JsonataLimits.SCALAR_SIZE;
            }
            if (value instanceof String s) {
                return s.length();
            }
            if (value instanceof Utils.RangeList range) {
                // A range is lazy: count what it stands for without building it.
                return (long) range.size() * JsonataLimits.SCALAR_SIZE;
            }
            if (!(value instanceof List<?>) && !(value instanceof Map<?, ?>)) {
                return JsonataLimits.SCALAR_SIZE;
            }
            Long known = measured.get(value);
            if (known != null) {
                return known;
            }
            if (depth > Json.MAX_DEPTH) {
                return limit + 1;
            }
            long total = 2;
            if (value instanceof List<?> list) {
                for (Object element : list) {
                    total += size(element, depth + 1);
                    if (total > limit) {
                        return total;
                    }
                }
            } else {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    total += String.valueOf(e.getKey()).length() + size(e.getValue(), depth + 1);
                    if (total > limit) {
                        return total;
                    }
                }
            }
            measured.put(value, total);
            return total;
        }
    }

    /** A value that cannot be turned into JSON. */
    static final class ValueException extends RuntimeException {
        ValueException(String message) {
            super(message, null, false, false);
        }
    }
}
