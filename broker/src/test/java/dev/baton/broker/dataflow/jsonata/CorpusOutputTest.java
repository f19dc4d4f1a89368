package dev.baton.broker.dataflow.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.CorpusCases;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replays the shared conformance cases that need no interpreter: a state machine of one JSONata
 * Pass state whose Output reads only {@code $states.input}. The output (or the error and cause)
 * AWS recorded must come out of the Output template evaluated against the case's input. Skipped
 * where the corpus is absent.
 */
class CorpusOutputTest {

    @TestFactory
    Stream<DynamicTest> singlePassStateOutputsMatchAws() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : CorpusCases.group("pure")) {
            JsonNode state = onlyJsonataPassStateWithOutput(c.path("definition"));
            if (state != null) {
                tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> replay(c, state)));
            }
        }
        assertThat(tests).as("corpus cases with a single JSONata Pass state").hasSizeGreaterThan(20);
        return tests.stream();
    }

    private static void replay(JsonNode c, JsonNode state) throws Exception {
        String stateName = c.path("definition").path("States").fieldNames().next();
        JsonataTemplate output = JsonataTemplate.parse(state.get("Output"));
        JsonNode input = c.path("input").isMissingNode() ? Json.MAPPER.createObjectNode() : c.get("input");
        JsonataScope scope = JsonataScope.builder(input, EvaluationContext.of(Json.MAPPER.createObjectNode(), Map.of(),
                new SplittableRandom(1))).build();
        JsonNode expected = c.path("expected");
        if (expected.path("status").asText().equals("SUCCEEDED")) {
            JsonNode actual = output.evaluate(scope, "Output");
            assertThat(Json.parse(Json.write(actual))).isEqualTo(expected.get("output"));
        } else {
            assertThat(expected.path("error").asText()).isEqualTo(QueryEvaluationException.QUERY_EVALUATION_ERROR);
            String prefix = "An error occurred while executing the state '" + stateName + "' (entered at the event id #2). ";
            assertThatThrownBy(() -> output.evaluate(scope, "Output"))
                    .isInstanceOfSatisfying(QueryEvaluationException.class,
                            e -> assertThat(prefix + e.cause()).isEqualTo(expected.path("cause").asText()));
        }
    }

    /** The single state, when the machine is one JSONata Pass state with an Output that reads only the input. */
    private static JsonNode onlyJsonataPassStateWithOutput(JsonNode definition) {
        JsonNode states = definition.path("States");
        if (states.size() != 1) {
            return null;
        }
        JsonNode state = states.elements().next();
        String language = state.path("QueryLanguage").asText(definition.path("QueryLanguage").asText("JSONPath"));
        // A one-state machine has no variables; only the context object would need a running execution.
        boolean readsContext = state.path("Output").toString().contains("$states.context");
        return state.path("Type").asText().equals("Pass") && language.equals("JSONata") && state.has("Output")
                && !readsContext ? state : null;
    }
}
