package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code InvalidArn}: an ARN is malformed. */
public final class InvalidArnException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "InvalidArn";

  /** @param message the broker's message */
  public InvalidArnException(String message) {
    super(ERROR_NAME, message, Status.Code.INVALID_ARGUMENT);
  }
}
