package dev.baton.broker.definition.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.parse.DefinitionParser;

import java.math.BigDecimal;
import java.util.List;

/** Small value checks and AWS-style messages shared by the rules. */
public final class Checks {
    /** AWS's largest value for TimeoutSeconds, HeartbeatSeconds, IntervalSeconds, MaxAttempts, ... */
    public static final long MAX_SECONDS = 99_999_999L;

    private Checks() {
    }

    public static boolean isInteger(JsonNode n) {
        return n != null && n.isIntegralNumber();
    }

    /** An integer in [min, max]. */
    public static boolean isIntegerIn(JsonNode n, long min, long max) {
        if (!isInteger(n)) {
            return false;
        }
        var v = n.bigIntegerValue();
        return v.compareTo(java.math.BigInteger.valueOf(min)) >= 0 && v.compareTo(java.math.BigInteger.valueOf(max)) <= 0;
    }

    public static boolean isNumberIn(JsonNode n, BigDecimal min, BigDecimal max) {
        if (n == null || !n.isNumber()) {
            return false;
        }
        BigDecimal v = n.decimalValue();
        return v.compareTo(min) >= 0 && (max == null || v.compareTo(max) <= 0);
    }

    /** A {@code "{% ... %}"} string: legal wherever a JSONata state takes a computed value. */
    public static boolean isJsonata(JsonNode n) {
        return DefinitionParser.isJsonataExpression(n);
    }

    /** "These fields are required: [A, B]". */
    public static String required(List<String> fields) {
        return "These fields are required: " + list(fields);
    }

    /** "Field 'X' is not supported" (AWS's wording). */
    public static String unsupported(String field) {
        return "Field '" + field + "' is not supported";
    }

    /** "The field 'X' should have one of these values: [A, B]" (AWS's wording). */
    public static String oneOf(String field, List<String> values) {
        return "The field '" + field + "' should have one of these values: " + list(values);
    }

    /** "The value for the field 'X' must be ...". */
    public static String mustBe(String field, String what) {
        return "The value for the field '" + field + "' must be " + what;
    }

    /** "Only one of these fields can be set: [A, B]". */
    public static String exclusive(String a, String b) {
        return "Only one of these fields can be set: " + list(List.of(a, b));
    }

    public static String list(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }
}
