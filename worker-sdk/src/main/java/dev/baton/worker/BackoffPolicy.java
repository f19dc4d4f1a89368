package dev.baton.worker;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off: after the n-th failure in a row, wait
 * {@code min(maxDelay, initialDelay * multiplier^(n-1))}, less a random share of up to
 * {@code jitter} of it so that many workers restarted together do not retry in step.
 *
 * @param initialDelay the wait after the first failure
 * @param maxDelay the longest wait
 * @param multiplier the growth of the wait per failure, at least 1
 * @param jitter the random share taken off each wait, in [0, 1)
 */
public record BackoffPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {

  public BackoffPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive: " + initialDelay);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay " + maxDelay + " must not be shorter than initialDelay " + initialDelay);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
    }
  }

  /**
   * The wait after {@code failures} failures in a row.
   *
   * @param failures failures in a row, at least 1
   * @param random a number in [0, 1) choosing the jitter
   */
  public Duration delay(int failures, double random) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    double nanos = initialDelay.toNanos() * Math.pow(multiplier, failures - 1);
    double capped = Math.min(nanos, maxDelay.toNanos());
    return Duration.ofNanos((long) (capped * (1.0 - jitter * random)));
  }
}
