package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code InvalidOutput}: a task output is not JSON or is over 256 KiB. */
public final class InvalidOutputException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "InvalidOutput";

  /** @param message the broker's message */
  public InvalidOutputException(String message) {
    super(ERROR_NAME, message, Status.Code.INVALID_ARGUMENT);
  }
}
