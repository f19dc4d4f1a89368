package dev.baton.worker.client;

/** An execution's status, as AWS names it. */
public enum ExecutionStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  ABORTED,
  PENDING_REDRIVE;

  /** Whether the execution has ended. */
  public boolean isFinal() {
    return this != RUNNING && this != PENDING_REDRIVE;
  }
}
