package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code TaskTimedOut}: the task has already ended: it was completed, timed out, or its execution stopped. */
public final class TaskTimedOutException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "TaskTimedOut";

  /** @param message the broker's message */
  public TaskTimedOutException(String message) {
    super(ERROR_NAME, message, Status.Code.FAILED_PRECONDITION);
  }
}
