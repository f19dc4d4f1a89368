package dev.baton.worker;

import java.util.Objects;

/**
 * Thrown by a function handler to fail its invocation with a chosen error type, as a Lambda
 * function raises a custom error: the state machine's {@code Retry} and {@code Catch} match the
 * type ({@code "ErrorEquals": ["CardDeclined"]}), and the cause is Lambda's error object with this
 * exception's message as {@code errorMessage}. Any other exception fails the invocation too, with
 * the exception class's simple name as the type.
 */
public class FunctionFailure extends RuntimeException {

  private final String errorType;

  /**
   * @param errorType the error type reported (Lambda's {@code errorType})
   * @param message a message a person can act on (Lambda's {@code errorMessage})
   */
  public FunctionFailure(String errorType, String message) {
    super(message);
    this.errorType = requireType(errorType);
  }

  /** As {@link #FunctionFailure(String, String)}, keeping the underlying exception for logs. */
  public FunctionFailure(String errorType, String message, Throwable cause) {
    super(message, cause);
    this.errorType = requireType(errorType);
  }

  /** The error type reported. */
  public String errorType() {
    return errorType;
  }

  private static String requireType(String errorType) {
    Objects.requireNonNull(errorType, "errorType");
    if (errorType.isBlank()) {
      throw new IllegalArgumentException("errorType must not be blank");
    }
    return errorType;
  }
}
