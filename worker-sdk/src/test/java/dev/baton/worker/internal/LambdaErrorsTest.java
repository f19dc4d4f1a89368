package dev.baton.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.worker.ActivityFailure;
import dev.baton.worker.FunctionFailure;
import org.junit.jupiter.api.Test;

/** A function's exception becomes Lambda's error shape: the type as the error, the error object as the cause. */
class LambdaErrorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aFunctionFailureReportsItsTypeAndLambdasErrorObject() throws Exception {
    TaskResult.Failure failure = LambdaErrors.of(new FunctionFailure("CardDeclined", "over the limit"), "req-1");
    assertThat(failure.error()).isEqualTo("CardDeclined");
    JsonNode cause = JSON.readTree(failure.cause());
    assertThat(cause.fieldNames()).toIterable().containsExactly("errorMessage", "errorType", "requestId", "stackTrace");
    assertThat(cause.path("errorMessage").asText()).isEqualTo("over the limit");
    assertThat(cause.path("errorType").asText()).isEqualTo("CardDeclined");
    assertThat(cause.path("requestId").asText()).isEqualTo("req-1");
    assertThat(cause.path("stackTrace").get(0).asText()).contains("LambdaErrorsTest");
  }

  @Test
  void anyOtherExceptionIsReportedByItsSimpleClassName() {
    assertThat(LambdaErrors.of(new IllegalStateException("bad"), "r").error()).isEqualTo("IllegalStateException");
    assertThat(LambdaErrors.of(new ActivityFailure(ActivityFailure.INVALID_INPUT, "no"), "r").error())
        .isEqualTo(ActivityFailure.INVALID_INPUT);
  }

  @Test
  void aDeepStackIsCutToFitAwssCauseLimit() {
    RuntimeException deep = new RuntimeException("deep");
    StackTraceElement[] frames = new StackTraceElement[5_000];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = new StackTraceElement("some.pkg.SomeClass", "method" + i, "SomeClass.java", i);
    }
    deep.setStackTrace(frames);
    assertThat(LambdaErrors.of(deep, "r").cause().length()).isLessThanOrEqualTo(TaskResult.MAX_CAUSE_LENGTH);
  }
}
