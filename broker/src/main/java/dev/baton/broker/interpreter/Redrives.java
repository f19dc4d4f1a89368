package dev.baton.broker.interpreter;

import java.time.Duration;

/**
 * AWS's rules for which executions RedriveExecution accepts: failed, timed-out or aborted ones whose
 * stop is less than 14 days old and whose history is not full. The reasons are AWS's wording
 * (DescribeExecution's redriveStatusReason).
 */
public final class Redrives {
    /** How long after its end an execution can still be redriven. */
    public static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);

    private Redrives() {
    }

    /** Why the execution cannot be redriven at {@code now}, or null when it can. */
    public static String notRedrivableReason(ExecutionSnapshot s, long now) {
        return switch (s.status) {
            case RUNNING -> "Execution is RUNNING and cannot be redriven.";
            case SUCCEEDED -> "Execution is SUCCEEDED and cannot be redriven.";
            case PENDING_REDRIVE -> "Execution is PENDING_REDRIVE and cannot be redriven.";
            case FAILED, TIMED_OUT, ABORTED -> {
                if (s.lastEventId >= Decider.MAX_HISTORY_EVENTS - 1) {
                    yield "Execution history event limit exceeded.";
                }
                if (now - s.stopTime > REDRIVABLE_PERIOD.toMillis()) {
                    yield "Execution redrivable period exceeded.";
                }
                if (s.redriveState == null) {
                    yield "Execution ended before it entered a state; there is no unsuccessful step to continue from.";
                }
                yield null;
            }
        };
    }
}
