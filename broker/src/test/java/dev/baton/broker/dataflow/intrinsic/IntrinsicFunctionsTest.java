package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowException;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every intrinsic function with the examples AWS documents, values AWS recorded, and its failures. */
class IntrinsicFunctionsTest {

    static JsonNode json(String singleQuoted) {
        try {
            return Json.parse(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    static JsonNode eval(String call, String input) throws DataflowSyntaxException {
        return IntrinsicCall.parse(call).evaluate(json(input), EvaluationContext.EMPTY, "field.$");
    }

    static JsonNode eval(String call) throws DataflowSyntaxException {
        return eval(call, "{}");
    }

    static void failsWith(String call, String input, String cause) {
        assertThatThrownBy(() -> eval(call, input)).isInstanceOfSatisfying(DataflowException.class, e -> {
            assertThat(e.error()).isEqualTo("States.IntrinsicFailure");
            assertThat(e.cause()).isEqualTo(cause);
        });
    }

    @Nested
    class Format {
        @Test
        void awsDocumentedExamples() throws Exception {
            String input = "{'name': 'Arnav', 'template': 'Hello, my name is {}.'}";
            assertThat(eval("States.Format('Hello, my name is {}.', $.name)", input)).isEqualTo(json("'Hello, my name is Arnav.'"));
            assertThat(eval("States.Format($.template, $.name)", input)).isEqualTo(json("'Hello, my name is Arnav.'"));
        }

        @Test
        void insertsValuesAsAwsPrintsThem() throws Exception {
            // Recorded by AWS (intrinsic_functions/test_format_1, test_format_2, test_context_json_path).
            assertThat(eval("States.Format('a={}', $.v)", "{'v': null}").textValue()).isEqualTo("a=null");
            assertThat(eval("States.Format('a={}', $.v)", "{'v': 1}").textValue()).isEqualTo("a=1");
            assertThat(eval("States.Format('a={}', $.v)", "{'v': 1.1}").textValue()).isEqualTo("a=1.1");
            assertThat(eval("States.Format('a={}', $.v)", "{'v': true}").textValue()).isEqualTo("a=true");
            assertThat(eval("States.Format('a={}', $.v)", "{'v': ''}").textValue()).isEqualTo("a=");
            assertThat(eval("States.Format('a={}', $.v)", "{'v': {'Arg1': 1, 'Arg2': []}}").textValue()).isEqualTo("a={Arg1=1, Arg2=[]}");
            assertThat(eval("States.Format('a={}', $.v)", "{'v': ['x', {'k': null}, [1, 2]]}").textValue()).isEqualTo("a=[x, {k=null}, [1, 2]]");
            JsonNode stringInput = Json.MAPPER.createObjectNode().put("v", "{\"Arg1\": 1, \"Arg2\": []}");
            assertThat(IntrinsicCall.parse("States.Format('a={}', $.v)").evaluate(stringInput, EvaluationContext.EMPTY, "f.$").textValue())
                    .isEqualTo("a={\"Arg1\": 1, \"Arg2\": []}");
        }

        @Test
        void escapedBracesAreLiteral() throws Exception {
            assertThat(eval("States.Format('\\{\"key\":\"{}\"\\}', $.v)", "{'v': 'test123'}").textValue()).isEqualTo("{\"key\":\"test123\"}");
            assertThat(eval("States.Format('It\\'s {}', 'me')").textValue()).isEqualTo("It's me");
            assertThat(eval("States.Format('no placeholders')").textValue()).isEqualTo("no placeholders");
        }

        @Test
        void needsAStringTemplateAndOneValuePerPlaceholder() {
            failsWith("States.Format('{} and {}', 1)", "{}",
                    "Invalid arguments in States.Format: the format string has 2 placeholder(s) '{}' but 1 value(s) were given");
            failsWith("States.Format('{}', 1, 2)", "{}",
                    "Invalid arguments in States.Format: the format string has 1 placeholder(s) '{}' but 2 value(s) were given");
            failsWith("States.Format($.t, 1)", "{'t': 5}", "Invalid arguments in States.Format: the first argument must be a string, but was 5");
        }
    }

    @Nested
    class StringToJson {
        @Test
        void awsDocumentedExample() throws Exception {
            assertThat(eval("States.StringToJson($.escapedJsonString)", "{'escapedJsonString': '{\\'foo\\': \\'bar\\'}'}".replace("\\'", "\\\"")))
                    .isEqualTo(json("{'foo': 'bar'}"));
        }

        @Test
        void recordedByAws() throws Exception {
            assertThat(eval("States.StringToJson($.s)", "{'s': ''}").isNull()).isTrue();
            assertThat(eval("States.StringToJson($.s)", "{'s': ' '}").isNull()).isTrue();
            assertThat(eval("States.StringToJson($.s)", "{'s': 'null'}").isNull()).isTrue();
            assertThat(eval("States.StringToJson($.s)", "{'s': '-0'}")).isEqualTo(json("0"));
            assertThat(eval("States.StringToJson($.s)", "{'s': '1.1'}")).isEqualTo(json("1.1"));
            assertThat(eval("States.StringToJson($.s)", "{'s': 'true'}")).isEqualTo(json("true"));
            assertThat(eval("States.StringToJson('[1, 2, \"HelloWorld\"]')")).isEqualTo(json("[1, 2, 'HelloWorld']"));
        }

        @Test
        void failsOnTextThatIsNotJson() {
            failsWith("States.StringToJson('{nope')", "{}", "Invalid arguments in States.StringToJson: the string is not valid JSON: \"{nope\"");
            failsWith("States.StringToJson($.n)", "{'n': 1}", "Invalid arguments in States.StringToJson: the first argument must be a string, but was 1");
        }
    }

    @Nested
    class JsonToString {
        @Test
        void writesCompactJson() throws Exception {
            // AWS docs: {"foo": "bar"} gives "{\"foo\":\"bar\"}"; recorded: 1 -> "1", "HelloWorld" -> "\"HelloWorld\"".
            assertThat(eval("States.JsonToString($.unescapedJson)", "{'unescapedJson': {'foo': 'bar'}}").textValue()).isEqualTo("{\"foo\":\"bar\"}");
            assertThat(eval("States.JsonToString($.v)", "{'v': 1}").textValue()).isEqualTo("1");
            assertThat(eval("States.JsonToString($.v)", "{'v': 'HelloWorld'}").textValue()).isEqualTo("\"HelloWorld\"");
            assertThat(eval("States.JsonToString($.v)", "{'v': [1, 2, 'HelloWorld']}").textValue()).isEqualTo("[1,2,\"HelloWorld\"]");
            assertThat(eval("States.JsonToString($.v)", "{'v': null}").textValue()).isEqualTo("null");
        }
    }

    @Nested
    class Arrays {
        static final String INPUT = "{'inputArray': [1, 2, 3, 4, 5, 6, 7, 8, 9], 'chunkSize': 4, 'lookingFor': 5, 'index': 5}";

        @Test
        void array() throws Exception {
            assertThat(eval("States.Array($.Id)", "{'Id': 123456}")).isEqualTo(json("[123456]"));
            assertThat(eval("States.Array('a', 1, null, $.x)", "{'x': {'k': []}}")).isEqualTo(json("['a', 1, null, {'k': []}]"));
            assertThat(eval("States.Array()")).isEqualTo(json("[]"));
        }

        @Test
        void partition() throws Exception {
            assertThat(eval("States.ArrayPartition($.inputArray, $.chunkSize)", INPUT)).isEqualTo(json("[[1, 2, 3, 4], [5, 6, 7, 8], [9]]"));
            assertThat(eval("States.ArrayPartition($.a, 3)", "{'a': [0, 1, 2, 3]}")).isEqualTo(json("[[0, 1, 2], [3]]"));
            assertThat(eval("States.ArrayPartition($.a, 5)", "{'a': [0, 1]}")).isEqualTo(json("[[0, 1]]"));
            assertThat(eval("States.ArrayPartition($.a, 1)", "{'a': []}")).isEqualTo(json("[]"));
            failsWith("States.ArrayPartition($.a, 0)", "{'a': [1]}",
                    "Invalid arguments in States.ArrayPartition: the second argument must be between 1 and 2147483647, but was 0");
            failsWith("States.ArrayPartition($.a, 1.5)", "{'a': [1]}",
                    "Invalid arguments in States.ArrayPartition: the second argument must be an integer, but was 1.5");
            failsWith("States.ArrayPartition('x', 1)", "{}", "Invalid arguments in States.ArrayPartition: the first argument must be an array, but was \"x\"");
        }

        @Test
        void contains() throws Exception {
            assertThat(eval("States.ArrayContains($.inputArray, $.lookingFor)", INPUT)).isEqualTo(json("true"));
            assertThat(eval("States.ArrayContains($.a, $.v)", "{'a': [], 'v': null}")).isEqualTo(json("false"));
            assertThat(eval("States.ArrayContains($.a, $.v)", "{'a': [[1, 2, 3], 2], 'v': null}")).isEqualTo(json("false"));
            assertThat(eval("States.ArrayContains($.a, $.v)", "{'a': [[1, 2, 3], 2], 'v': [1, 2, 3]}")).isEqualTo(json("true"));
            assertThat(eval("States.ArrayContains($.a, $.v)", "{'a': [{'1': 2, '2': []}], 'v': {'2': [], '1': 2}}")).isEqualTo(json("true"));
            assertThat(eval("States.ArrayContains($.a, $.v)", "{'a': [true, false], 'v': false}")).isEqualTo(json("true"));
            assertThat(eval("States.ArrayContains($.a, 1)", "{'a': [1.0]}")).isEqualTo(json("true"));
        }

        @Test
        void range() throws Exception {
            assertThat(eval("States.ArrayRange(1, 9, 2)")).isEqualTo(json("[1, 3, 5, 7, 9]"));
            assertThat(eval("States.ArrayRange(0, 9, 3)")).isEqualTo(json("[0, 3, 6, 9]"));
            assertThat(eval("States.ArrayRange(0, 10, 3)")).isEqualTo(json("[0, 3, 6, 9]"));
            assertThat(eval("States.ArrayRange(1, 9, 9)")).isEqualTo(json("[1]"));
            assertThat(eval("States.ArrayRange(5, 1, -2)")).isEqualTo(json("[5, 3, 1]"));
            assertThat(eval("States.ArrayRange(5, 1, 1)")).isEqualTo(json("[]"));
            assertThat(eval("States.ArrayRange(1, 1000, 1)").size()).isEqualTo(1000);
            failsWith("States.ArrayRange(0, 1000, 1)", "{}", "Invalid arguments in States.ArrayRange: the range would have 1001 items, more than the 1000 allowed");
            failsWith("States.ArrayRange(0, 10, 0)", "{}", "Invalid arguments in States.ArrayRange: the step must not be 0");
            failsWith("States.ArrayRange(0, 'x', 1)", "{}", "Invalid arguments in States.ArrayRange: the second argument must be a number, but was \"x\"");
        }

        @Test
        void getItem() throws Exception {
            assertThat(eval("States.ArrayGetItem($.inputArray, $.index)", INPUT)).isEqualTo(json("6"));
            assertThat(eval("States.ArrayGetItem($.a, 0)", "{'a': [{'x': 1}]}")).isEqualTo(json("{'x': 1}"));
            failsWith("States.ArrayGetItem($.a, 3)", "{'a': [1, 2, 3]}",
                    "Invalid arguments in States.ArrayGetItem: the index 3 is out of bounds for an array of 3 item(s)");
            failsWith("States.ArrayGetItem($.a, -1)", "{'a': [1]}",
                    "Invalid arguments in States.ArrayGetItem: the second argument must be between 0 and 2147483647, but was -1");
        }

        @Test
        void length() throws Exception {
            assertThat(eval("States.ArrayLength($.inputArray)", INPUT)).isEqualTo(json("9"));
            assertThat(eval("States.ArrayLength($.a)", "{'a': []}")).isEqualTo(json("0"));
            failsWith("States.ArrayLength($.a)", "{'a': {}}", "Invalid arguments in States.ArrayLength: the first argument must be an array, but was {}");
        }

        @Test
        void unique() throws Exception {
            assertThat(eval("States.ArrayUnique($.a)", "{'a': [1, 2, 3, 3, 3, 3, 3, 3, 4]}")).isEqualTo(json("[1, 2, 3, 4]"));
            assertThat(eval("States.ArrayUnique($.a)", "{'a': [null, null, true, true, false, 1, 1, 1.1, 0, 'HelloWorld', 'HelloWorld', [], [],"
                    + " [null], [null], {'a': 1, 'b': 2}, {'b': 2, 'a': 1}, {'a': 1, 'b': 1}]}"))
                    .isEqualTo(json("[null, true, false, 1, 1.1, 0, 'HelloWorld', [], [null], {'a': 1, 'b': 2}, {'a': 1, 'b': 1}]"));
        }
    }

    @Nested
    class Encoding {
        @Test
        void base64() throws Exception {
            assertThat(eval("States.Base64Encode($.input)", "{'input': 'Data to encode'}")).isEqualTo(json("'RGF0YSB0byBlbmNvZGU='"));
            assertThat(eval("States.Base64Decode($.base64)", "{'base64': 'RGF0YSB0byBlbmNvZGU='}")).isEqualTo(json("'Data to encode'"));
            assertThat(eval("States.Base64Encode('')")).isEqualTo(json("''"));
            assertThat(eval("States.Base64Decode('')")).isEqualTo(json("''"));
            assertThat(eval("States.Base64Decode(States.Base64Encode('héllo €'))")).isEqualTo(json("'héllo €'"));
        }

        @Test
        void base64Limits() {
            String big = "{'s': '" + "a".repeat(10_001) + "'}";
            failsWith("States.Base64Encode($.s)", big, "Invalid arguments in States.Base64Encode: the string has 10001 characters, more than the 10000 allowed");
            failsWith("States.Base64Decode($.s)", big, "Invalid arguments in States.Base64Decode: the string has 10001 characters, more than the 10000 allowed");
            failsWith("States.Base64Decode('not base64!')", "{}", "Invalid arguments in States.Base64Decode: the string is not valid Base64: \"not base64!\"");
        }

        @Test
        void hash() throws Exception {
            // AWS docs and recordings (intrinsic_functions/test_hash__000..003)
            String in = "{'Data': 'input data'}";
            assertThat(eval("States.Hash($.Data, 'MD5')", in).textValue()).isEqualTo("812f45842bc6d66ee14572ce20db8e86");
            assertThat(eval("States.Hash($.Data, 'SHA-1')", in).textValue()).isEqualTo("aaff4a450a104cd177d28d18d74485e8cae074b7");
            assertThat(eval("States.Hash($.Data, 'SHA-256')", in).textValue())
                    .isEqualTo("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3");
            assertThat(eval("States.Hash($.Data, 'SHA-384')", in).textValue())
                    .isEqualTo("d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562");
            assertThat(eval("States.Hash($.Data, 'SHA-512')", in).textValue()).hasSize(128).matches("[0-9a-f]+");
            failsWith("States.Hash($.Data, 'SHA-999')", in,
                    "Invalid arguments in States.Hash: the hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was 'SHA-999'");
            failsWith("States.Hash($.Data, 'sha-1')", in,
                    "Invalid arguments in States.Hash: the hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was 'sha-1'");
        }
    }

    @Nested
    class JsonMerge {
        @Test
        void shallowMerge() throws Exception {
            // AWS docs example and recording (intrinsic_functions/test_json_merge)
            assertThat(eval("States.JsonMerge($.json1, $.json2, false)",
                    "{'json1': {'a': {'a1': 1, 'a2': 2}, 'b': 2, 'd': 3}, 'json2': {'a': {'a3': 1, 'a4': 2}, 'c': 3, 'd': 4}}"))
                    .isEqualTo(json("{'a': {'a3': 1, 'a4': 2}, 'b': 2, 'c': 3, 'd': 4}"));
        }

        @Test
        void deepMergeIsNotSupported() {
            failsWith("States.JsonMerge($.a, $.b, true)", "{'a': {}, 'b': {}}",
                    "Invalid arguments in States.JsonMerge: only shallow merging is supported: the third argument (isDeepMerge) must be false");
            failsWith("States.JsonMerge($.a, $.b, false)", "{'a': [], 'b': {}}",
                    "Invalid arguments in States.JsonMerge: the first argument must be a JSON object, but was []");
        }

        @Test
        void doesNotChangeItsArguments() throws Exception {
            JsonNode input = json("{'a': {'x': 1}, 'b': {'y': 2}}");
            IntrinsicCall.parse("States.JsonMerge($.a, $.b, false)").evaluate(input, EvaluationContext.EMPTY, "f.$");
            assertThat(input).isEqualTo(json("{'a': {'x': 1}, 'b': {'y': 2}}"));
        }
    }

    @Nested
    class Math {
        @Test
        void addRoundsHalvesUpAsAwsDoes() throws Exception {
            // AWS docs: MathAdd(111, -1) = 110; the rest recorded by AWS (intrinsic_functions/test_math_add__*).
            assertThat(eval("States.MathAdd($.value1, $.step)", "{'value1': 111, 'step': -1}")).isEqualTo(json("110"));
            String[][] cases = {{"1.5", "1.51", "4"}, {"1.49", "0", "1"}, {"-1.49", "0", "-1"}, {"-1.5", "0", "-1"}, {"-1.51", "0", "-2"},
                    {"1.5", "0", "2"}, {"3.5", "0", "4"}, {"-0.5", "0.5", "1"}, {"-0.5", "0", "0"}, {"-3.5", "0", "-3"}, {"-9", "3", "-6"},
                    {"2.5", "0", "3"}, {"0.5", "0", "1"}};
            for (String[] c : cases) {
                assertThat(eval("States.MathAdd(" + c[0] + ", " + c[1] + ")")).as(c[0] + " + " + c[1]).isEqualTo(json(c[2]));
            }
        }

        @Test
        void addChecksItsArguments() throws Exception {
            assertThat(eval("States.MathAdd(2147483647, 1)")).isEqualTo(json("2147483648"));
            failsWith("States.MathAdd(2147483648, 1)", "{}",
                    "Invalid arguments in States.MathAdd: the first argument must be between -2147483648 and 2147483647, but was 2147483648");
            failsWith("States.MathAdd('1', 1)", "{}", "Invalid arguments in States.MathAdd: the first argument must be a number, but was \"1\"");
        }

        @Test
        void randomStaysWithinItsBounds() throws Exception {
            for (int i = 0; i < 200; i++) {
                EvaluationContext ctx = EvaluationContext.of(json("{}"), Map.of(), new SplittableRandom(i));
                long v = IntrinsicCall.parse("States.MathRandom($.start, $.end)").evaluate(json("{'start': 1, 'end': 999}"), ctx, "f.$").longValue();
                assertThat(v).isBetween(1L, 998L);
                long r = IntrinsicCall.parse("States.MathRandom(-99999, -9999)").evaluate(json("{}"), ctx, "f.$").longValue();
                assertThat(r).isBetween(-99999L, -10000L);
            }
            assertThat(eval("States.MathRandom(5, 6)")).isEqualTo(json("5"));
            assertThat(eval("States.MathRandom(12.50, 44.51)").isIntegralNumber()).isTrue();
        }

        @Test
        void randomIsReproducible() throws Exception {
            IntrinsicCall seeded = IntrinsicCall.parse("States.MathRandom(0, 999, 3)");
            JsonNode a = seeded.evaluate(json("{}"), EvaluationContext.of(json("{}"), Map.of(), new SplittableRandom(1)), "f.$");
            JsonNode b = seeded.evaluate(json("{}"), EvaluationContext.of(json("{}"), Map.of(), new SplittableRandom(2)), "f.$");
            assertThat(a).isEqualTo(b); // the seed alone decides
            IntrinsicCall unseeded = IntrinsicCall.parse("States.MathRandom(0, 1000000)");
            JsonNode c = unseeded.evaluate(json("{}"), EvaluationContext.of(json("{}"), Map.of(), new SplittableRandom(7)), "f.$");
            JsonNode d = unseeded.evaluate(json("{}"), EvaluationContext.of(json("{}"), Map.of(), new SplittableRandom(7)), "f.$");
            assertThat(c).isEqualTo(d); // the evaluation's random source decides
        }

        @Test
        void randomNeedsAnIncreasingRange() {
            failsWith("States.MathRandom(5, 5)", "{}", "Invalid arguments in States.MathRandom: the start (5) must be less than the end (5)");
            failsWith("States.MathRandom(1, 2, 1.5)", "{}", "Invalid arguments in States.MathRandom: the third argument must be an integer, but was 1.5");
        }
    }

    @Nested
    class Strings {
        @Test
        void splitOnAnyDelimiterCharacterDroppingEmptyPieces() throws Exception {
            assertThat(eval("States.StringSplit($.inputString, $.splitter)", "{'inputString': '1,2,3,4,5', 'splitter': ','}"))
                    .isEqualTo(json("['1', '2', '3', '4', '5']"));
            assertThat(eval("States.StringSplit($.s, $.d)", "{'s': 'This.is+a,test=string', 'd': '.+,='}"))
                    .isEqualTo(json("['This', 'is', 'a', 'test', 'string']"));
            assertThat(eval("States.StringSplit($.s, ',')", "{'s': ',,,,'}")).isEqualTo(json("[]"));
            assertThat(eval("States.StringSplit($.s, $.d)", "{'s': 'split on T and \\nnew line', 'd': 'T\\n'}"))
                    .isEqualTo(json("['split on ', ' and ', 'new line']"));
            assertThat(eval("States.StringSplit('abc', '')")).isEqualTo(json("['abc']"));
            failsWith("States.StringSplit(1, ',')", "{}", "Invalid arguments in States.StringSplit: the first argument must be a string, but was 1");
        }

        @Test
        void uuidIsAVersion4UuidFromTheRandomSource() throws Exception {
            Pattern v4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                String uuid = IntrinsicCall.parse("States.UUID()")
                        .evaluate(json("{}"), EvaluationContext.of(json("{}"), Map.of(), new SplittableRandom(i)), "f.$").textValue();
                assertThat(uuid).matches(v4);
                seen.add(uuid);
            }
            assertThat(seen).hasSize(100);
            JsonNode twice = IntrinsicCall.parse("States.Array(States.UUID(), States.UUID())")
                    .evaluate(json("{}"), EvaluationContext.of(json("{}"), Map.of(), new SplittableRandom(1)), "f.$");
            assertThat(twice.get(0)).isNotEqualTo(twice.get(1));
        }
    }

    @Nested
    class Arguments {
        @Test
        void pathsReadTheInputContextObjectAndVariables() throws Exception {
            EvaluationContext ctx = EvaluationContext.of(json("{'StateMachine': {'Name': 'My-Machine-1'}}"),
                    Map.of("AnswerTemplate", Json.MAPPER.getNodeFactory().textNode("It's {}!"), "xs", json("[1, 2]")), new SplittableRandom(1));
            // conformance intrinsic_functions/test_nested_calls_1 and variables_assign/*REFERENCE_IN_INTRINSIC_FUNCTION
            assertThat(IntrinsicCall.parse("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)")
                    .evaluate(json("{}"), ctx, "f.$")).isEqualTo(json("'My'"));
            assertThat(IntrinsicCall.parse("States.Format($AnswerTemplate, $.v)").evaluate(json("{'v': 'Pikachu'}"), ctx, "f.$").textValue())
                    .isEqualTo("It's Pikachu!");
            assertThat(IntrinsicCall.parse("States.ArrayLength($xs)").evaluate(json("{}"), ctx, "f.$")).isEqualTo(json("2"));
        }

        @Test
        void aPathThatSelectsNothingFailsLikeAPayloadPath() {
            assertThatThrownBy(() -> eval("States.Format('{}', $.missing)", "{'a': 1}"))
                    .isInstanceOfSatisfying(DataflowException.class, e -> {
                        assertThat(e.error()).isEqualTo("States.Runtime");
                        assertThat(e.cause()).isEqualTo("The JSONPath '$.missing' specified for the field 'field.$' could not be found in the input '{\"a\":1}'");
                    });
        }

        @Test
        void directValuesWorkWithoutParsing() {
            IntrinsicFunction add = IntrinsicFunction.named("States.MathAdd").orElseThrow();
            assertThat(add.apply(ArgumentValues.of(add.name(), java.util.List.of(json("1"), json("2")), new SplittableRandom(0)))).isEqualTo(json("3"));
        }
    }
}
