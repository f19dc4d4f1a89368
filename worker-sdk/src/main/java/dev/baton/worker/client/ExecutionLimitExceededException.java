package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code ExecutionLimitExceeded}: the broker's limit of running executions is reached. */
public final class ExecutionLimitExceededException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "ExecutionLimitExceeded";

  /** @param message the broker's message */
  public ExecutionLimitExceededException(String message) {
    super(ERROR_NAME, message, Status.Code.RESOURCE_EXHAUSTED);
  }
}
