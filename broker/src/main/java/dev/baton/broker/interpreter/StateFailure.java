package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.DataflowException;
import dev.baton.broker.dataflow.Json;

/**
 * A state failed: the one failure type of the interpreter, carrying the ASL error name (e.g.
 * {@code States.Runtime}, {@code States.Timeout}, or a worker's own error) and the cause, either of
 * which may be absent, as AWS allows. Thrown while a state runs, or passed as a value once a task,
 * timer or child run reports it; Retry and Catch then decide what happens.
 */
final class StateFailure extends RuntimeException {
    static final String RUNTIME = DataflowException.RUNTIME;
    static final String DATA_LIMIT_EXCEEDED = DataflowException.DATA_LIMIT_EXCEEDED;
    static final String TIMEOUT = "States.Timeout";
    static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    static final String TASK_FAILED = "States.TaskFailed";
    static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";

    private final String error;
    private final boolean heartbeatTimeout;

    StateFailure(String error, String cause) {
        this(error, cause, false);
    }

    private StateFailure(String error, String cause, boolean heartbeatTimeout) {
        super(cause, null, false, false);
        this.error = error;
        this.heartbeatTimeout = heartbeatTimeout;
    }

    /** A task that stopped heartbeating: AWS reports States.Timeout, and Retry/Catch may also name States.HeartbeatTimeout. */
    static StateFailure heartbeatTimeout() {
        return new StateFailure(TIMEOUT, null, true);
    }

    static StateFailure of(DataflowException e) {
        return new StateFailure(e.error(), e.cause());
    }

    /**
     * A run-time failure of the state's own evaluation, worded as AWS words it:
     * {@code An error occurred while executing the state 'X' (entered at the event id #N). <detail>}.
     */
    static StateFailure runtime(RunState run, String detail) {
        return new StateFailure(RUNTIME, prefix(run) + detail);
    }

    /** Adds AWS's state prefix to a data-flow failure's cause where AWS has it. */
    static StateFailure inState(RunState run, DataflowException e) {
        return switch (e.error()) {
            case DataflowException.DATA_LIMIT_EXCEEDED, DataflowException.RESULT_PATH_MATCH_FAILURE ->
                    new StateFailure(e.error(), e.cause());
            default -> new StateFailure(e.error(), prefix(run) + e.cause());
        };
    }

    private static String prefix(RunState run) {
        return "An error occurred while executing the state '" + run.state + "' (entered at the event id #"
                + run.enteredEventId + "). ";
    }

    /** The error name, or null when the failure has none. */
    String error() {
        return error;
    }

    /** The cause, or null when the failure has none. */
    String cause() {
        return getMessage();
    }

    boolean isHeartbeatTimeout() {
        return heartbeatTimeout;
    }

    /**
     * True for the errors AWS never retries or catches: States.Runtime and States.DataLimitExceeded
     * ("terminal errors": States.ALL does not match them, and they always fail the execution).
     */
    boolean isTerminal() {
        return RUNTIME.equals(error) || DATA_LIMIT_EXCEEDED.equals(error);
    }

    /** The error output a Catcher passes on: {@code {"Error": ..., "Cause": ...}} (null when absent, as AWS writes it). */
    JsonNode errorOutput() {
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (error == null) {
            out.putNull("Error");
        } else {
            out.put("Error", error);
        }
        if (cause() == null) {
            out.putNull("Cause");
        } else {
            out.put("Cause", cause());
        }
        return out;
    }

    @Override
    public String toString() {
        return "StateFailure[" + error + ": " + cause() + "]";
    }
}
