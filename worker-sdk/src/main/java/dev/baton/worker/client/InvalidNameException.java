package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code InvalidName}: a name is empty, too long or has characters AWS does not allow. */
public final class InvalidNameException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "InvalidName";

  /** @param message the broker's message */
  public InvalidNameException(String message) {
    super(ERROR_NAME, message, Status.Code.INVALID_ARGUMENT);
  }
}
