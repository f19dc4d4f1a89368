package dev.baton.worker;

/**
 * Thrown by {@link ActivityContext#heartbeat()} once the task has been cancelled, so a handler
 * that heartbeats in its loop stops there. The worker drops the completion of a task that ended on
 * the broker, so this exception is never reported as the task's failure in that case.
 */
public final class ActivityCancelledException extends RuntimeException {

  private final Cancellation cancellation;

  /** @param cancellation why the task was cancelled */
  public ActivityCancelledException(Cancellation cancellation) {
    super(cancellation.message());
    this.cancellation = cancellation;
  }

  /** Why the task was cancelled. */
  public Cancellation cancellation() {
    return cancellation;
  }
}
