package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code StateMachineDeleting}: the state machine is being deleted. */
public final class StateMachineDeletingException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "StateMachineDeleting";

  /** @param message the broker's message */
  public StateMachineDeletingException(String message) {
    super(ERROR_NAME, message, Status.Code.FAILED_PRECONDITION);
  }
}
