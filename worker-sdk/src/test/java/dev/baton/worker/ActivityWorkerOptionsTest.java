package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ActivityWorkerOptionsTest {

  @Test
  void defaultsAreTheConstants() {
    ActivityWorkerOptions options = ActivityWorkerOptions.defaults();

    assertThat(options.maxConcurrentTasks()).isEqualTo(ActivityWorkerOptions.DEFAULT_MAX_CONCURRENT_TASKS);
    assertThat(options.pollers()).isEqualTo(ActivityWorkerOptions.DEFAULT_POLLERS);
    assertThat(options.pollDeadline()).isEqualTo(ActivityWorkerOptions.DEFAULT_POLL_DEADLINE);
    assertThat(options.heartbeatInterval()).isEqualTo(ActivityWorkerOptions.DEFAULT_HEARTBEAT_INTERVAL);
    assertThat(options.workerName()).isEqualTo(ActivityWorkerOptions.DEFAULT_WORKER_NAME)
        .isNotBlank().hasSizeLessThanOrEqualTo(ActivityWorkerOptions.MAX_WORKER_NAME_LENGTH);
  }

  @Test
  void heartbeatTimeoutSetsTheIntervalToFourFifths() {
    ActivityWorkerOptions options = ActivityWorkerOptions.builder()
        .heartbeatTimeout(Duration.ofSeconds(30))
        .build();

    assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(24));
  }

  @Test
  void toBuilderKeepsEverything() {
    ActivityWorkerOptions options = ActivityWorkerOptions.builder()
        .workerName("w").maxConcurrentTasks(3).pollers(1).virtualThreads(true).autoHeartbeat(true)
        .callDeadline(Duration.ofSeconds(3)).completionRetryTimeout(Duration.ZERO)
        .build();

    assertThat(options.toBuilder().build()).isEqualTo(options);
  }

  @Test
  void optionsOutOfRangeAreNamed() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ActivityWorkerOptions.builder().maxConcurrentTasks(0).build())
        .withMessageContaining("maxConcurrentTasks");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ActivityWorkerOptions.builder().pollers(0).build())
        .withMessageContaining("pollers");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ActivityWorkerOptions.builder().workerName("w".repeat(81)).build())
        .withMessageContaining("workerName");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ActivityWorkerOptions.builder().heartbeatInterval(Duration.ZERO).build())
        .withMessageContaining("heartbeatInterval");
  }
}
