package dev.baton.worker.internal;

import dev.baton.worker.ActivityFailure;
import dev.baton.worker.FunctionFailure;

/** What a handler produced: an output to report with SendTaskSuccess, or a failure. */
public sealed interface TaskResult {

  /** AWS's limits on SendTaskFailure's fields. */
  int MAX_ERROR_LENGTH = 256;
  int MAX_CAUSE_LENGTH = 32_768;

  /** @param output JSON text */
  record Success(String output) implements TaskResult {}

  /**
   * @param error the error name, at most 256 characters
   * @param cause the cause, at most 32768 characters, or null for none
   */
  record Failure(String error, String cause) implements TaskResult {

    public Failure {
      error = cut(error, MAX_ERROR_LENGTH);
      cause = cause == null ? null : cut(cause, MAX_CAUSE_LENGTH);
    }

    /**
     * The failure a thrown exception stands for: an {@link ActivityFailure}'s error, else the
     * exception class's simple name (the binary name for an anonymous class); the message is the
     * cause.
     */
    public static Failure of(Throwable thrown) {
      if (thrown instanceof ActivityFailure failure) {
        return new Failure(failure.error(), failure.getMessage());
      }
      if (thrown instanceof FunctionFailure failure) {
        return new Failure(failure.errorType(), failure.getMessage());
      }
      String name = thrown.getClass().getSimpleName();
      if (name.isEmpty()) {
        name = thrown.getClass().getName();
      }
      return new Failure(name, thrown.getMessage());
    }

    private static String cut(String text, int max) {
      if (text.length() <= max) {
        return text;
      }
      // Do not split a surrogate pair.
      int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
      return text.substring(0, end);
    }
  }
}
