package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

/** {@code States.ArrayLength(array)}: the number of items. */
final class StatesArrayLength extends IntrinsicFunction {
    StatesArrayLength() {
        super("States.ArrayLength", 1, 1);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        return Json.MAPPER.getNodeFactory().numberNode(args.array(0).size());
    }
}
