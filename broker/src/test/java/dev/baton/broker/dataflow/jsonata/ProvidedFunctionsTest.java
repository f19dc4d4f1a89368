package dev.baton.broker.dataflow.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.expr;
import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.json;
import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.scope;
import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.scopeBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvidedFunctionsTest {
    private static final JsonataScope EMPTY = scope("{}");

    @Test
    void partitionSplitsIntoChunksLikeStatesArrayPartition() {
        // AWS: test_array_partition__*__2.
        assertThat(expr("$partition([0, 1], 2)", EMPTY)).isEqualTo(json("[[0, 1]]"));
        assertThat(expr("$partition([0, 1], 3)", EMPTY)).isEqualTo(json("[[0, 1]]"));
        assertThat(expr("$partition([0, 1, 2], 1)", EMPTY)).isEqualTo(json("[[0], [1], [2]]"));
        assertThat(expr("$partition([0, 1, 2, 3], 4)", EMPTY)).isEqualTo(json("[[0, 1, 2, 3]]"));
        assertThat(expr("$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)", EMPTY)).isEqualTo(json("[[1,2,3],[4,5,6],[7,8,9]]"));
        assertThat(expr("$partition([1, 2, 3, 4, 5], 2)", EMPTY)).isEqualTo(json("[[1,2],[3,4],[5]]"));
        assertThat(expr("$partition([1, 2])", EMPTY)).isEqualTo(json("[[1, 2]]"));
        assertThatThrownBy(() -> expr("$partition([1, 2], -1)", EMPTY)).hasMessageContaining("D3137");
        assertThatThrownBy(() -> expr("$partition([], 2)", EMPTY)).hasMessageEndingWith("returned nothing (undefined).");
        assertThatThrownBy(() -> expr("$partition('x', 'y')", EMPTY)).hasMessageContaining("T0410");
    }

    @Test
    void rangeCountsInclusivelyAndASingleValueIsItself() {
        // AWS: test_array_range__*__2.
        assertThat(expr("$range(0, 9, 3)", EMPTY)).isEqualTo(json("[0, 3, 6, 9]"));
        assertThat(expr("$range(1, 9, 2)", EMPTY)).isEqualTo(json("[1, 3, 5, 7, 9]"));
        assertThat(expr("$range(1, 9, 9)", EMPTY)).isEqualTo(json("1"));
        assertThat(expr("$range(0, 10, 2)", EMPTY)).isEqualTo(json("[0, 2, 4, 6, 8, 10]"));
        assertThat(expr("$range(10, 0, -5)", EMPTY)).isEqualTo(json("[10, 5, 0]"));
        assertThat(expr("[$range(1, 1, 1)]", EMPTY)).isEqualTo(json("[1]"));
        assertThatThrownBy(() -> expr("$range(1, 9, -1)", EMPTY)).hasMessageEndingWith("returned nothing (undefined).");
        assertThatThrownBy(() -> expr("$range(0, 9007199254740991, 1)", EMPTY))
                .hasMessageContaining("$range would produce");
    }

    @Test
    void hashIsTheHexDigestLikeStatesHash() {
        // The same digests as AWS's test_hash cases for States.Hash.
        assertThat(expr("$hash('input data', 'MD5')", EMPTY)).isEqualTo(json("`812f45842bc6d66ee14572ce20db8e86`"));
        assertThat(expr("$hash('input data', 'SHA-1')", EMPTY)).isEqualTo(json("`aaff4a450a104cd177d28d18d74485e8cae074b7`"));
        assertThat(expr("$hash('input data', 'SHA-256')", EMPTY))
                .isEqualTo(json("`b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3`"));
        assertThat(expr("$hash('input data', 'SHA-384')", EMPTY)).isEqualTo(json("`d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d"
                + "6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562`"));
        assertThat(expr("$length($hash('x', 'SHA-512'))", EMPTY)).isEqualTo(json("128"));
        assertThatThrownBy(() -> expr("$hash('x', 'SHA-3')", EMPTY))
                .hasMessageContaining("D3137: The hash algorithm 'SHA-3' is not supported");
        assertThatThrownBy(() -> expr("$hash(1, 'MD5')", EMPTY)).hasMessageContaining("T0410");
    }

    @Test
    void randomWithASeedIsJavaUtilRandomAndWithoutOneComesFromTheScope() {
        assertThat(expr("$random(42)", EMPTY).doubleValue()).isEqualTo(new java.util.Random(42).nextDouble());
        assertThat(expr("$random(42) = $random(42)", EMPTY)).isEqualTo(json("true"));
        double unseeded = expr("$random()", scope("{}")).doubleValue();
        assertThat(unseeded).isBetween(0.0, 1.0);
        // Same scope inputs (the context's random source), same value: the interpreter stays deterministic.
        assertThat(expr("$random()", scope("{}")).doubleValue()).isEqualTo(unseeded);
        assertThat(expr("$random() = $random()", scope("{}"))).isEqualTo(json("false"));
    }

    @Test
    void uuidIsAVersion4UuidFromTheScopesRandomSource() {
        String uuid = expr("$uuid()", scope("{}")).textValue();
        assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(expr("$uuid()", scope("{}")).textValue()).isEqualTo(uuid);
        assertThat(expr("$uuid() != $uuid()", scope("{}"))).isEqualTo(json("true"));
        assertThatThrownBy(() -> expr("$uuid(1)", EMPTY)).hasMessageContaining("T0410");
    }

    @Test
    void parseReadsJsonText() {
        // AWS: test_parse__*.
        assertThat(expr("$parse('1')", EMPTY)).isEqualTo(json("1"));
        assertThat(expr("$parse('\"HelloWorld\"')", EMPTY)).isEqualTo(json("`HelloWorld`"));
        assertThat(expr("$parse('[1, 2, \"HelloWorld\"]')", EMPTY)).isEqualTo(json("[1, 2, `HelloWorld`]"));
        assertThat(expr("$parse('{\"a\": {\"b\": null}}').a", EMPTY)).isEqualTo(json("{`b`: null}"));
        assertThat(expr("$parse($states.input.s).k", scope("{`s`: `{\\`k\\`: 5}`}".replace("\\`", "\\\"")))).isEqualTo(json("5"));
        assertThatThrownBy(() -> expr("$parse('{oops')", EMPTY)).hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> expr("$parse('')", EMPTY)).hasMessageContaining("is not valid JSON");
    }

    @Test
    void evalIsNotAvailable() {
        // AWS: "$eval is not available - use $parse instead"; calling it is calling a non-function.
        assertThatThrownBy(() -> expr("$eval('1 + 1')", EMPTY))
                .isInstanceOf(QueryEvaluationException.class)
                .hasMessageEndingWith("T1006: Attempted to invoke a non-function");
    }

    @Test
    void nowAndMillisAreTheScopesTime() {
        JsonataScope at = scopeBuilder("{}").now(Instant.parse("2025-01-02T03:04:05.678Z")).build();
        assertThat(expr("$now()", at)).isEqualTo(json("`2025-01-02T03:04:05.678Z`"));
        assertThat(expr("$millis()", at)).isEqualTo(json("1735787045678"));
        assertThat(expr("$now('[Y0001]-[M01]-[D01]')", at)).isEqualTo(json("`2025-01-02`"));
        // By default, the state's entered time from the context object.
        assertThat(expr("$now()", EMPTY)).isEqualTo(json("`2024-11-06T09:42:04.456Z`"));
    }

    @Test
    void shuffleIsDeterministicForAScope() {
        JsonNode shuffled = expr("$shuffle([1, 2, 3, 4, 5, 6, 7, 8])", scope("{}"));
        assertThat(expr("$shuffle([1, 2, 3, 4, 5, 6, 7, 8])", scope("{}"))).isEqualTo(shuffled);
        assertThat(expr("$sort($shuffle([3, 1, 2]))", EMPTY)).isEqualTo(json("[1, 2, 3]"));
    }

    @Test
    void libraryFunctionsStillWork() {
        assertThat(expr("$pad('ab', 5, '-')", EMPTY)).isEqualTo(json("`ab---`"));
        assertThat(expr("$pad('ab', -5)", EMPTY)).isEqualTo(json("`   ab`"));
        // JSONata's rules: a longer padding string is cut to size, width counts characters not UTF-16
        // units, and a string already as wide is returned unchanged.
        assertThat(expr("$pad('ab', 7, 'xyz')", EMPTY)).isEqualTo(json("`abxyzxy`"));
        assertThat(expr("$pad('ab', -6, '#*')", EMPTY)).isEqualTo(json("`#*#*ab`"));
        assertThat(expr("$pad('\uD83D\uDE00', 3, '.')", EMPTY)).isEqualTo(json("`\uD83D\uDE00..`"));
        assertThat(expr("$pad('abcdef', 3)", EMPTY)).isEqualTo(json("`abcdef`"));
        assertThat(expr("$join(['a', 'b'], ', ')", EMPTY)).isEqualTo(json("`a, b`"));
        assertThat(expr("$replace('aXbX', 'X', '-')", EMPTY)).isEqualTo(json("`a-b-`"));
        assertThat(expr("$replace('a1b22', /[0-9]+/, '#', 1)", EMPTY)).isEqualTo(json("`a#b22`"));
        assertThat(expr("$string({'a': 1})", EMPTY)).isEqualTo(json("`{\\`a\\`:1}`".replace("\\`", "\\\"")));
        assertThat(expr("$number('12')", EMPTY)).isEqualTo(json("12"));
        assertThat(Json.write(expr("$string({'a': [1]}, true)", EMPTY))).contains("\\n");
    }

    @Test
    void functionsThatAmplifyTheirInputAreBoundedBeforeTheyRun() {
        JsonataScope small = scopeBuilder("{}").limits(JsonataLimits.builder().maxValueSize(1000).build()).build();
        assertThatThrownBy(() -> expr("$pad('x', 100000000)", small)).hasMessageContaining("$pad would produce");
        assertThatThrownBy(() -> expr("$join(['a', 'b', 'c'], $pad('', 600, '-'))", small))
                .hasMessageContaining("$join would produce");
        assertThatThrownBy(() -> expr("$replace($pad('', 100, 'a'), 'a', $pad('', 100, 'b'))", small))
                .hasMessageContaining("$replace would produce");
        String deep = "[".repeat(30) + "1" + "]".repeat(30);
        assertThatThrownBy(() -> expr("$string(" + deep + ", true)", small))
                .hasMessageContaining("$string would produce");
        assertThat(expr("$pad('x', 10)", small)).isEqualTo(json("`x         `"));
    }
}
