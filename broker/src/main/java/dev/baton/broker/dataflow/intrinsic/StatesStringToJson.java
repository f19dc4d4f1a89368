package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

/**
 * {@code States.StringToJson(string)}: the JSON value the string holds. An empty or blank string
 * gives {@code null} (recorded by AWS for {@code ""} and {@code " "}).
 */
final class StatesStringToJson extends IntrinsicFunction {
    StatesStringToJson() {
        super("States.StringToJson", 1, 1);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        String text = args.string(0);
        if (text.isBlank()) {
            return Json.MAPPER.nullNode();
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw args.failure("the string is not valid JSON: " + ArgumentValues.show(args.value(0)));
        }
    }
}
