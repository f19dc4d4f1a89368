package dev.baton.broker.dataflow.jsonata;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pins what is read from the engine's syntax tree; an engine upgrade that changes the tree fails here. */
class ExpressionAnalysisTest {

    private static ExpressionAnalysis analyse(String expression) throws Exception {
        return JsonataExpression.compile(expression).analysis();
    }

    @Test
    void variablesAndStatesFields() throws Exception {
        ExpressionAnalysis a = analyse("$sum($states.input.values) + $bias + $states.context.State.RetryCount");
        assertThat(a.variables()).contains("sum", "states", "bias");
        assertThat(a.statesFields()).containsExactlyInAnyOrder("input", "context");
        assertThat(a.topLevelNames()).isEmpty();
        assertThat(analyse("$keys($states)").statesFields()).containsExactly("*");
        assertThat(analyse("$states.errorOutput").statesFields()).containsExactly("errorOutput");
    }

    @Test
    void topLevelReadsAndRootReads() throws Exception {
        assertThat(analyse("a.b.c").topLevelNames()).containsExactly("a");
        assertThat(analyse("*").topLevelNames()).containsExactly("*");
        assertThat(analyse("**").topLevelNames()).containsExactly("**");
        assertThat(analyse("-a").topLevelNames()).containsExactly("a");
        assertThat(analyse("[a, $b]").topLevelNames()).containsExactly("a");
        assertThat(analyse("$f(?, b)").topLevelNames()).containsExactly("b");
        assertThat(analyse("$states.input ~> $count()").topLevelNames()).isEmpty();
        assertThat(analyse("$").readsContextItem()).isTrue();
        assertThat(analyse("$states.input.a[$ = 1]").readsContextItem()).isFalse();
        assertThat(analyse("$$").readsRoot()).isTrue();
        assertThat(analyse("$states.input@$o.c").topLevelNames()).isEmpty();
        assertThat(analyse("$states.input#$i.c").topLevelNames()).isEmpty();
    }
}
