package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

/** {@code States.ArrayContains(array, value)}: whether the array holds the value (deep equality). */
final class StatesArrayContains extends IntrinsicFunction {
    StatesArrayContains() {
        super("States.ArrayContains", 2, 2);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        JsonNode wanted = args.value(1);
        for (JsonNode item : args.array(0)) {
            if (JsonValues.same(item, wanted)) {
                return Json.MAPPER.getNodeFactory().booleanNode(true);
            }
        }
        return Json.MAPPER.getNodeFactory().booleanNode(false);
    }
}
