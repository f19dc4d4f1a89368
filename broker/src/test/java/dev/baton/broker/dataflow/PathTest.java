package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static dev.baton.broker.dataflow.JsonAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathTest {
    private static final JsonNode INPUT = json("{'a': {'b': [1, 2, {'c': 3}]}, 'n': null, 'arr': [1, 2, 3], 's': 'text', 'int-literal': 0,"
            + " 'items': [{'v': 1}, {'v': 2}]}");

    private static JsonNode read(String path, JsonNode input) throws DataflowSyntaxException {
        return Path.parse(path).read(input, EvaluationContext.EMPTY);
    }

    @Test
    void readsFieldsIndexesAndTheWholeInput() throws Exception {
        assertThat(read("$", INPUT)).isSameAs(INPUT);
        assertThat(read("$.a.b[2].c", INPUT)).isEqualTo(json("3"));
        assertThat(read("$['a']['b'][0]", INPUT)).isEqualTo(json("1"));
        assertThat(read("$.int-literal", INPUT)).isEqualTo(json("0"));
        assertThat(read("$['int-literal']", INPUT)).isEqualTo(json("0"));
    }

    @Test
    void jsonNullIsAValueNotAMissingField() throws Exception {
        JsonNode n = read("$.n", INPUT);
        assertThat(n).isNotNull();
        assertThat(n.isNull()).isTrue();
    }

    @Test
    void missingFieldsSelectNothing() throws Exception {
        assertThat(read("$.nope", INPUT)).isNull();
        assertThat(read("$.a.x.y", INPUT)).isNull();
        assertThat(read("$.s.x", INPUT)).isNull();
        assertThat(read("$.n.x", INPUT)).isNull();
    }

    @Test
    void indexesOutsideTheArraySelectNothingRatherThanNull() throws Exception {
        assertThat(read("$.arr[3]", INPUT)).isNull();
        assertThat(read("$.arr[10]", INPUT)).isNull();
        assertThat(read("$.a.b[5].c", INPUT)).isNull();
        assertThat(read("$.arr[-1]", INPUT)).isEqualTo(json("3"));
        assertThat(read("$.arr[-4]", INPUT)).isNull();
    }

    @Test
    void indefinitePathsAlwaysGiveAnArray() throws Exception {
        // AWS: {"item.$": "$.items[*]"} on {} gives {"item": []} (conformance base/test_json_path_array_wildcard_or_slice_with_no_input)
        JsonNode empty = json("{}");
        assertThat(read("$[*]", empty)).isEqualTo(json("[]"));
        assertThat(read("$.items[*]", empty)).isEqualTo(json("[]"));
        assertThat(read("$.items[1:]", empty)).isEqualTo(json("[]"));
        assertThat(read("$.items[1:].itemValue", empty)).isEqualTo(json("[]"));
        assertThat(read("$.items[*].v", INPUT)).isEqualTo(json("[1, 2]"));
        assertThat(read("$..c", INPUT)).isEqualTo(json("[3]"));
        assertThat(read("$.arr[?(@ > 1)]", INPUT)).isEqualTo(json("[2, 3]"));
        assertThat(read("$.arr[0,1]", INPUT)).isEqualTo(json("[1, 2]"));
        assertThat(read("$.items[0:1]", INPUT)).isEqualTo(json("[{'v': 1}]"));
        assertThat(Path.parse("$.items[*]").isDefinite()).isFalse();
        assertThat(Path.parse("$.items[0].v").isDefinite()).isTrue();
    }

    @Test
    void numbersKeepTheirExactValue() throws Exception {
        JsonNode input = Json.parse("{\"x\": 1.10, \"big\": 12345678901234567890123, \"f\": 0.1}");
        assertThat(Json.write(read("$.x", input))).isEqualTo("1.10");
        assertThat(Json.write(read("$.big", input))).isEqualTo("12345678901234567890123");
        assertThat(Json.write(read("$.f", input))).isEqualTo("0.1");
    }

    @Test
    void contextPathsReadTheContextObject() throws Exception {
        JsonNode context = json("{'Execution': {'Id': 'arn:exec', 'Input': {'k': 'v'}}, 'State': {'Name': 'S'}}");
        EvaluationContext ctx = EvaluationContext.of(context, Map.of(), new SplittableRandom(1));
        assertThat(Path.parse("$$").read(INPUT, ctx)).isSameAs(context);
        assertThat(Path.parse("$$.Execution.Id").read(INPUT, ctx)).isEqualTo(json("'arn:exec'"));
        assertThat(Path.parse("$$.Execution.Input.k").read(INPUT, ctx)).isEqualTo(json("'v'"));
        assertThat(Path.parse("$$.Execution.Nope").read(INPUT, ctx)).isNull();
        assertThat(Path.parse("$$.Execution.Id").root()).isEqualTo(Path.Root.CONTEXT);
    }

    @Test
    void variablePathsReadVariables() throws Exception {
        EvaluationContext ctx = EvaluationContext.of(json("{}"), Map.of("answer", json("{'x': [10, 20]}"), "n", json("42")),
                new SplittableRandom(1));
        Path whole = Path.parse("$answer");
        assertThat(whole.root()).isEqualTo(Path.Root.VARIABLE);
        assertThat(whole.variableName()).isEqualTo("answer");
        assertThat(whole.read(INPUT, ctx)).isEqualTo(json("{'x': [10, 20]}"));
        assertThat(Path.parse("$answer.x[1]").read(INPUT, ctx)).isEqualTo(json("20"));
        assertThat(Path.parse("$n").read(INPUT, ctx)).isEqualTo(json("42"));
        assertThat(Path.parse("$undefined").read(INPUT, ctx)).isNull();
        assertThat(Path.parse("$answer.nope").read(INPUT, ctx)).isNull();
    }

    @Test
    void rejectsWhatIsNotAJsonPath() {
        assertThatThrownBy(() -> Path.parse("a.b")).isInstanceOf(DataflowSyntaxException.class).hasMessageContaining("must start with '$'");
        assertThatThrownBy(() -> Path.parse("$.a b")).isInstanceOf(DataflowSyntaxException.class);
        assertThatThrownBy(() -> Path.parse("$[")).isInstanceOf(DataflowSyntaxException.class);
        assertThatThrownBy(() -> Path.parse("$.a.")).isInstanceOf(DataflowSyntaxException.class);
        assertThatThrownBy(() -> Path.parse("$$x")).isInstanceOf(DataflowSyntaxException.class);
        assertThatThrownBy(() -> Path.parse(null)).isInstanceOf(DataflowSyntaxException.class);
        // AWS: "Functions such as length() aren't supported."
        assertThatThrownBy(() -> Path.parse("$.arr.length()")).isInstanceOf(DataflowSyntaxException.class)
                .hasMessageContaining("length()");
    }

    @Test
    void selectFailsWithJsonPathsOwnReasonAsAwsDoes() throws Exception {
        // AWS: "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"
        // (conformance scenarios_other/test_invalid_jsonpath_ST.INVALID_JSONPATH_IN_INPUTPATH)
        JsonNode input = json("{'int-literal': 0}");
        assertThatThrownBy(() -> Path.parse("$.NoSuchInputPath").select(input, EvaluationContext.EMPTY))
                .isInstanceOfSatisfying(DataflowException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).isEqualTo("Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
                });
        assertThatThrownBy(() -> Path.parse("$.a.x.y").select(INPUT, EvaluationContext.EMPTY))
                .hasMessage("Invalid path '$.a.x.y' : Missing property in path $['a']['x']");
        assertThatThrownBy(() -> Path.parse("$.arr[7]").select(INPUT, EvaluationContext.EMPTY))
                .hasMessage("Invalid path '$.arr[7]' : No results for path: $['arr'][7]");
        assertThatThrownBy(() -> Path.parse("$.s.x").select(INPUT, EvaluationContext.EMPTY))
                .hasMessage("Invalid path '$.s.x' : Expected to find an object with property ['x'] in path $['s'] but found 'java.lang.String'."
                        + " This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.");
        assertThat(Path.parse("$.arr").select(INPUT, EvaluationContext.EMPTY)).isEqualTo(json("[1, 2, 3]"));
        assertThat(Path.parse("$.nope[*]").select(INPUT, EvaluationContext.EMPTY)).isEqualTo(json("[]"));
    }

    @Test
    void readFieldFailsWithTheFieldNameAndTheInput() throws Exception {
        // AWS: "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{...}'"
        JsonNode input = json("{'int-literal': 0}");
        assertThatThrownBy(() -> Path.parse("$.no_such_jsonpath").readField(input, EvaluationContext.EMPTY, "value.$"))
                .isInstanceOfSatisfying(DataflowException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).isEqualTo("The JSONPath '$.no_such_jsonpath' specified for the field 'value.$'"
                            + " could not be found in the input '{\"int-literal\":0}'");
                });
        assertThatThrownBy(() -> Path.parse("$.NoSuchCausePath").readField(input, EvaluationContext.EMPTY, "CausePath"))
                .hasMessage("The JSONPath '$.NoSuchCausePath' specified for the field 'CausePath' could not be found in the input '{\"int-literal\":0}'");
        assertThat(Path.parse("$['int-literal']").readField(input, EvaluationContext.EMPTY, "x.$")).isEqualTo(json("0"));
    }

    @Test
    void knowsWhichPathsAreReferencePaths() throws Exception {
        assertThat(Path.parse("$.a.b[0]['c d']").isReference()).isTrue();
        assertThat(Path.parse("$$.Execution.Id").isReference()).isTrue();
        assertThat(Path.parse("$var.x").isReference()).isTrue();
        assertThat(Path.parse("$.a[*]").isReference()).isFalse();
        assertThat(Path.parse("$..a").isReference()).isFalse();
        assertThat(Path.parseReference("$.items").read(INPUT, EvaluationContext.EMPTY)).isEqualTo(INPUT.get("items"));
        assertThatThrownBy(() -> Path.parseReference("$.items[*]")).isInstanceOf(DataflowSyntaxException.class)
                .hasMessageContaining("not a valid reference path");
    }

    @Test
    void readingNeverChangesTheInput() throws Exception {
        JsonNode input = json("{'arr': [1, 2]}");
        JsonNode before = input.deepCopy();
        read("$.arr[5]", input);
        read("$.arr[*]", input);
        read("$.nope.deeper", input);
        assertThat(input).isEqualTo(before);
    }
}
