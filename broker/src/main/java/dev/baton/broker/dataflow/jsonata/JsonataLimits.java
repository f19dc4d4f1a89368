package dev.baton.broker.dataflow.jsonata;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one JSONata evaluation, so that a hostile or careless expression fails its state with
 * States.QueryEvaluationError instead of hanging or exhausting the broker.
 *
 * @param timeout      how long one expression may evaluate
 * @param maxDepth     how deeply evaluation may nest (AWS refuses an evaluation nested deeper than
 *                     100 steps: a non-tail-recursive function, a long chain of operators)
 * @param maxValueSize the largest value one evaluation step may produce, counted as characters for
 *                     strings and {@value #SCALAR_SIZE} per number, boolean or null, summed over
 *                     arrays and objects (keys included); shared parts are counted each time they
 *                     appear, because that is what writing the value out costs
 */
public record JsonataLimits(Duration timeout, int maxDepth, long maxValueSize) {
    /** What a number, boolean or null counts for against {@link #maxValueSize}. */
    public static final int SCALAR_SIZE = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_DEPTH = 100;
    /** 10 Mi, the size AWS allows for all of an execution's variables together. */
    public static final long DEFAULT_MAX_VALUE_SIZE = 10L * 1024 * 1024;

    public static final JsonataLimits DEFAULT = new JsonataLimits(DEFAULT_TIMEOUT, DEFAULT_MAX_DEPTH, DEFAULT_MAX_VALUE_SIZE);

    public JsonataLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1: " + maxDepth);
        }
        if (maxValueSize < 1) {
            throw new IllegalArgumentException("maxValueSize must be at least 1: " + maxValueSize);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private long maxValueSize = DEFAULT_MAX_VALUE_SIZE;

        private Builder() {
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder maxDepth(int maxDepth) {
            this.maxDepth = maxDepth;
            return this;
        }

        public Builder maxValueSize(long maxValueSize) {
            this.maxValueSize = maxValueSize;
            return this;
        }

        public JsonataLimits build() {
            return new JsonataLimits(timeout, maxDepth, maxValueSize);
        }
    }
}
