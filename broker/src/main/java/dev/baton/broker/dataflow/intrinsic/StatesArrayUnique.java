package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.broker.dataflow.Json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code States.ArrayUnique(array)}: the array without repeated values, first occurrences kept in order. */
final class StatesArrayUnique extends IntrinsicFunction {
    StatesArrayUnique() {
        super("States.ArrayUnique", 1, 1);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        Map<Integer, List<JsonNode>> seen = new HashMap<>();
        for (JsonNode item : args.array(0)) {
            List<JsonNode> bucket = seen.computeIfAbsent(JsonValues.hash(item), h -> new ArrayList<>());
            if (bucket.stream().noneMatch(s -> JsonValues.same(s, item))) {
                bucket.add(item);
                out.add(item);
            }
        }
        return out;
    }
}
