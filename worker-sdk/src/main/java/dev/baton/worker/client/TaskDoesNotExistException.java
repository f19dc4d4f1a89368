package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code TaskDoesNotExist}: no task has the given token. */
public final class TaskDoesNotExistException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "TaskDoesNotExist";

  /** @param message the broker's message */
  public TaskDoesNotExistException(String message) {
    super(ERROR_NAME, message, Status.Code.FAILED_PRECONDITION);
  }
}
