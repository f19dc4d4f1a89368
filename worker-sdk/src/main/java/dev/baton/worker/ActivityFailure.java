package dev.baton.worker;

import java.util.Objects;

/**
 * Thrown by a handler to fail its task with a chosen error name, which the state machine's
 * {@code Retry} and {@code Catch} fields match ({@code "ErrorEquals": ["PaymentDeclined"]}).
 *
 * <p>Any other exception fails the task too, with the exception class's simple name as the error.
 * The cause is this exception's message. AWS limits an error to 256 characters and a cause to
 * 32768; longer values are cut to fit.
 */
public class ActivityFailure extends RuntimeException {

  /** Error sent when a task's input does not map to a typed handler's input type. */
  public static final String INVALID_INPUT = "InvalidActivityInput";

  /**
   * Error sent when a handler's output cannot be written as JSON or the broker refuses it (not
   * JSON, or over 256 KiB), so the execution learns at once instead of waiting for a time-out.
   */
  public static final String INVALID_OUTPUT = "InvalidActivityOutput";

  /** Error sent for a task that reached the worker after {@link ActivityWorker#shutdownNow()}. */
  public static final String WORKER_SHUTDOWN = "WorkerShutdown";

  private final String error;

  /**
   * @param error the error name reported to the broker
   * @param cause a message a person can act on, reported as the failure's cause
   */
  public ActivityFailure(String error, String cause) {
    super(cause);
    this.error = requireError(error);
  }

  /**
   * @param error the error name reported to the broker
   * @param cause a message a person can act on, reported as the failure's cause
   * @param throwable the underlying exception, kept for logs
   */
  public ActivityFailure(String error, String cause, Throwable throwable) {
    super(cause, throwable);
    this.error = requireError(error);
  }

  /** The error name reported to the broker. */
  public String error() {
    return error;
  }

  private static String requireError(String error) {
    Objects.requireNonNull(error, "error");
    if (error.isBlank()) {
      throw new IllegalArgumentException("error must not be blank");
    }
    return error;
  }
}
