package dev.baton.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.baton.worker.BackoffPolicy;
import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final BackoffPolicy NORMAL =
      new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2);
  private static final BackoffPolicy EXHAUSTED =
      new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, 0.2);

  @Test
  void delaysGrowExponentiallyUpToTheMaximum() {
    assertThat(NORMAL.delay(1, 0)).isEqualTo(Duration.ofMillis(100));
    assertThat(NORMAL.delay(2, 0)).isEqualTo(Duration.ofMillis(200));
    assertThat(NORMAL.delay(4, 0)).isEqualTo(Duration.ofMillis(800));
    assertThat(NORMAL.delay(5, 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(NORMAL.delay(1_000, 0)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void jitterTakesOffAtMostItsShare() {
    assertThat(NORMAL.delay(1, 0.999)).isBetween(Duration.ofMillis(80), Duration.ofMillis(100));
  }

  @Test
  void noFailuresNoDelay() {
    Backoff backoff = new Backoff(NORMAL, EXHAUSTED, () -> 0);

    assertThat(backoff.delay()).isZero();
  }

  @Test
  void resourceExhaustedBacksOffLongerAndSuccessResets() {
    Backoff backoff = new Backoff(NORMAL, EXHAUSTED, () -> 0);

    assertThat(backoff.failure(Status.Code.UNAVAILABLE)).isTrue();
    assertThat(backoff.delay()).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.failure(Status.Code.RESOURCE_EXHAUSTED)).isFalse();
    assertThat(backoff.delay()).isEqualTo(Duration.ofSeconds(2));
    backoff.failure(Status.Code.UNAVAILABLE);
    assertThat(backoff.delay()).isEqualTo(Duration.ofMillis(400));

    backoff.success();

    assertThat(backoff.delay()).isZero();
    assertThat(backoff.failure(Status.Code.UNAVAILABLE)).isTrue();
  }

  @Test
  void policyRejectsNonsense() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new BackoffPolicy(Duration.ZERO, Duration.ofSeconds(1), 2, 0))
        .withMessageContaining("initialDelay");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0))
        .withMessageContaining("maxDelay");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0))
        .withMessageContaining("multiplier");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1))
        .withMessageContaining("jitter");
  }
}
