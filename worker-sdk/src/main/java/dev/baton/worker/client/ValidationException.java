package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code ValidationException}: a request field is missing or out of range. */
public final class ValidationException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "ValidationException";

  /** @param message the broker's message */
  public ValidationException(String message) {
    super(ERROR_NAME, message, Status.Code.INVALID_ARGUMENT);
  }
}
