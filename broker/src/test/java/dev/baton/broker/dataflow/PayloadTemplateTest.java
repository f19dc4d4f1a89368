package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static dev.baton.broker.dataflow.JsonAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadTemplateTest {
    private static final JsonNode CONTEXT = json("{'Execution': {'Id': 'arn:exec', 'Input': {'in': 1}}, 'State': {'Name': 'S'}, 'Map': {'Item': {'Index': 2, 'Value': 'v'}}}");
    private static final EvaluationContext CTX = EvaluationContext.of(CONTEXT, Map.of("greeting", json("'hi'"), "cfg", json("{'n': 3}")),
            new SplittableRandom(42));

    private static JsonNode eval(String template, String input) throws DataflowSyntaxException {
        return PayloadTemplate.parse(json(template)).evaluate(json(input), CTX);
    }

    /** An object of string fields, for templates whose values hold single quotes. */
    private static ObjectNode strings(String... keysAndValues) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            o.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return o;
    }

    @Test
    void literalsPassThroughAndDollarKeysAreEvaluated() throws Exception {
        assertThat(eval("{'static': 'x', 'n': 1, 'from.$': '$.a', 'whole.$': '$'}", "{'a': [1, 2]}"))
                .isEqualTo(json("{'static': 'x', 'n': 1, 'from': [1, 2], 'whole': {'a': [1, 2]}}"));
    }

    @Test
    void templatesNestInObjectsAndArrays() throws Exception {
        assertThat(eval("{'outer': {'inner.$': '$.a', 'list': [{'x.$': '$.b'}, 'plain', ['deep', {'y.$': '$.a'}]]}}", "{'a': 1, 'b': 2}"))
                .isEqualTo(json("{'outer': {'inner': 1, 'list': [{'x': 2}, 'plain', ['deep', {'y': 1}]]}}"));
    }

    @Test
    void readsTheContextObjectAndVariables() throws Exception {
        assertThat(eval("{'id.$': '$$.Execution.Id', 'item.$': '$$.Map.Item.Value', 'g.$': '$greeting', 'n.$': '$cfg.n'}", "{}"))
                .isEqualTo(json("{'id': 'arn:exec', 'item': 'v', 'g': 'hi', 'n': 3}"));
    }

    @Test
    void callsIntrinsicFunctions() throws Exception {
        JsonNode template = strings("msg.$", "States.Format('{} #{}', $greeting, $$.Map.Item.Index)", "len.$", "States.ArrayLength($.a)");
        assertThat(PayloadTemplate.parse(template).evaluate(json("{'a': [1, 2]}"), CTX)).isEqualTo(json("{'msg': 'hi #2', 'len': 2}"));
    }

    @Test
    void keysWithoutTheSuffixAreNeverEvaluated() throws Exception {
        // A "$" string under a plain key is just a string (conformance base/test_state_pass_result_jsonpaths, variables_assign/BASE_VAR).
        JsonNode template = strings("p", "$.a", "f", "States.Format('x')", "c", "$$");
        assertThat(PayloadTemplate.parse(template).evaluate(json("{'a': 1}"), CTX)).isEqualTo(template);
    }

    @Test
    void aPathThatSelectsNothingFailsWithTheFieldAndTheInput() {
        // AWS (conformance scenarios_other/test_invalid_jsonpath_INVALID_JSONPATH_IN_STRING_EXPR_*):
        // "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '...'"
        assertThatThrownBy(() -> eval("{'value.$': '$.no_such_jsonpath'}", "{'int-literal': 0}"))
                .isInstanceOfSatisfying(DataflowException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).isEqualTo("The JSONPath '$.no_such_jsonpath' specified for the field 'value.$'"
                            + " could not be found in the input '{\"int-literal\":0}'");
                });
        assertThatThrownBy(() -> eval("{'nested': {'value.$': '$$.Execution.Input.no_such_jsonpath'}}", "{'int-literal': 0}"))
                .hasMessage("The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$'"
                        + " could not be found in the input '{\"int-literal\":0}'");
    }

    @Test
    void intrinsicFailuresCarryTheirErrorName() {
        assertThatThrownBy(() -> eval("{'x.$': 'States.ArrayGetItem($.a, 5)'}", "{'a': [1]}"))
                .isInstanceOfSatisfying(DataflowException.class, e -> assertThat(e.error()).isEqualTo("States.IntrinsicFailure"));
    }

    @Test
    void badDollarValuesAreRejectedWithAwsMessageAndTheObjectsLocation() {
        // AWS: "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call"
        // reported at the object holding the key (conformance validation/scenarios_other/test_illegal_escapes_*).
        JsonNode[] bad = {strings("parsed.$", "States.StringToJson('{\"text\":\"An \\\"escaped double quote\\\" here\"}')"),
                strings("parsed.$", "States.Format('He said, \\\"Hello, {}!\\\"', 'Test \\\"Name\\\" Here')"),
                strings("parsed.$", "no dollar"), json("{'parsed.$': 5}"), strings("parsed.$", "States.Nope()"),
                strings("parsed.$", "$.a b"), strings("parsed.$", "States.UUID(1)")};
        for (JsonNode template : bad) {
            assertThatThrownBy(() -> PayloadTemplate.parse(template)).as(template.toString())
                    .isInstanceOfSatisfying(DataflowSyntaxException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo("The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call");
                        assertThat(e.detail()).isNotBlank();
                        assertThat(e.pointer()).isEmpty();
                    });
        }
        assertThatThrownBy(() -> PayloadTemplate.parse(json("{'a': {'b/c': [0, {'x.$': 'nope'}]}}")))
                .isInstanceOfSatisfying(DataflowSyntaxException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call");
                    assertThat(e.pointer()).isEqualTo("/a/b~1c/1");
                });
    }

    @Test
    void evaluationNeverChangesTheInputOrTheTemplate() throws Exception {
        JsonNode source = json("{'a.$': '$.x', 'k': {'l': 1}}");
        JsonNode sourceBefore = source.deepCopy();
        JsonNode input = json("{'x': {'y': 1}}");
        JsonNode inputBefore = input.deepCopy();
        PayloadTemplate template = PayloadTemplate.parse(source);
        JsonNode out = template.evaluate(input, CTX);
        ResultPath.parse("$.a.z").apply(out, json("2"));
        assertThat(input).isEqualTo(inputBefore);
        assertThat(source).isEqualTo(sourceBefore);
        assertThat(template.source()).isSameAs(source);
    }

    @Test
    void randomValuesAreReproducibleAndDistinctWithinOneEvaluation() throws Exception {
        PayloadTemplate template = PayloadTemplate.parse(json("{'a.$': 'States.UUID()', 'b.$': 'States.UUID()', 'r.$': 'States.MathRandom(0, 1000000)'}"));
        JsonNode first = template.evaluate(json("{}"), EvaluationContext.of(CONTEXT, Map.of(), new SplittableRandom(5)));
        JsonNode again = template.evaluate(json("{}"), EvaluationContext.of(CONTEXT, Map.of(), new SplittableRandom(5)));
        assertThat(first).isEqualTo(again);
        assertThat(first.get("a")).isNotEqualTo(first.get("b"));
        // The default random source depends on the state entry recorded in the context object.
        EvaluationContext byContext = new EvaluationContext() {
            @Override
            public JsonNode contextObject() {
                return CONTEXT;
            }

            @Override
            public JsonNode variable(String name) {
                return null;
            }
        };
        assertThat(template.evaluate(json("{}"), byContext)).isEqualTo(template.evaluate(json("{}"), byContext));
    }

    @Test
    void theContextObjectIsOnlyAskedForWhenSomethingNeedsIt() throws Exception {
        // The interpreter builds $$ lazily; plain paths and non-random functions must not force it.
        EvaluationContext noContext = new EvaluationContext() {
            @Override
            public JsonNode contextObject() {
                throw new AssertionError("the context object was built");
            }

            @Override
            public JsonNode variable(String name) {
                return null;
            }
        };
        JsonNode template = strings("a.$", "$.a", "n.$", "States.ArrayLength($.a)", "s.$", "States.Format('{}', $.a)");
        assertThat(PayloadTemplate.parse(template).evaluate(json("{'a': [1]}"), noContext)).isEqualTo(json("{'a': [1], 'n': 1, 's': '[1]'}"));
    }
}
