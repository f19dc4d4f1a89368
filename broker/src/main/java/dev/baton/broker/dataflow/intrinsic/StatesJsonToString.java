package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

/** {@code States.JsonToString(value)}: the value as compact JSON text ({@code {"a":1}}, {@code "\"text\""}). */
final class StatesJsonToString extends IntrinsicFunction {
    StatesJsonToString() {
        super("States.JsonToString", 1, 1);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        return Json.MAPPER.getNodeFactory().textNode(Json.write(args.value(0)));
    }
}
