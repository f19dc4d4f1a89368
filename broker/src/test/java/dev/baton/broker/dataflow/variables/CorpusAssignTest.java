package dev.baton.broker.dataflow.variables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.CorpusCases;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.dataflow.PayloadTemplate;
import dev.baton.broker.dataflow.jsonata.JsonataScope;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the shared conformance cases that are chains of Pass states assigning and reading
 * variables (in either query language) and checks, state by state, the assignedVariables and the
 * output AWS recorded in the StateExited events. Skipped where the corpus is absent.
 */
class CorpusAssignTest {
    private static final Set<String> UNSUPPORTED_HERE = Set.of("InputPath", "OutputPath", "Parameters", "ResultPath",
            "ResultSelector", "Arguments");

    @TestFactory
    Stream<DynamicTest> passChainsAssignAsAwsRecorded() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : CorpusCases.group("pure")) {
            if (isAssigningPassChain(c)) {
                tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> replay(c)));
            }
        }
        assertThat(tests).as("corpus cases that are Pass chains with Assign").hasSizeGreaterThanOrEqualTo(4);
        return tests.stream();
    }

    private static boolean isAssigningPassChain(JsonNode c) {
        JsonNode definition = c.path("definition");
        if (!definition.toString().contains("\"Assign\"") || definition.toString().contains("$states.context")
                || !c.has("expected_history") || !c.path("expected").path("status").asText().equals("SUCCEEDED")) {
            return false;
        }
        for (JsonNode state : definition.path("States")) {
            if (!state.path("Type").asText().equals("Pass") || UNSUPPORTED_HERE.stream().anyMatch(state::has)) {
                return false;
            }
            try {
                if (state.has("Assign") && !jsonata(definition, state)) {
                    PayloadTemplate.parse(state.get("Assign"));
                }
            } catch (DataflowSyntaxException e) {
                return false; // e.g. an intrinsic function, not part of this library
            }
        }
        return true;
    }

    private static boolean jsonata(JsonNode definition, JsonNode state) {
        return state.path("QueryLanguage").asText(definition.path("QueryLanguage").asText("JSONPath")).equals("JSONata");
    }

    private static void replay(JsonNode c) throws Exception {
        JsonNode definition = c.get("definition");
        List<JsonNode> exitEvents = new ArrayList<>();
        c.get("expected_history").forEach(e -> {
            if (e.path("type").asText().endsWith("StateExited")) {
                exitEvents.add(e.get("details"));
            }
        });
        Iterator<JsonNode> exits = exitEvents.iterator();
        Variables variables = Variables.empty();
        JsonNode value = c.path("input").isMissingNode() || c.get("input").isNull() ? Json.MAPPER.createObjectNode() : c.get("input");
        String name = definition.get("StartAt").asText();
        while (name != null) {
            JsonNode state = definition.get("States").get(name);
            EvaluationContext context = variables.evaluationContext(Json.MAPPER.createObjectNode(), new SplittableRandom(1));
            JsonNode output;
            Assignment assignment = Assignment.NONE;
            if (jsonata(definition, state)) {
                JsonataScope scope = JsonataScope.builder(value, context).build();
                output = state.has("Output") ? JsonataTemplate.parse(state.get("Output")).evaluate(scope, "Output") : value;
                if (state.has("Assign")) {
                    assignment = Assignment.evaluate(JsonataTemplate.parse(state.get("Assign")), scope, "Assign");
                }
            } else {
                output = state.has("Result") ? state.get("Result") : value;
                if (state.has("Assign")) {
                    assignment = Assignment.evaluate(PayloadTemplate.parse(state.get("Assign")), output, context);
                }
            }
            variables = variables.assign(assignment, name);

            JsonNode expected = exits.next();
            assertThat(expected.get("name").asText()).isEqualTo(name);
            assertRecorded(expected.get("output"), output);
            Map<String, String> assigned = assignment.assignedVariables();
            JsonNode expectedAssigned = expected.path("assignedVariables");
            assertThat(assigned.keySet()).containsExactlyInAnyOrderElementsOf(() -> expectedAssigned.fieldNames());
            for (Map.Entry<String, String> e : assigned.entrySet()) {
                assertRecorded(expectedAssigned.get(e.getKey()), Json.parse(e.getValue()));
            }

            value = output;
            name = state.has("Next") ? state.get("Next").asText() : null;
        }
        assertThat(Json.parse(Json.write(value))).isEqualTo(c.path("expected").get("output"));
    }

    /** The snapshot tool keeps JSON text unless it starts with '{'; compare accordingly. */
    private static void assertRecorded(JsonNode recorded, JsonNode actual) {
        try {
            JsonNode expected = recorded.isTextual() && !UUID_PLACEHOLDER.matcher(recorded.textValue()).matches()
                    ? Json.parse(recorded.textValue()) : recorded;
            assertThat(matches(expected, Json.parse(Json.write(actual))))
                    .as("recorded %s, got %s", recorded, Json.write(actual)).isTrue();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static final java.util.regex.Pattern UUID_PLACEHOLDER = java.util.regex.Pattern.compile("<uuid:\\d+>");

    /** Equal JSON, where the snapshot's {@code <uuid:N>} placeholder stands for any UUID. */
    private static boolean matches(JsonNode expected, JsonNode actual) {
        if (expected.isTextual() && UUID_PLACEHOLDER.matcher(expected.textValue()).matches()) {
            return actual.isTextual() && actual.textValue().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
        if (expected.isObject() && actual.isObject()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!actual.has(e.getKey()) || !matches(e.getValue(), actual.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!matches(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }
}
