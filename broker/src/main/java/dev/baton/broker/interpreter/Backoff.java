package dev.baton.broker.interpreter;

import dev.baton.broker.definition.model.Retrier;

import java.util.SplittableRandom;

/**
 * A Retrier's wait before an attempt, as AWS computes it: {@code IntervalSeconds x BackoffRate^n}
 * for the n-th retry (n from 0), at most {@code MaxDelaySeconds}; with {@code JitterStrategy FULL}
 * a uniformly random wait between 0 and that delay. The interpreter is deterministic, so the
 * jitter's randomness comes from a seed the caller derives from the execution and the event.
 */
final class Backoff {
    private Backoff() {
    }

    /**
     * @param retrier     the matching retrier
     * @param retriesDone how many times this retrier has already retried the state
     * @param seed        the jitter's seed
     * @return the wait in milliseconds
     */
    static long delayMillis(Retrier retrier, int retriesDone, long seed) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate().doubleValue(), retriesDone);
        if (retrier.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        // BackoffRate^n grows without bound: keep the wait finite and within what a timer can hold.
        seconds = Math.min(seconds, MAX_DELAY_SECONDS);
        if (retrier.jitterStrategy() == Retrier.JitterStrategy.FULL) {
            seconds = new SplittableRandom(seed).nextDouble() * seconds;
        }
        return Math.round(seconds * 1000);
    }

    /** The longest wait Baton arms: 99999999 s, ASL's largest IntervalSeconds/MaxDelaySeconds. */
    static final double MAX_DELAY_SECONDS = 99_999_999;
}
