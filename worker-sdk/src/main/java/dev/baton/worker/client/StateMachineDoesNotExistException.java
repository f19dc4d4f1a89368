package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code StateMachineDoesNotExist}: no state machine has the given ARN. */
public final class StateMachineDoesNotExistException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "StateMachineDoesNotExist";

  /** @param message the broker's message */
  public StateMachineDoesNotExistException(String message) {
    super(ERROR_NAME, message, Status.Code.NOT_FOUND);
  }
}
