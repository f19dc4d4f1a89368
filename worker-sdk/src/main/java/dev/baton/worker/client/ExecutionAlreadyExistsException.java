package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code ExecutionAlreadyExists}: an execution with the same name (and a different input) already exists for the state machine. */
public final class ExecutionAlreadyExistsException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "ExecutionAlreadyExists";

  /** @param message the broker's message */
  public ExecutionAlreadyExistsException(String message) {
    super(ERROR_NAME, message, Status.Code.ALREADY_EXISTS);
  }
}
