package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code States.MathAdd(value, step)}: the sum of two integers from -2147483648 to 2147483647.
 * Non-integers are first rounded to the nearest integer, halves up, as AWS does (1.5 + 1.51 = 4,
 * -1.5 + 0 = -1; conformance intrinsic_functions/test_math_add__*).
 */
final class StatesMathAdd extends IntrinsicFunction {
    StatesMathAdd() {
        super("States.MathAdd", 2, 2);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        long value = args.rounded(0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        long step = args.rounded(1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return ArgumentValues.integerNode(value + step);
    }
}
