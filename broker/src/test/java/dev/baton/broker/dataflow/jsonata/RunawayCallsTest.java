package dev.baton.broker.dataflow.jsonata;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.expr;
import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.scopeBuilder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review finding: the evaluation timeout is checked between evaluation steps only, and the library's
 * $pad builds its padding by string concatenation in a loop (quadratic time and allocation).
 * ProvidedFunctions.pad checks only the width against maxValueSize (10 Mi), so one call is allowed
 * to run for ~45 minutes (1,000,000 already takes ~26 s and allocates ~500 GB here) on a runtime
 * thread, and no bound can stop it.
 */
class RunawayCallsTest {
    @Test
    void aSinglePadCallStopsWithinTheTimeout() {
        JsonataScope scope = scopeBuilder("{}").limits(JsonataLimits.builder().timeout(Duration.ofMillis(200)).build()).build();
        long started = System.nanoTime();
        try {
            expr("$length($pad('', 400000))", scope);
        } catch (QueryEvaluationException e) {
            // Refusing the call, or stopping it at the timeout, is fine.
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMs).as("ms one $pad call ran with a 200 ms timeout").isLessThan(1_000);
    }
}
