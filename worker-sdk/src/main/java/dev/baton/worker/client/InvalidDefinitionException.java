package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code InvalidDefinition}: the Amazon States Language definition is not valid; the message says where. */
public final class InvalidDefinitionException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "InvalidDefinition";

  /** @param message the broker's message */
  public InvalidDefinitionException(String message) {
    super(ERROR_NAME, message, Status.Code.INVALID_ARGUMENT);
  }
}
