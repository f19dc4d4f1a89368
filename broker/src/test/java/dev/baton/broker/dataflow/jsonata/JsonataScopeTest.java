package dev.baton.broker.dataflow.jsonata;

import dev.baton.broker.dataflow.EvaluationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.CONTEXT;
import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.json;
import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.template;
import static org.assertj.core.api.Assertions.assertThat;

class JsonataScopeTest {

    @Test
    void valuesAreConvertedOncePerScopeWhateverTheNumberOfFieldsAndExpressions() {
        Map<String, Integer> lookups = new HashMap<>();
        EvaluationContext context = EvaluationContext.of(CONTEXT, name -> {
            lookups.merge(name, 1, Integer::sum);
            return name.equals("big") ? json("{`k`: [1, 2, 3]}") : null;
        }, new SplittableRandom(1));
        JsonataScope scope = JsonataScope.builder(json("{`a`: [1, 2]}"), context).build();
        Object states = scope.states();
        Object big = scope.variable("big");
        template("{`x`: `{% $big.k[0] %}`, `y`: `{% $big.k[1] + $states.input.a[0] %}`}").evaluate(scope, "Output");
        template("`{% $count($big.k) %}`").evaluate(scope.withResult(json("1")), "Assign");
        // Each name once: "big", and "count" (a function, not a variable).
        assertThat(lookups).containsOnly(Map.entry("big", 1), Map.entry("count", 1));
        assertThat(scope.variable("big")).isSameAs(big);
        assertThat(scope.states()).isSameAs(states);
        // A derived scope shares the converted input.
        assertThat(((Map<?, ?>) scope.withResult(json("1")).states()).get("input")).isSameAs(((Map<?, ?>) states).get("input"));
    }

    @Test
    void onlyTheVariablesAnExpressionNamesAreLookedUp() {
        AtomicInteger lookups = new AtomicInteger();
        EvaluationContext context = EvaluationContext.of(CONTEXT, name -> {
            lookups.incrementAndGet();
            return null;
        }, new SplittableRandom(1));
        JsonataScope scope = JsonataScope.builder(json("{}"), context).build();
        template("`{% $states.input %}`").evaluate(scope, "Output");
        assertThat(lookups.get()).isZero();
    }

    @Test
    void aScopeWithoutClockReadingsUsesTheContextObjectsTimes() {
        JsonataScope noTimes = JsonataScope.builder(json("{}"), EvaluationContext.of(json("{}"), Map.of(), new SplittableRandom(1))).build();
        assertThat(template("`{% $millis() %}`").evaluate(noTimes, "Output")).isEqualTo(json("0"));
    }
}
