package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code States.JsonMerge(object1, object2, isDeepMerge)}: a shallow merge, the second object's
 * fields replacing the first's. AWS supports only the shallow mode: isDeepMerge must be false.
 */
final class StatesJsonMerge extends IntrinsicFunction {
    StatesJsonMerge() {
        super("States.JsonMerge", 3, 3);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        ObjectNode first = args.object(0);
        ObjectNode second = args.object(1);
        if (args.bool(2)) {
            throw args.failure("only shallow merging is supported: the third argument (isDeepMerge) must be false");
        }
        ObjectNode out = first.deepCopy();
        second.properties().forEach(e -> out.set(e.getKey(), e.getValue()));
        return out;
    }
}
