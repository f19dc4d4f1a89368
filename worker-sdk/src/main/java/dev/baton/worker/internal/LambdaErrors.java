package dev.baton.worker.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.worker.ActivityFailure;
import dev.baton.worker.FunctionFailure;

/**
 * A function's exception as Lambda reports an unhandled error: the error is its type, and the
 * cause is Lambda's error object {@code {"errorMessage", "errorType", "requestId", "stackTrace"}},
 * which the state machine's Catch passes on as {@code Cause}. The message, then the stack trace, are
 * cut so that the serialized cause stays within AWS's 32768 characters and stays JSON (a cause cut
 * in the middle could not be parsed by a Catch that reads it with {@code States.StringToJson}).
 */
public final class LambdaErrors {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Room kept for the type, request id and JSON punctuation. */
  private static final int RESERVED = 1_024;
  /** The most of the cause a message may take; the stack trace gets what is left. */
  private static final int MESSAGE_BUDGET = TaskResult.MAX_CAUSE_LENGTH / 2;
  private static final String CUT_MARK = "... (cut)";

  private LambdaErrors() {}

  public static TaskResult.Failure of(Throwable thrown, String requestId) {
    String type = switch (thrown) {
      case FunctionFailure f -> f.errorType();
      case ActivityFailure a -> a.error();
      default -> thrown.getClass().getSimpleName().isEmpty()
          ? thrown.getClass().getName()
          : thrown.getClass().getSimpleName();
    };
    String message = thrown.getMessage();
    // Budgets count serialized characters: escaping can make a character up to six.
    if (message != null && serializedLength(message) > MESSAGE_BUDGET) {
      message = cutToSerialized(message, MESSAGE_BUDGET - CUT_MARK.length()) + CUT_MARK;
    }
    ObjectNode error = MAPPER.createObjectNode();
    error.put("errorMessage", message);
    error.put("errorType", cutToSerialized(type, 256));
    error.put("requestId", requestId);
    ArrayNode trace = error.putArray("stackTrace");
    int used = RESERVED + (message == null ? 0 : serializedLength(message));
    for (StackTraceElement frame : thrown.getStackTrace()) {
      String line = frame.toString();
      used += serializedLength(line) + 3;
      if (used > TaskResult.MAX_CAUSE_LENGTH) {
        break;
      }
      trace.add(line);
    }
    try {
      return new TaskResult.Failure(type, MAPPER.writeValueAsString(error));
    } catch (JsonProcessingException e) {
      return new TaskResult.Failure(type, message);
    }
  }

  /** Length of the text as a JSON string's contents. */
  private static int serializedLength(String text) {
    try {
      return MAPPER.writeValueAsString(text).length() - 2;
    } catch (JsonProcessingException e) {
      return text.length() * 6;
    }
  }

  /** The longest prefix of {@code text} whose JSON form fits in {@code max} characters (never splitting a pair). */
  private static String cutToSerialized(String text, int max) {
    if (serializedLength(text) <= max) {
      return text;
    }
    int end = Math.min(text.length(), max);
    while (end > 0 && serializedLength(text.substring(0, end)) > max) {
      end = Math.max(0, end - Math.max(1, (serializedLength(text.substring(0, end)) - max) / 6));
    }
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
