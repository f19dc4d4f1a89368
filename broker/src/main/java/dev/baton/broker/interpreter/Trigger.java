package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;

/** Something that happened to an execution and makes the interpreter decide what comes next. */
public sealed interface Trigger {

    /** The execution was just created; run it from its StartAt state. */
    record Start() implements Trigger {
    }

    /** A poller was handed the activity task with this token. */
    record ActivityTaskStarted(String taskToken, String workerName) implements Trigger {
    }

    /**
     * The poller that was handed the task went away before it received it (its call was cancelled):
     * the task goes back to its queue.
     */
    record ActivityTaskReturned(String taskToken) implements Trigger {
    }

    /** SendTaskSuccess. */
    record TaskSucceeded(String taskToken, JsonNode output) implements Trigger {
    }

    /** SendTaskFailure; error and cause may be null. */
    record TaskFailed(String taskToken, String error, String cause) implements Trigger {
    }

    /** SendTaskHeartbeat. */
    record TaskHeartbeat(String taskToken) implements Trigger {
    }

    /** A durable timer the interpreter started has come due. */
    record TimerFired(String timerId) implements Trigger {
    }

    /** RedriveExecution: a failed, timed-out or stopped execution continues from its unsuccessful state. */
    record Redrive() implements Trigger {
    }

    /** StopExecution; error and cause may be null. */
    record Stop(String error, String cause) implements Trigger {
    }
}
