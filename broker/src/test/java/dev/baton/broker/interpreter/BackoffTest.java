package dev.baton.broker.interpreter;

import dev.baton.broker.definition.model.Retrier;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Retry back-off as AWS computes it (concepts-error-handling, "Retry behavior"). */
class BackoffTest {
    static Retrier retrier(int interval, String rate, Integer maxDelay, Retrier.JitterStrategy jitter) {
        return new Retrier(List.of("States.ALL"), interval, 3, new BigDecimal(rate), maxDelay, jitter, null);
    }

    @Test
    void intervalGrowsByTheBackoffRate() {
        // AWS docs example: IntervalSeconds 3, BackoffRate 1.5 -> 3 s, then 4.5 s.
        Retrier r = retrier(3, "1.5", null, Retrier.JitterStrategy.NONE);
        assertThat(Backoff.delayMillis(r, 0, 1)).isEqualTo(3_000);
        assertThat(Backoff.delayMillis(r, 1, 1)).isEqualTo(4_500);
        assertThat(Backoff.delayMillis(r, 2, 1)).isEqualTo(6_750);
    }

    @Test
    void theDefaultsWaitOneTwoFourSeconds() {
        Retrier r = new Retrier(List.of("States.ALL"), Retrier.DEFAULT_INTERVAL_SECONDS, Retrier.DEFAULT_MAX_ATTEMPTS,
                Retrier.DEFAULT_BACKOFF_RATE, null, Retrier.JitterStrategy.NONE, null);
        assertThat(List.of(Backoff.delayMillis(r, 0, 0), Backoff.delayMillis(r, 1, 0), Backoff.delayMillis(r, 2, 0)))
                .containsExactly(1_000L, 2_000L, 4_000L);
    }

    @Test
    void maxDelaySecondsCapsTheWait() {
        Retrier r = retrier(2, "3.0", 10, Retrier.JitterStrategy.NONE);
        assertThat(Backoff.delayMillis(r, 0, 0)).isEqualTo(2_000);
        assertThat(Backoff.delayMillis(r, 1, 0)).isEqualTo(6_000);
        assertThat(Backoff.delayMillis(r, 2, 0)).isEqualTo(10_000);
        assertThat(Backoff.delayMillis(r, 30, 0)).isEqualTo(10_000);
    }

    @Test
    void aHugeBackoffStaysFinite() {
        Retrier r = retrier(1, "10", null, Retrier.JitterStrategy.NONE);
        assertThat(Backoff.delayMillis(r, 400, 0)).isEqualTo((long) (Backoff.MAX_DELAY_SECONDS * 1000));
    }

    @Test
    void fullJitterWaitsBetweenZeroAndTheDelayDeterministicallyPerSeed() {
        Retrier r = retrier(10, "2.0", null, Retrier.JitterStrategy.FULL);
        long previous = -1;
        boolean varies = false;
        for (long seed = 0; seed < 200; seed++) {
            long d = Backoff.delayMillis(r, 1, seed);
            assertThat(d).isBetween(0L, 20_000L);
            assertThat(Backoff.delayMillis(r, 1, seed)).as("same seed, same wait").isEqualTo(d);
            varies |= previous >= 0 && d != previous;
            previous = d;
        }
        assertThat(varies).isTrue();
    }
}
