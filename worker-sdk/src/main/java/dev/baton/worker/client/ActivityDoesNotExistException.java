package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code ActivityDoesNotExist}: no activity has the given ARN. */
public final class ActivityDoesNotExistException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "ActivityDoesNotExist";

  /** @param message the broker's message */
  public ActivityDoesNotExistException(String message) {
    super(ERROR_NAME, message, Status.Code.NOT_FOUND);
  }
}
