package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code StateMachineAlreadyExists}: a state machine with the same name has another definition or type. */
public final class StateMachineAlreadyExistsException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "StateMachineAlreadyExists";

  /** @param message the broker's message */
  public StateMachineAlreadyExistsException(String message) {
    super(ERROR_NAME, message, Status.Code.ALREADY_EXISTS);
  }
}
