package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code InvalidExecutionInput}: the execution input is not JSON or is over 256 KiB. */
public final class InvalidExecutionInputException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "InvalidExecutionInput";

  /** @param message the broker's message */
  public InvalidExecutionInputException(String message) {
    super(ERROR_NAME, message, Status.Code.INVALID_ARGUMENT);
  }
}
