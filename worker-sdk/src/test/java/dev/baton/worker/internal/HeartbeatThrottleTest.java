package dev.baton.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatThrottleTest {

  private static final Duration INTERVAL = Duration.ofSeconds(8);

  /** A settable clock with a scheduler that runs what is due when the clock moves. */
  private static final class ManualTime implements Scheduler {
    long now = 1_000;
    final List<long[]> dueAt = new ArrayList<>();
    final List<Runnable> actions = new ArrayList<>();

    @Override
    public Runnable schedule(Duration delay, Runnable action) {
      long[] due = {now + delay.toNanos()};
      dueAt.add(due);
      actions.add(action);
      return () -> {
        int i = dueAt.indexOf(due);
        if (i >= 0) {
          dueAt.remove(i);
          actions.remove(i);
        }
      };
    }

    /** Moves the clock, running each due action at its own time, earliest first. */
    void advance(Duration by) {
      long target = now + by.toNanos();
      while (true) {
        int earliest = -1;
        for (int i = 0; i < dueAt.size(); i++) {
          if (dueAt.get(i)[0] <= target && (earliest < 0 || dueAt.get(i)[0] < dueAt.get(earliest)[0])) {
            earliest = i;
          }
        }
        if (earliest < 0) {
          break;
        }
        now = Math.max(now, dueAt.remove(earliest)[0]);
        actions.remove(earliest).run();
      }
      now = target;
    }

    int scheduled() {
      return dueAt.size();
    }
  }

  private final ManualTime time = new ManualTime();
  private final List<Long> sentAt = new ArrayList<>();
  private HeartbeatThrottle throttle;
  private boolean answerAtOnce = true;
  private boolean deliver = true;

  private HeartbeatThrottle throttle() {
    throttle = new HeartbeatThrottle(INTERVAL, () -> time.now, time, () -> {
      sentAt.add(time.now);
      if (answerAtOnce) {
        throttle.sent(deliver);
      }
    });
    return throttle;
  }

  @Test
  void firstRequestIsSentAtOnce() {
    throttle().request();

    assertThat(sentAt).containsExactly(1_000L);
  }

  @Test
  void requestsWithinTheIntervalAreFoldedIntoOneSentWhenItEnds() {
    throttle().request();
    for (int i = 0; i < 100; i++) {
      time.advance(Duration.ofMillis(10));
      throttle.request();
    }
    assertThat(sentAt).hasSize(1);

    time.advance(INTERVAL);

    assertThat(sentAt).hasSize(2);
    assertThat(sentAt.get(1) - sentAt.get(0)).isEqualTo(INTERVAL.toNanos());
  }

  @Test
  void noHeartbeatIsSentWhenNoneWasAskedFor() {
    throttle().request();

    time.advance(INTERVAL.multipliedBy(5));

    assertThat(sentAt).hasSize(1);
    assertThat(time.scheduled()).isZero();
  }

  @Test
  void aRequestAfterTheIntervalIsSentAtOnce() {
    throttle().request();
    time.advance(INTERVAL.plusSeconds(1));

    throttle.request();

    assertThat(sentAt).hasSize(2);
  }

  @Test
  void onlyOneHeartbeatIsInFlight() {
    answerAtOnce = false;
    throttle().request();
    time.advance(INTERVAL.multipliedBy(2));
    throttle.request();
    assertThat(sentAt).hasSize(1);

    throttle.sent(true);

    assertThat(sentAt).hasSize(2);
  }

  @Test
  void automaticModeSendsEveryInterval() {
    throttle().automatic();

    time.advance(INTERVAL);
    time.advance(INTERVAL);
    time.advance(INTERVAL);

    assertThat(sentAt).hasSize(4);
  }

  @Test
  void anUndeliveredHeartbeatIsTriedAgainAfterTheInterval() {
    deliver = false;
    throttle().request();
    assertThat(sentAt).hasSize(1);
    deliver = true;

    time.advance(INTERVAL);

    assertThat(sentAt).hasSize(2);
    time.advance(INTERVAL);
    assertThat(sentAt).hasSize(2);
  }

  @Test
  void closeStopsEverything() {
    throttle().automatic();
    throttle.close();

    time.advance(INTERVAL.multipliedBy(3));
    throttle.request();

    assertThat(sentAt).hasSize(1);
    assertThat(time.scheduled()).isZero();
  }
}
