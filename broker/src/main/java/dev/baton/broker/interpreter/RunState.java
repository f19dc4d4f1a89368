package dev.baton.broker.interpreter;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

/**
 * One thread of control of an execution: the state machine's top level, a Parallel branch or a Map
 * iteration. It is in exactly one state at a time and may be waiting for something (a task, a timer).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class RunState {
    public static final String ROOT = "root";

    public String id;
    /** The state the run is in. */
    public String state;
    /** The state's input as it entered (before InputPath). */
    public JsonNode stateInput;
    /** Epoch ms when the current state was entered. */
    public long enteredTime;
    /** Id of this run's last history event: the previousEventId of its next event. */
    public int lastEventId;
    /** Retries done so far in the current state, by retrier index. */
    public Map<Integer, Integer> retryCounts;
    /** The activity task the run waits for, or null. */
    public PendingTask task;

    public RunState() {
    }

    public RunState(String id) {
        this.id = id;
    }

    public RunState copy() {
        RunState c = new RunState(id);
        c.state = state;
        c.stateInput = stateInput;
        c.enteredTime = enteredTime;
        c.lastEventId = lastEventId;
        c.retryCounts = retryCounts == null ? null : new HashMap<>(retryCounts);
        c.task = task;
        return c;
    }

    /**
     * A task handed out under a token.
     *
     * @param started true once a poller has it (ActivityStarted recorded)
     */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public record PendingTask(String token, String resource, JsonNode input, Long heartbeatSeconds, boolean started) {
        public PendingTask withStarted(boolean started) {
            return new PendingTask(token, resource, input, heartbeatSeconds, started);
        }
    }
}
