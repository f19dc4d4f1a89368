package dev.baton.worker.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs an action after a delay; a seam so heartbeat throttling is tested without waiting. */
@FunctionalInterface
public interface Scheduler {

  /** Runs {@code action} once after {@code delay}; the returned action cancels it. */
  Runnable schedule(Duration delay, Runnable action);

  /** A scheduler backed by an executor service. */
  static Scheduler of(ScheduledExecutorService executor) {
    return (delay, action) -> {
      ScheduledFuture<?> future = executor.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    };
  }
}
