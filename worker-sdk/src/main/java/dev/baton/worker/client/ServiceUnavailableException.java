package dev.baton.worker.client;

import io.grpc.Status;

/** AWS's {@code ServiceUnavailable}: the broker cannot be reached or is restarting; the call may be retried. */
public final class ServiceUnavailableException extends BatonException {

  /** The AWS error name. */
  public static final String ERROR_NAME = "ServiceUnavailable";

  /** @param message the broker's message */
  public ServiceUnavailableException(String message) {
    super(ERROR_NAME, message, Status.Code.UNAVAILABLE);
  }
}
