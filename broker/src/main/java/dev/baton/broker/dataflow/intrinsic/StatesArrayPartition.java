package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.broker.dataflow.Json;

/**
 * {@code States.ArrayPartition(array, chunkSize)}: the array cut into chunks of {@code chunkSize}
 * items, the last one possibly shorter ([0,1,2,3] by 3 gives [[0,1,2],[3]]; [] gives []).
 */
final class StatesArrayPartition extends IntrinsicFunction {
    StatesArrayPartition() {
        super("States.ArrayPartition", 2, 2);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        ArrayNode array = args.array(0);
        int size = (int) args.integer(1, 1, Integer.MAX_VALUE);
        ArrayNode out = Json.MAPPER.createArrayNode();
        ArrayNode chunk = null;
        for (int i = 0; i < array.size(); i++) {
            if (i % size == 0) {
                chunk = out.addArray();
            }
            chunk.add(array.get(i));
        }
        return out;
    }
}
