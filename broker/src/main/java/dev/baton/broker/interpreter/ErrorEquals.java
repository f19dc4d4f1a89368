package dev.baton.broker.interpreter;

import java.util.List;

/**
 * AWS's rules for matching a failure against a Retrier's or Catcher's {@code ErrorEquals}:
 * <ul>
 *   <li>a name matches the same error name;</li>
 *   <li>{@code States.ALL} matches any error, except the terminal States.Runtime and
 *       States.DataLimitExceeded, which no Retrier or Catcher handles (AWS: "States.ALL ... can't catch
 *       the States.DataLimitExceeded terminal error or the Runtime error types");</li>
 *   <li>{@code States.TaskFailed} matches any error except States.Timeout (ASL spec: "acts as a
 *       wildcard that matches any known error name except for States.Timeout");</li>
 *   <li>{@code States.HeartbeatTimeout} matches a task that stopped heartbeating, which AWS records as
 *       States.Timeout, so {@code States.Timeout} matches it too.</li>
 * </ul>
 */
final class ErrorEquals {
    static final String ALL = "States.ALL";
    static final String TASK_FAILED = "States.TaskFailed";

    private ErrorEquals() {
    }

    static boolean matches(List<String> errorEquals, StateFailure failure) {
        if (failure.isTerminal()) {
            return false;
        }
        for (String name : errorEquals) {
            if (matches(name, failure)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String name, StateFailure failure) {
        return switch (name) {
            case ALL -> true;
            case TASK_FAILED -> !StateFailure.TIMEOUT.equals(failure.error());
            case StateFailure.HEARTBEAT_TIMEOUT -> failure.isHeartbeatTimeout();
            default -> name.equals(failure.error());
        };
    }
}
