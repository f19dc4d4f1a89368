package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static dev.baton.broker.dataflow.JsonAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultPathTest {

    private static JsonNode apply(String path, String input, String result) throws DataflowSyntaxException {
        return ResultPath.parse(path).apply(json(input), json(result));
    }

    @Test
    void rootReplacesTheInput() throws Exception {
        assertThat(ResultPath.parse("$")).isSameAs(ResultPath.ROOT);
        assertThat(apply("$", "{'a': 1}", "[1]")).isEqualTo(json("[1]"));
    }

    @Test
    void writesAFieldAndCreatesMissingParents() throws Exception {
        assertThat(apply("$.r", "{'a': 1}", "{'x': 2}")).isEqualTo(json("{'a': 1, 'r': {'x': 2}}"));
        assertThat(apply("$.a.b.c", "{'k': 0}", "5")).isEqualTo(json("{'k': 0, 'a': {'b': {'c': 5}}}"));
        assertThat(apply("$.a.b", "{'a': {'z': 1}}", "5")).isEqualTo(json("{'a': {'z': 1, 'b': 5}}"));
        assertThat(apply("$['odd key']", "{}", "true")).isEqualTo(json("{'odd key': true}"));
    }

    @Test
    void replacesAnExistingValue() throws Exception {
        assertThat(apply("$.a", "{'a': {'old': 1}}", "'new'")).isEqualTo(json("{'a': 'new'}"));
    }

    @Test
    void writesAnExistingArrayElement() throws Exception {
        assertThat(apply("$.list[1]", "{'list': [1, 2, 3]}", "'x'")).isEqualTo(json("{'list': [1, 'x', 3]}"));
        assertThat(apply("$.list[0].v", "{'list': [{}]}", "1")).isEqualTo(json("{'list': [{'v': 1}]}"));
    }

    @Test
    void neverModifiesTheInput() throws Exception {
        JsonNode input = json("{'a': {'b': 1}}");
        JsonNode before = input.deepCopy();
        JsonNode out = ResultPath.parse("$.a.c").apply(input, json("2"));
        assertThat(input).isEqualTo(before);
        assertThat(out).isEqualTo(json("{'a': {'b': 1, 'c': 2}}"));
    }

    @Test
    void failsWithAwsMessageWhenThePathCannotBeApplied() throws Exception {
        // AWS: States.ResultPathMatchFailure "Unable to apply ReferencePath $.x to input \"text\""
        assertThatThrownBy(() -> apply("$.x", "'text'", "1"))
                .isInstanceOfSatisfying(DataflowException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure");
                    assertThat(e.cause()).isEqualTo("Unable to apply ReferencePath $.x to input \"text\"");
                });
        assertThatThrownBy(() -> apply("$.a.b", "{'a': 5}", "1")).hasMessage("Unable to apply ReferencePath $.a.b to input {\"a\":5}");
        assertThatThrownBy(() -> apply("$.a[3]", "{'a': [1]}", "1")).isInstanceOf(DataflowException.class);
        assertThatThrownBy(() -> apply("$.a[0]", "{'a': {}}", "1")).isInstanceOf(DataflowException.class);
        assertThatThrownBy(() -> apply("$.a", "[1, 2]", "1")).isInstanceOf(DataflowException.class);
    }

    @Test
    void onlyReferencePathsIntoTheInputAreAccepted() {
        for (String bad : new String[]{"$.a[*]", "$..a", "$$.Execution", "$var", "a", "$.a[-1]"}) {
            assertThatThrownBy(() -> ResultPath.parse(bad)).as(bad).isInstanceOf(DataflowSyntaxException.class);
        }
    }
}
