package dev.baton.broker.dataflow.jsonata;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.expr;
import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.json;
import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.scope;
import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.scopeBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvaluationBoundsTest {

    private static JsonataScope limited(JsonataLimits limits) {
        return scopeBuilder("{}").limits(limits).build();
    }

    @Test
    void anEndlessLoopStopsAtTheTimeout() {
        // A tail call: the engine loops instead of nesting, so only the clock can end it.
        JsonataScope scope = limited(JsonataLimits.builder().timeout(Duration.ofMillis(200)).build());
        assertThatThrownBy(() -> expr("($f := function($n) { $f($n + 1) }; $f(1))", scope))
                .isInstanceOfSatisfying(QueryEvaluationException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
                    assertThat(e.cause()).isEqualTo("The JSONata expression '($f := function($n) { $f($n + 1) }; $f(1))'"
                            + " specified for the field 'Output' threw an error during evaluation: The evaluation did not"
                            + " finish within 200 ms; check for an endless loop");
                });
    }

    @Test
    void deepRecursionStopsAtTheDepthLimit() {
        String factorial = "($f := function($n) { $n <= 1 ? 1 : $n * $f($n - 1) }; $f(%d))";
        assertThat(expr(factorial.formatted(10), scope("{}"))).isEqualTo(json("3628800"));
        assertThatThrownBy(() -> expr(factorial.formatted(5000), scope("{}")))
                .hasMessageEndingWith("threw an error during evaluation: The evaluation is nested more than 100 levels deep;"
                        + " check for a function that calls itself without end");
        String chain = "1" + " + 1".repeat(150);
        assertThatThrownBy(() -> expr(chain, scope("{}"))).hasMessageContaining("nested more than 100 levels");
        assertThat(expr("1" + " + 1".repeat(40), scope("{}"))).isEqualTo(json("41"));
    }

    @Test
    void aValueThatGrowsWithoutEndStopsAtTheSizeLimit() {
        JsonataScope scope = limited(JsonataLimits.builder().maxValueSize(100_000).build());
        // A string that doubles: stopped at the step that passes the limit.
        assertThatThrownBy(() -> expr("($f := function($s) { $f($s & $s) }; $f('x'))", scope))
                .hasMessageContaining("produced a value larger than 100000");
        // A range is counted without being built.
        assertThatThrownBy(() -> expr("$count([1..1000000])", scope)).hasMessageContaining("produced a value larger than");
        assertThat(expr("$count([1..1000])", scope)).isEqualTo(json("1000"));
    }

    @Test
    void aStructureThatRepeatsItselfIsMeasuredAtItsWrittenSize() {
        // [a, a] nested 40 times is small in memory but 2^40 values when written out.
        JsonataScope scope = scope("{}");
        assertThatThrownBy(() -> expr("$reduce([1..40], function($acc, $i) { [$acc, $acc] }, [1])", scope))
                .hasMessageContaining("produced a value larger than");
        assertThatThrownBy(() -> expr("$string($reduce([1..40], function($acc, $i) { [$acc, $acc] }, [1]))", scope))
                .hasMessageContaining("produced a value larger than");
    }

    @Test
    void aResultNestedDeeperThanTheBrokerReadsIsRefused() {
        assertThatThrownBy(() -> expr("$reduce([1..300], function($acc, $i) { {'a': $acc} }, {})", scope("{}")))
                .hasMessageContaining("nested more than 256 levels");
    }

    @Test
    void engineMessagesUseJsonataJsWording() {
        assertThatThrownBy(() -> expr("$reduce([1, 2], function($a) { $a })", scope("{}")))
                .hasMessageEndingWith("D3050: The second argument of reduce function must be a function with at least two arguments");
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> JsonataLimits.builder().timeout(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonataLimits.builder().maxDepth(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonataLimits.builder().maxValueSize(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(JsonataLimits.DEFAULT.maxDepth()).isEqualTo(100);
    }
}
