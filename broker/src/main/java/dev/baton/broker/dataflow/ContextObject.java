package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The context object ({@code $$} in JSONPath, {@code $states.context} in JSONata), shaped as AWS
 * shapes it:
 * <pre>
 * { "Execution":    { "Id", "Input", "StartTime", "Name", "RoleArn", "RedriveCount", "RedriveTime"? },
 *   "StateMachine": { "Id", "Name" },
 *   "State":        { "Name", "EnteredTime", "RetryCount"? },
 *   "Task":         { "Token" }?,
 *   "Map":          { "Item": { "Index", "Key"?, "Value", "Source"? } }? }
 * </pre>
 * Fields marked {@code ?} appear only when AWS has them: RedriveTime once an execution was
 * redriven, RetryCount for states that retry (Task, Parallel, Map), Task for a state that has a
 * task token, Map inside a Map iteration (Key and Source for distributed maps that read them).
 * Timestamps are ISO-8601 in UTC with milliseconds, as AWS writes them ({@code 2019-03-26T20:14:13.192Z}).
 *
 * <p>Immutable: the interpreter keeps one per execution and derives the per-state object with the
 * {@code with*} methods.
 */
public record ContextObject(Execution execution, StateMachine stateMachine, State state, Task task, MapItem mapItem) {

    /** AWS's timestamp format in the context object. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public ContextObject {
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(stateMachine, "stateMachine");
    }

    /**
     * {@code $$.Execution}.
     *
     * @param id           the execution ARN
     * @param input        the execution's input
     * @param name         the execution name
     * @param roleArn      the state machine's role ARN
     * @param startTime    when the execution started
     * @param redriveCount how many times the execution was redriven (0 when never)
     * @param redriveTime  when it was last redriven, or null when never
     */
    public record Execution(String id, JsonNode input, String name, String roleArn, Instant startTime, int redriveCount,
                            Instant redriveTime) {
        public Execution {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(startTime, "startTime");
        }
    }

    /** {@code $$.StateMachine}: the state machine's ARN and name. */
    public record StateMachine(String id, String name) {
    }

    /**
     * {@code $$.State}.
     *
     * @param retryCount the number of retries so far, or null for states that do not retry
     */
    public record State(String name, Instant enteredTime, Integer retryCount) {
        public State {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(enteredTime, "enteredTime");
        }
    }

    /** {@code $$.Task}: the task token of a callback or activity task. */
    public record Task(String token) {
    }

    /**
     * {@code $$.Map.Item}: the item of the current Map iteration.
     *
     * @param key    the item's key when a distributed map reads a JSON object, else null
     * @param source where a distributed map read the item from, else null
     */
    public record MapItem(int index, JsonNode value, String key, JsonNode source) {
        public MapItem(int index, JsonNode value) {
            this(index, value, null, null);
        }
    }

    /** The context object of an execution before any state is entered. */
    public static ContextObject of(Execution execution, StateMachine stateMachine) {
        return new ContextObject(execution, stateMachine, null, null, null);
    }

    /** The same context for a newly entered state (without task token). */
    public ContextObject withState(State state) {
        return new ContextObject(execution, stateMachine, state, null, mapItem);
    }

    /** The same context with a task token ({@code $$.Task.Token}). */
    public ContextObject withTaskToken(String token) {
        return new ContextObject(execution, stateMachine, state, token == null ? null : new Task(token), mapItem);
    }

    /** The same context inside a Map iteration. */
    public ContextObject withMapItem(MapItem item) {
        return new ContextObject(execution, stateMachine, state, task, item);
    }

    /** The context object as JSON, in AWS's field order. */
    public ObjectNode toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode ex = root.putObject("Execution");
        ex.put("Id", execution.id());
        ex.set("Input", execution.input() == null ? Json.MAPPER.createObjectNode() : execution.input());
        ex.put("StartTime", timestamp(execution.startTime()));
        ex.put("Name", execution.name());
        ex.put("RoleArn", execution.roleArn());
        ex.put("RedriveCount", execution.redriveCount());
        if (execution.redriveTime() != null) {
            ex.put("RedriveTime", timestamp(execution.redriveTime()));
        }
        ObjectNode sm = root.putObject("StateMachine");
        sm.put("Id", stateMachine.id());
        sm.put("Name", stateMachine.name());
        if (state != null) {
            ObjectNode st = root.putObject("State");
            st.put("Name", state.name());
            st.put("EnteredTime", timestamp(state.enteredTime()));
            if (state.retryCount() != null) {
                st.put("RetryCount", state.retryCount());
            }
        }
        if (task != null) {
            root.putObject("Task").put("Token", task.token());
        }
        if (mapItem != null) {
            ObjectNode item = root.putObject("Map").putObject("Item");
            item.put("Index", mapItem.index());
            if (mapItem.key() != null) {
                item.put("Key", mapItem.key());
            }
            item.set("Value", mapItem.value() == null ? Json.MAPPER.nullNode() : mapItem.value());
            if (mapItem.source() != null) {
                item.set("Source", mapItem.source());
            }
        }
        return root;
    }

    /** An instant as AWS writes it in the context object: {@code 2019-03-26T20:14:13.192Z}. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
