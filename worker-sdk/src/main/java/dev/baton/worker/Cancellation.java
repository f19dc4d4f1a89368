package dev.baton.worker;

import java.util.Objects;

/**
 * Why a running task was cancelled.
 *
 * @param reason what happened
 * @param message details a person can read, e.g. the broker's answer
 */
public record Cancellation(Reason reason, String message) {

  /** What cancelled a task. */
  public enum Reason {
    /**
     * A heartbeat was answered TaskTimedOut: the task has already ended on the broker (it timed
     * out, its execution was stopped, or it was completed by its token elsewhere). Its result will
     * not be reported.
     */
    TASK_TIMED_OUT,
    /** A heartbeat was answered InvalidToken: the broker does not know the task. Its result will
     * not be reported. */
    INVALID_TOKEN,
    /** {@link ActivityWorker#shutdownNow()} was called; the handler's thread is interrupted. Its
     * result is still reported if it returns. */
    WORKER_SHUTDOWN
  }

  public Cancellation {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** Whether the task has ended on the broker, so reporting a result would be pointless. */
  public boolean taskEnded() {
    return reason != Reason.WORKER_SHUTDOWN;
  }
}
