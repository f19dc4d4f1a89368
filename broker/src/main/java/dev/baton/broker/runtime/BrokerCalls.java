package dev.baton.broker.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.interpreter.Command;

import java.io.UncheckedIOException;

/**
 * How a call the broker makes for a task is stored in its {@code broker_call} row, so that it can be
 * made again after a crash: the command as JSON under its kind ({@code {"startChildExecution": {...}}},
 * {@code callApi}, {@code startMapRunChild}, {@code redriveMapRunChild}).
 */
public final class BrokerCalls {
    private static final String START_CHILD = "startChildExecution";
    private static final String CALL_API = "callApi";
    private static final String START_MAP_RUN_CHILD = "startMapRunChild";
    private static final String REDRIVE_MAP_RUN_CHILD = "redriveMapRunChild";

    private BrokerCalls() {
    }

    public static String encode(Command command) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        switch (command) {
            case Command.StartChildExecution c -> out.set(START_CHILD, Json.MAPPER.valueToTree(c));
            case Command.CallApi c -> out.set(CALL_API, Json.MAPPER.valueToTree(c));
            case Command.StartMapRunChild c -> out.set(START_MAP_RUN_CHILD, Json.MAPPER.valueToTree(c));
            case Command.RedriveMapRunChild c -> out.set(REDRIVE_MAP_RUN_CHILD, Json.MAPPER.valueToTree(c));
            default -> throw new IllegalArgumentException("not a broker call: " + command);
        }
        return Json.write(out);
    }

    public static Command decode(String stored) {
        try {
            JsonNode json = Json.parse(stored);
            if (json.has(START_CHILD)) {
                return Json.MAPPER.treeToValue(json.get(START_CHILD), Command.StartChildExecution.class);
            }
            if (json.has(START_MAP_RUN_CHILD)) {
                return Json.MAPPER.treeToValue(json.get(START_MAP_RUN_CHILD), Command.StartMapRunChild.class);
            }
            if (json.has(REDRIVE_MAP_RUN_CHILD)) {
                return Json.MAPPER.treeToValue(json.get(REDRIVE_MAP_RUN_CHILD), Command.RedriveMapRunChild.class);
            }
            return Json.MAPPER.treeToValue(json.get(CALL_API), Command.CallApi.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("A stored broker call could not be read", e);
        }
    }
}
