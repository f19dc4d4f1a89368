package dev.baton.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.worker.ActivityFailure;
import org.junit.jupiter.api.Test;

class TaskResultTest {

  @Test
  void anonymousExceptionClassesAreNamedByTheirBinaryName() {
    RuntimeException anonymous = new RuntimeException("odd") {};

    TaskResult.Failure failure = TaskResult.Failure.of(anonymous);

    assertThat(failure.error()).isEqualTo(anonymous.getClass().getName());
    assertThat(failure.cause()).isEqualTo("odd");
  }

  @Test
  void activityFailureKeepsItsErrorEvenWithAnUnderlyingException() {
    TaskResult.Failure failure = TaskResult.Failure.of(
        new ActivityFailure("Upstream.Timeout", "payments did not answer", new java.io.IOException("read timed out")));

    assertThat(failure).isEqualTo(new TaskResult.Failure("Upstream.Timeout", "payments did not answer"));
  }

  @Test
  void cuttingNeverSplitsASurrogatePair() {
    String cause = "x".repeat(TaskResult.MAX_CAUSE_LENGTH - 1) + "\uD83D\uDE00";

    TaskResult.Failure failure = new TaskResult.Failure("E", cause);

    assertThat(failure.cause()).hasSize(TaskResult.MAX_CAUSE_LENGTH - 1);
  }
}
