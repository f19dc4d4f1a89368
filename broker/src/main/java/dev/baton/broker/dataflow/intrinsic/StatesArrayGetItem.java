package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** {@code States.ArrayGetItem(array, index)}: the item at the zero-based index. */
final class StatesArrayGetItem extends IntrinsicFunction {
    StatesArrayGetItem() {
        super("States.ArrayGetItem", 2, 2);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        ArrayNode array = args.array(0);
        long index = args.integer(1, 0, Integer.MAX_VALUE);
        if (index >= array.size()) {
            throw args.failure("the index " + index + " is out of bounds for an array of " + array.size() + " item(s)");
        }
        return array.get((int) index);
    }
}
