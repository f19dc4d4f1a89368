package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Something the runtime must do once a decision is committed: hand work to workers, arm timers.
 * The runtime persists each command's durable part in the decision's transaction and applies the
 * in-memory part only after the commit.
 */
public sealed interface Command {

    /**
     * Offer an activity task to the activity's pollers.
     *
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

    /** Arm a durable timer that fires {@link Trigger.TimerFired} at {@code dueAt} (epoch ms). */
    record StartTimer(String timerId, long dueAt) implements Command {
    }

    /** Disarm a timer (it may already have fired). */
    record CancelTimer(String timerId) implements Command {
    }
}
