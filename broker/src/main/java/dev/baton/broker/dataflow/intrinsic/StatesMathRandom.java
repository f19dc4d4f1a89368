package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * {@code States.MathRandom(start, end[, seed])}: a random integer from start (inclusive) to end
 * (exclusive). Non-integer bounds are rounded to the nearest integer, as AWS documents. With a seed
 * the value depends only on the seed and bounds; without, it comes from the evaluation's random
 * source, which the interpreter seeds so that a decision is reproducible.
 */
final class StatesMathRandom extends IntrinsicFunction {
    StatesMathRandom() {
        super("States.MathRandom", 2, 3);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        long start = args.rounded(0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        long end = args.rounded(1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (start >= end) {
            throw args.failure("the start (" + start + ") must be less than the end (" + end + ")");
        }
        RandomGenerator random = args.size() == 3
                ? new Random(args.integer(2, Integer.MIN_VALUE, Integer.MAX_VALUE))
                : args.random();
        return ArgumentValues.integerNode(start + random.nextLong(end - start));
    }
}
