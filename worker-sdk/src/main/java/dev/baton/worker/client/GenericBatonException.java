package dev.baton.worker.client;

import io.grpc.Status;

/**
 * An error without a subclass of its own: an AWS error this SDK does not name (e.g.
 * {@code InternalFailure}, {@code ThrottlingException}), or a failure of the call itself with no
 * AWS error, such as a passed deadline ({@code DEADLINE_EXCEEDED}).
 */
public final class GenericBatonException extends BatonException {

  /**
   * @param errorName AWS's error name, or the gRPC status code's name
   * @param message the broker's message
   * @param statusCode the gRPC status code
   */
  public GenericBatonException(String errorName, String message, Status.Code statusCode) {
    super(errorName, message, statusCode);
  }
}
