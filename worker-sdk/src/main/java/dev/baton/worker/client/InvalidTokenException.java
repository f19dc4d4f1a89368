package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code InvalidToken}: a task token, or a pagination token, is malformed or unknown. */
public final class InvalidTokenException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "InvalidToken";

  /** @param message the broker's message */
  public InvalidTokenException(String message) {
    super(ERROR_NAME, message, Status.Code.INVALID_ARGUMENT);
  }
}
