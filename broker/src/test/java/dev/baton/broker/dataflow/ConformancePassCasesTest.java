package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Replays the conformance corpus' cases whose state machine is a chain of JSONPath Pass states
 * through this package's data flow (InputPath, Parameters or Result, ResultPath, OutputPath, the
 * 256 KiB limit) and compares the outcome with what AWS recorded: output, or error and cause (the
 * part after AWS's "An error occurred while executing the state ..." prefix, which the interpreter
 * adds). Other cases need the interpreter and are not selected. The corpus is found by walking up
 * from the working directory to {@code shared/conformance/cases} (or {@code -Dbaton.conformance.cases});
 * without it the test is skipped.
 */
class ConformancePassCasesTest {
    private static final Pattern STATE_PREFIX = Pattern.compile("^An error occurred while executing the state '[^']*' \\(entered at the event id #\\d+\\)\\. ");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Set<String> PASS_FIELDS = Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath", "Parameters",
            "Result", "ResultPath");

    @TestFactory
    Stream<DynamicTest> passStateCasesMatchAws() throws IOException {
        Path cases = corpus();
        Assumptions.assumeTrue(cases != null, "conformance corpus not found (shared/conformance/cases); skipping");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cases.resolve("pure"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode c = Json.parse(Files.readString(file));
                if (selected(c)) {
                    tests.add(DynamicTest.dynamicTest(c.path("category").asText() + "/" + c.path("name").asText(), () -> check(c)));
                }
            }
        }
        assertThat(tests).as("Pass-only JSONPath cases in the corpus").isNotEmpty();
        return tests.stream();
    }

    /**
     * Validation cases AWS rejected for a ".$" value of a payload template: the template must be
     * rejected with AWS's message, reported at the template's location.
     */
    @TestFactory
    Stream<DynamicTest> badPayloadTemplatesAreRejectedAsAwsDoes() throws IOException {
        Path cases = corpus();
        Assumptions.assumeTrue(cases != null, "conformance corpus not found (shared/conformance/cases); skipping");
        Pattern awsMessage = Pattern.compile("SCHEMA_VALIDATION_FAILED: (The value for the field '[^']*' must be a valid JSONPath or a valid"
                + " intrinsic function call) at /States/([^/]+)/(Parameters|ResultSelector|ItemSelector)'");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cases.resolve("validation"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode c = Json.parse(Files.readString(file));
                var m = awsMessage.matcher(c.path("expected").path("create_state_machine_error").path("message").asText());
                if (m.find()) {
                    JsonNode template = c.path("definition").path("States").path(m.group(2)).path(m.group(3));
                    tests.add(DynamicTest.dynamicTest(c.path("category").asText() + "/" + c.path("name").asText(), () -> {
                        DataflowSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(DataflowSyntaxException.class,
                                () -> PayloadTemplate.parse(template));
                        assertThat(e.getMessage()).isEqualTo(m.group(1));
                        assertThat(e.pointer()).isEmpty();
                    }));
                }
            }
        }
        return tests.stream();
    }

    static Path corpus() {
        String configured = System.getProperty("baton.conformance.cases");
        if (configured != null) {
            return Files.isDirectory(Path.of(configured)) ? Path.of(configured) : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/conformance/cases");
            if (Files.isDirectory(candidate.resolve("pure"))) {
                return candidate;
            }
        }
        return null;
    }

    /** Cases whose definition is only JSONPath Pass states using the fields this package implements. */
    private static boolean selected(JsonNode c) {
        JsonNode def = c.path("definition");
        if (def.has("QueryLanguage") && !def.path("QueryLanguage").asText().equals("JSONPath")) {
            return false;
        }
        if (!c.path("expected").has("status") || c.path("expected").path("status").asText().equals("TIMED_OUT")
                || c.path("expected").path("status").asText().equals("ABORTED")) {
            return false;
        }
        for (Iterator<JsonNode> it = def.path("States").elements(); it.hasNext(); ) {
            JsonNode state = it.next();
            if (!state.path("Type").asText().equals("Pass")) {
                return false;
            }
            for (Iterator<String> f = state.fieldNames(); f.hasNext(); ) {
                if (!PASS_FIELDS.contains(f.next())) {
                    return false;
                }
            }
        }
        return def.path("States").size() > 0;
    }

    private static void check(JsonNode c) throws Exception {
        JsonNode expected = c.path("expected");
        Set<String> wildcards = wildcards(c);
        JsonNode input = c.path("input").isMissingNode() || c.path("input").isNull() ? Json.MAPPER.createObjectNode() : c.path("input");
        try {
            JsonNode output = run(c.path("definition"), input);
            if (!expected.path("status").asText().equals("SUCCEEDED")) {
                fail("AWS failed with " + expected.path("error").asText() + ": " + expected.path("cause").asText()
                        + "\nbut the data flow produced " + Json.write(output));
            }
            assertMatches(expected.path("output"), output, wildcards, "$");
        } catch (DataflowException e) {
            if (expected.path("status").asText().equals("SUCCEEDED")) {
                fail("AWS succeeded with " + Json.write(expected.path("output")) + "\nbut the data flow failed: " + e.error() + ": " + e.cause());
            }
            assertThat(e.error()).as("error").isEqualTo(expected.path("error").asText());
            String cause = STATE_PREFIX.matcher(expected.path("cause").asText()).replaceFirst("");
            assertThat(matchesText(cause, e.cause(), wildcards)).as("cause\n expected: %s\n actual:   %s", cause, e.cause()).isTrue();
        }
    }

    /** Runs a chain of Pass states: the data flow of each, then the next state. */
    private static JsonNode run(JsonNode definition, JsonNode executionInput) throws DataflowSyntaxException {
        String name = definition.path("StartAt").asText();
        JsonNode data = executionInput;
        ContextObject context = ContextObject.of(
                new ContextObject.Execution("arn:aws:states:us-east-1:111111111111:execution:Machine:run", executionInput, "run",
                        "arn:aws:iam::111111111111:role/role", Instant.parse("2024-01-01T00:00:00Z"), 0, null),
                new ContextObject.StateMachine("arn:aws:states:us-east-1:111111111111:stateMachine:Machine", "Machine"));
        for (int step = 0; step < 100; step++) {
            JsonNode state = definition.path("States").path(name);
            EvaluationContext ctx = EvaluationContext.of(
                    context.withState(new ContextObject.State(name, Instant.parse("2024-01-01T00:00:01Z"), null)).toJson(),
                    Map.of(), new SplittableRandom(step));
            JsonNode effective = selectPath(state, "InputPath", data, ctx);
            JsonNode result;
            if (state.has("Parameters")) {
                result = PayloadTemplate.parse(state.get("Parameters")).evaluate(effective, ctx);
            } else if (state.has("Result")) {
                result = state.get("Result");
            } else {
                result = effective;
            }
            JsonNode afterResult;
            if (state.has("ResultPath") && state.get("ResultPath").isNull()) {
                afterResult = data;
            } else {
                afterResult = (state.has("ResultPath") ? ResultPath.parse(state.get("ResultPath").asText()) : ResultPath.ROOT)
                        .apply(data, result);
            }
            JsonNode output = selectPath(state, "OutputPath", afterResult, ctx);
            PayloadLimit.checkStateResult(name, output);
            if (state.path("End").asBoolean(false)) {
                return output;
            }
            data = output;
            name = state.path("Next").asText();
        }
        throw new IllegalStateException("the Pass chain does not end");
    }

    private static JsonNode selectPath(JsonNode state, String field, JsonNode data, EvaluationContext ctx) throws DataflowSyntaxException {
        if (!state.has(field)) {
            return data;
        }
        if (state.get(field).isNull()) {
            return Json.MAPPER.createObjectNode();
        }
        return dev.baton.broker.dataflow.Path.parse(state.get(field).asText()).select(data, ctx);
    }

    /** Placeholder strings of the case: recorded placeholders and the test's own replacement values. */
    private static Set<String> wildcards(JsonNode c) {
        Set<String> out = new HashSet<>();
        c.path("notes").path("expected_placeholders").forEach(p -> out.add(p.asText()));
        for (JsonNode t : c.path("notes").path("snapshot_transformers")) {
            JsonNode replacement = t.path("kwargs").path("replacement");
            if (replacement.isTextual()) {
                out.add(replacement.asText());
            }
        }
        return out;
    }

    private static void assertMatches(JsonNode expected, JsonNode actual, Set<String> wildcards, String where) {
        if (expected.isTextual() && (wildcards.contains(expected.asText()) && !actual.isTextual() || expected.asText().equals("RandomNumberGenerated"))) {
            return; // a placeholder for a value of any type (e.g. a random number)
        }
        if (expected.isNumber() || actual.isNumber()) {
            assertThat(actual.isNumber() && expected.isNumber()).as("%s: expected %s but was %s", where, expected, actual).isTrue();
            assertThat(actual.isIntegralNumber()).as("%s: integer vs decimal: expected %s but was %s", where, expected, actual)
                    .isEqualTo(expected.isIntegralNumber());
            assertThat(actual.decimalValue().compareTo(expected.decimalValue())).as("%s: expected %s but was %s", where, expected, actual)
                    .isZero();
            return;
        }
        assertThat(actual.getNodeType()).as("%s: type of %s (expected %s)", where, actual, expected).isEqualTo(expected.getNodeType());
        switch (expected.getNodeType()) {
            case OBJECT -> {
                Set<String> keys = new HashSet<>();
                expected.fieldNames().forEachRemaining(keys::add);
                Set<String> actualKeys = new HashSet<>();
                actual.fieldNames().forEachRemaining(actualKeys::add);
                assertThat(actualKeys).as("%s: keys", where).isEqualTo(keys);
                for (String k : keys) {
                    assertMatches(expected.get(k), actual.get(k), wildcards, where + "." + k);
                }
            }
            case ARRAY -> {
                assertThat(actual.size()).as("%s: size of %s", where, actual).isEqualTo(expected.size());
                for (int i = 0; i < expected.size(); i++) {
                    assertMatches(expected.get(i), actual.get(i), wildcards, where + "[" + i + "]");
                }
            }
            case STRING -> assertThat(matchesText(expected.asText(), actual.asText(), wildcards))
                    .as("%s: expected %s but was %s", where, expected, actual).isTrue();
            default -> assertThat(actual).as(where).isEqualTo(expected);
        }
    }

    /** Text equality where placeholders ({@code <...>}, "date", the case's replacements) match any text. */
    static boolean matchesText(String expected, String actual, Set<String> wildcards) {
        if (expected.equals(actual) || wildcards.contains(expected) || expected.equals("date") && ISO_DATE.matcher(actual).matches()) {
            return true;
        }
        StringBuilder regex = new StringBuilder("^");
        var m = Pattern.compile("<[^<>]+>|arn:<partition>:|111111111111").matcher(expected);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(expected.substring(last, m.start()))).append(m.group().startsWith("arn:") ? "arn:[^:]+:" : ".+?");
            last = m.end();
        }
        regex.append(Pattern.quote(expected.substring(last))).append("$");
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
    }
}
