package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.DataflowException;
import dev.baton.broker.dataflow.Json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The evaluated arguments of one intrinsic function call, with typed accessors that fail the call
 * with States.IntrinsicFailure ("Invalid arguments in States.X: ...") when a value has the wrong type.
 */
public final class ArgumentValues {
    private static final int MAX_SHOWN = 100;
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private final String function;
    private final List<Argument> syntax;
    private final List<JsonNode> values;
    private final Supplier<RandomGenerator> random;

    ArgumentValues(String function, List<Argument> syntax, List<JsonNode> values, Supplier<RandomGenerator> random) {
        this.function = function;
        this.syntax = syntax;
        this.values = values;
        this.random = random;
    }

    /** A call's values for tests and direct use; every argument counts as computed (no literal text). */
    public static ArgumentValues of(String function, List<JsonNode> values, RandomGenerator random) {
        return new ArgumentValues(function, List.of(), List.copyOf(values), () -> random);
    }

    public int size() {
        return values.size();
    }

    /** The value of argument {@code i} (zero-based), any JSON type. */
    public JsonNode value(int i) {
        return values.get(i);
    }

    /** All argument values in order. */
    public List<JsonNode> values() {
        return values;
    }

    /** The argument as written, or null when the values were given directly. */
    public Argument argument(int i) {
        return i < syntax.size() ? syntax.get(i) : null;
    }

    /** The random source of this evaluation (see {@code EvaluationContext.random()}). */
    public RandomGenerator random() {
        return random.get();
    }

    public String string(int i) {
        JsonNode v = value(i);
        if (!v.isTextual()) {
            throw wrongType(i, "a string");
        }
        return v.textValue();
    }

    public ArrayNode array(int i) {
        if (!(value(i) instanceof ArrayNode array)) {
            throw wrongType(i, "an array");
        }
        return array;
    }

    public ObjectNode object(int i) {
        if (!(value(i) instanceof ObjectNode object)) {
            throw wrongType(i, "a JSON object");
        }
        return object;
    }

    public boolean bool(int i) {
        JsonNode v = value(i);
        if (!v.isBoolean()) {
            throw wrongType(i, "a boolean");
        }
        return v.booleanValue();
    }

    /** A number, as its exact decimal value. */
    public BigDecimal number(int i) {
        JsonNode v = value(i);
        if (!v.isNumber()) {
            throw wrongType(i, "a number");
        }
        return v.decimalValue();
    }

    /** An integer (a number without fraction, e.g. {@code 2} or {@code 2.0}) within [min, max]. */
    public long integer(int i, long min, long max) {
        BigDecimal n = number(i);
        BigDecimal whole;
        try {
            whole = n.setScale(0, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw wrongType(i, "an integer");
        }
        return inRange(i, whole, min, max);
    }

    /**
     * A number rounded to the nearest integer, halves rounded up (toward positive infinity, as Java's
     * {@code Math.round}): AWS rounds States.MathAdd and States.MathRandom arguments this way
     * (1.5 -> 2, -1.5 -> -1, -0.5 -> 0; conformance intrinsic_functions/test_math_add__*).
     */
    public long rounded(int i, long min, long max) {
        BigDecimal whole = number(i).add(HALF).setScale(0, RoundingMode.FLOOR);
        return inRange(i, whole, min, max);
    }

    private long inRange(int i, BigDecimal whole, long min, long max) {
        if (whole.compareTo(BigDecimal.valueOf(min)) < 0 || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw failure("the " + ordinal(i) + " argument must be between " + min + " and " + max + ", but was " + show(value(i)));
        }
        return whole.longValueExact();
    }

    /** A JSON integer: an int node when the value fits, as JSON parsing would give. */
    static JsonNode integerNode(long value) {
        return value == (int) value ? Json.MAPPER.getNodeFactory().numberNode((int) value) : Json.MAPPER.getNodeFactory().numberNode(value);
    }

    /** A States.IntrinsicFailure for this call: "Invalid arguments in States.X: {detail}". */
    public DataflowException failure(String detail) {
        return new DataflowException(DataflowException.INTRINSIC_FAILURE, "Invalid arguments in " + function + ": " + detail);
    }

    private DataflowException wrongType(int i, String expected) {
        return failure("the " + ordinal(i) + " argument must be " + expected + ", but was " + show(value(i)));
    }

    /** A value as JSON for a message, shortened when long. */
    static String show(JsonNode value) {
        String text = Json.write(value);
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }

    static String ordinal(int i) {
        return switch (i) {
            case 0 -> "first";
            case 1 -> "second";
            case 2 -> "third";
            default -> (i + 1) + "th";
        };
    }
}
