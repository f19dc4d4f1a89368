package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.broker.dataflow.Json;

/**
 * {@code States.ArrayRange(start, end, step)}: the integers from start to end (inclusive) by step,
 * e.g. (1, 9, 2) gives [1,3,5,7,9]. AWS allows at most 1000 items.
 */
final class StatesArrayRange extends IntrinsicFunction {
    /** AWS: "The array ... can contain up to 1000 items." */
    static final int MAX_ITEMS = 1000;

    StatesArrayRange() {
        super("States.ArrayRange", 3, 3);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        long start = args.integer(0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        long end = args.integer(1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        long step = args.integer(2, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (step == 0) {
            throw args.failure("the step must not be 0");
        }
        long count = (end - start) / step < 0 ? 0 : (end - start) / step + 1;
        if (count > MAX_ITEMS) {
            throw args.failure("the range would have " + count + " items, more than the " + MAX_ITEMS + " allowed");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (long i = 0, v = start; i < count; i++, v += step) {
            out.add(ArgumentValues.integerNode(v));
        }
        return out;
    }
}
