package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code ExecutionDoesNotExist}: no execution has the given ARN. */
public final class ExecutionDoesNotExistException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "ExecutionDoesNotExist";

  /** @param message the broker's message */
  public ExecutionDoesNotExistException(String message) {
    super(ERROR_NAME, message, Status.Code.NOT_FOUND);
  }
}
