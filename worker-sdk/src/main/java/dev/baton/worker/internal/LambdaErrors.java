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
 * which the state machine's Catch passes on as {@code Cause}. The stack trace is cut so the cause
 * stays within AWS's 32768 characters.
 */
public final class LambdaErrors {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Room kept for the other members when the stack trace is cut. */
  private static final int TRACE_BUDGET = TaskResult.MAX_CAUSE_LENGTH - 4_096;

  private LambdaErrors() {}

  public static TaskResult.Failure of(Throwable thrown, String requestId) {
    String type = switch (thrown) {
      case FunctionFailure f -> f.errorType();
      case ActivityFailure a -> a.error();
      default -> thrown.getClass().getSimpleName().isEmpty()
          ? thrown.getClass().getName()
          : thrown.getClass().getSimpleName();
    };
    ObjectNode error = MAPPER.createObjectNode();
    error.put("errorMessage", thrown.getMessage());
    error.put("errorType", type);
    error.put("requestId", requestId);
    ArrayNode trace = error.putArray("stackTrace");
    int used = 0;
    for (StackTraceElement frame : thrown.getStackTrace()) {
      String line = frame.toString();
      used += line.length() + 4;
      if (used > TRACE_BUDGET) {
        break;
      }
      trace.add(line);
    }
    try {
      return new TaskResult.Failure(type, MAPPER.writeValueAsString(error));
    } catch (JsonProcessingException e) {
      return new TaskResult.Failure(type, thrown.getMessage());
    }
  }
}
