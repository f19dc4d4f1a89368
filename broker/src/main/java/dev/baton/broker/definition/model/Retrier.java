package dev.baton.broker.definition.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * One element of a Retry field, with AWS's defaults applied by the parser
 * (IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0, JitterStrategy NONE).
 *
 * @param maxDelaySeconds null when not set
 */
public record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, BigDecimal backoffRate,
                      Integer maxDelaySeconds, JitterStrategy jitterStrategy, String comment) {
    public static final int DEFAULT_INTERVAL_SECONDS = 1;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final BigDecimal DEFAULT_BACKOFF_RATE = new BigDecimal("2.0");

    public enum JitterStrategy { FULL, NONE }

    public Retrier {
        errorEquals = List.copyOf(errorEquals);
    }
}
