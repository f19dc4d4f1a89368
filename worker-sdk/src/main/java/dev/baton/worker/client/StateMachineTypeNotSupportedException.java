package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code StateMachineTypeNotSupported}: the state machine type is not supported for this operation. */
public final class StateMachineTypeNotSupportedException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "StateMachineTypeNotSupported";

  /** @param message the broker's message */
  public StateMachineTypeNotSupportedException(String message) {
    super(ERROR_NAME, message, Status.Code.INVALID_ARGUMENT);
  }
}
