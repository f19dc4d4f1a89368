package dev.baton.worker.internal;

import dev.baton.worker.BackoffPolicy;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Counts failures in a row and says how long to wait before the next attempt: the normal policy,
 * or a longer one after RESOURCE_EXHAUSTED, when the broker asks clients to slow down (the idea of
 * Temporal's BackoffThrottler). A success resets it. Shared by a worker's pollers.
 */
public final class Backoff {

  private final BackoffPolicy normal;
  private final BackoffPolicy resourceExhausted;
  private final DoubleSupplier random;
  private int failures;
  private boolean exhausted;

  public Backoff(BackoffPolicy normal, BackoffPolicy resourceExhausted) {
    this(normal, resourceExhausted, () -> ThreadLocalRandom.current().nextDouble());
  }

  Backoff(BackoffPolicy normal, BackoffPolicy resourceExhausted, DoubleSupplier random) {
    this.normal = normal;
    this.resourceExhausted = resourceExhausted;
    this.random = random;
  }

  public synchronized void success() {
    failures = 0;
    exhausted = false;
  }

  /** Records a failure; returns whether it is the first of a streak (worth a log line). */
  public synchronized boolean failure(Status.Code code) {
    failures = Math.min(failures + 1, 1_000);
    exhausted = code == Status.Code.RESOURCE_EXHAUSTED;
    return failures == 1;
  }

  /** Zero after a success; otherwise the wait the last failure calls for. */
  public synchronized Duration delay() {
    return (exhausted ? resourceExhausted : normal).delay(failures, random.getAsDouble());
  }

  public synchronized int failures() {
    return failures;
  }
}
