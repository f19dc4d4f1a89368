package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code ActivityWorkerLimitExceeded}: too many GetActivityTask polls are waiting on the broker; poll less, or later. */
public final class ActivityWorkerLimitExceededException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "ActivityWorkerLimitExceeded";

  /** @param message the broker's message */
  public ActivityWorkerLimitExceededException(String message) {
    super(ERROR_NAME, message, Status.Code.RESOURCE_EXHAUSTED);
  }
}
