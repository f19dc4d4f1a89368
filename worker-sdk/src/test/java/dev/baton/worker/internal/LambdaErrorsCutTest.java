package dev.baton.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Review finding: LambdaErrors budgets only the stack trace (32768 - 4096 characters), not the
 * message; TaskResult.Failure then cuts the serialized error object at 32768 characters, leaving
 * a cause that is not JSON. A Catch that parses it (States.StringToJson($.Cause), $parse) fails.
 */
class LambdaErrorsCutTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aLongMessageWithADeepStackStillGivesAJsonCause() {
    RuntimeException e = new RuntimeException("x".repeat(6_000));
    StackTraceElement[] frames = new StackTraceElement[2_000];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = new StackTraceElement("some.pkg.SomeClass", "method" + i, "SomeClass.java", i);
    }
    e.setStackTrace(frames);
    TaskResult.Failure failure = LambdaErrors.of(e, "req-1");
    assertThat(failure.cause().length()).isLessThanOrEqualTo(TaskResult.MAX_CAUSE_LENGTH);
    assertThatCode(() -> JSON.readTree(failure.cause())).as("the cause parses as JSON").doesNotThrowAnyException();
  }

  @Test
  void aHugeMessageStillGivesAJsonCause() {
    TaskResult.Failure failure = LambdaErrors.of(new RuntimeException("y".repeat(100_000)), "req-2");
    assertThatCode(() -> JSON.readTree(failure.cause())).as("the cause parses as JSON").doesNotThrowAnyException();
  }
}
