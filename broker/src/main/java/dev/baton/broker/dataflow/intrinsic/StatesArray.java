package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.broker.dataflow.Json;

/** {@code States.Array(values...)}: an array of the values, in order. */
record StatesArray() implements IntrinsicFunction {
    @Override
    public String name() {
        return "States.Array";
    }

    @Override
    public int minArguments() {
        return 0;
    }

    @Override
    public int maxArguments() {
        return Integer.MAX_VALUE;
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        args.values().forEach(out::add);
        return out;
    }
}
