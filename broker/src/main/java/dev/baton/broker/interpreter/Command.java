package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Something the runtime must do once a decision is committed: hand work to workers, arm timers.
 * The runtime persists each command's durable part in the decision's transaction and applies the
 * in-memory part only after the commit.
 */
public sealed interface Command {

    /**
     * Offer a task to the pollers of its queue: an activity's pollers (GetActivityTask), or a
     * function's (GetFunctionTask), whose queue is the function's ARN.
     *
     * @param activityArn      the queue: the activity's ARN, or the function's unqualified ARN
     * @param heartbeatSeconds null when the state sets no HeartbeatSeconds
     */
    record ScheduleActivityTask(String taskToken, String activityArn, JsonNode input, Long heartbeatSeconds)
            implements Command {
    }

    /** A poller has the task: it is no longer waiting in its queue, but stays open until it ends. */
    record ClaimActivityTask(String taskToken, String activityArn) implements Command {
    }

    /** The poller that had the task went away before it got it: offer the task again. */
    record ReleaseActivityTask(String taskToken, String activityArn, JsonNode input) implements Command {
    }

    /** The task has ended (completed, failed, timed out, stopped): remove it from its queue and from the open tasks. */
    record WithdrawActivityTask(String taskToken, String activityArn) implements Command {
    }

    /**
     * Start a child execution ({@code states:startExecution}), then answer with
     * {@link Trigger.ServiceResponded} ({@code ExecutionArn}, {@code StartDate}) or
     * {@link Trigger.ServiceFailed}. Durable: the link is stored with the decision, and the start is
     * made again after a crash (the child's name makes it idempotent).
     *
     * @param input       the child's input as JSON text
     * @param traceHeader null when the state passes none
     * @param waitsForEnd true for {@code .sync} and {@code .sync:2}: the child tells its parent when it ends
     */
    record StartChildExecution(String taskToken, String stateMachineArn, String name, String input, String traceHeader,
                               boolean waitsForEnd) implements Command {
    }

    /**
     * The task a call was made for (a child execution, an SDK call) has ended: the call's record goes.
     * With {@code stopChild}, the child execution is stopped too: a {@code .sync} task that was
     * aborted or timed out, or whose execution ended, as AWS stops it.
     *
     * @param childArn null when no child started
     */
    record CloseCall(String taskToken, String childArn, boolean stopChild) implements Command {
    }

    /** This execution, a child a parent waits for, has ended: tell the parent (durably). */
    record NotifyParent(long parentExecutionId, String parentTaskToken) implements Command {
    }

    /**
     * Call the Step Functions API for an {@code aws-sdk:sfn:ACTION} task, then answer with
     * {@link Trigger.ServiceResponded} or {@link Trigger.ServiceFailed}.
     *
     * @param parameters the action's request, in the AWS SDK's member names
     */
    record CallApi(String taskToken, String action, JsonNode parameters) implements Command {
        /**
         * Marks a StartExecution {@code Name} the decision chose because the task gave none: a call made
         * again after a crash that finds it taken has found the execution it started itself. Not an AWS
         * member; the call ignores it.
         */
        public static final String GENERATED_NAME = "BatonGeneratedName";
    }

    /**
     * Start a child execution of a distributed Map's map run (AWS's child workflow execution), then
     * answer with {@link Trigger.ServiceResponded} ({@code ExecutionArn}, {@code StartDate}) or
     * {@link Trigger.ServiceFailed} (AWS's API error name and message). The child runs the Map's
     * ItemProcessor, found at {@code processorPath} in this execution's stored definition, reports its
     * end with {@link Trigger.ChildEnded}, and belongs to the map run. Durable like
     * {@link StartChildExecution}: the child's name makes the start idempotent.
     *
     * @param input the child's input as JSON text
     */
    record StartMapRunChild(String taskToken, String mapRunArn, String executionArn, String name,
                            String stateMachineArn, String stateMachineName, String processorPath, String input)
            implements Command {
    }

    /**
     * Redrive a map run's child execution that failed, timed out or was aborted, then answer like
     * {@link StartMapRunChild}. A child already redriven at or after {@code redrivenAt} (epoch ms, the
     * map run's redrive) counts as done, so the call can be made again after a crash.
     */
    record RedriveMapRunChild(String taskToken, String mapRunArn, String executionArn, long redrivenAt)
            implements Command {
    }

    /** The map run no longer waits for this child (it failed or was aborted): its call goes, and the child is stopped. */
    record AbortMapRunChild(String taskToken, String mapRunArn, String executionArn) implements Command {
    }

    /** Write the map run's record (DescribeMapRun, ListMapRuns); {@code created} for the first write. */
    record SaveMapRun(MapRunRecord record, boolean created) implements Command {
    }

    /** Arm a durable timer that fires {@link Trigger.TimerFired} at {@code dueAt} (epoch ms). */
    record StartTimer(String timerId, long dueAt) implements Command {
    }

    /** Disarm a timer (it may already have fired). */
    record CancelTimer(String timerId) implements Command {
    }
}
