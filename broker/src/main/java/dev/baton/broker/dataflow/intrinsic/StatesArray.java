package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.broker.dataflow.Json;

/** {@code States.Array(values...)}: an array of the values, in order. */
final class StatesArray extends IntrinsicFunction {
    StatesArray() {
        super("States.Array", 0, UNLIMITED);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        args.values().forEach(out::add);
        return out;
    }
}
