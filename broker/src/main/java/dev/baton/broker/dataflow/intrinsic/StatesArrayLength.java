package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

/** {@code States.ArrayLength(array)}: the number of items. */
record StatesArrayLength() implements IntrinsicFunction {
    @Override
    public String name() {
        return "States.ArrayLength";
    }

    @Override
    public int minArguments() {
        return 1;
    }

    @Override
    public int maxArguments() {
        return 1;
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        return Json.MAPPER.getNodeFactory().numberNode(args.array(0).size());
    }
}
