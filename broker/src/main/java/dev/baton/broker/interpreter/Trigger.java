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

    /**
     * A call the broker made for a task returned: a child execution started ({@code ExecutionArn},
     * {@code StartDate}), or an AWS SDK call answered.
     */
    record ServiceResponded(String taskToken, JsonNode response) implements Trigger {
    }

    /** A call the broker made for a task failed, with the error and cause AWS reports for it. */
    record ServiceFailed(String taskToken, String error, String cause) implements Trigger {
    }

    /**
     * A child execution the task waits for ({@code .sync}, {@code .sync:2}), or a child of a
     * distributed Map's map run, has ended.
     */
    record ChildEnded(String taskToken, ChildExecution child) implements Trigger {
    }

    /**
     * How a child execution ended, as DescribeExecution reports it.
     *
     * @param stopDate epoch ms
     * @param output   JSON text, or null unless it succeeded
     * @param error    null when it has none
     * @param cause    null when it has none
     */
    record ChildExecution(String executionArn, String stateMachineArn, String name, String status, long startDate,
                          long stopDate, String input, String output, String error, String cause) {
    }

    /**
     * UpdateMapRun: a running map run's MaxConcurrency and failure tolerance change; each null
     * member is left as it is.
     */
    record MapRunUpdate(String mapRunArn, Integer maxConcurrency, Long toleratedFailureCount,
                        java.math.BigDecimal toleratedFailurePercentage) implements Trigger {
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
