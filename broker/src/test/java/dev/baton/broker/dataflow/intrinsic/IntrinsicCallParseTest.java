package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.dataflow.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntrinsicCallParseTest {

    @Test
    void parsesEveryKindOfArgument() throws Exception {
        IntrinsicCall call = IntrinsicCall.parse("States.Array('text', 12, -1.5, 2e3, true, false, null, $.a.b, $$.Execution.Id, $myVar, States.UUID())");
        assertThat(call.function().name()).isEqualTo("States.Array");
        assertThat(call.arguments()).hasSize(11);
        assertThat(call.arguments().get(0)).isEqualTo(new Argument.StringLiteral("text", "text"));
        assertThat(call.arguments().get(1)).isEqualTo(new Argument.Literal(Json.parse("12")));
        assertThat(((Argument.Literal) call.arguments().get(2)).value().decimalValue()).isEqualByComparingTo("-1.5");
        assertThat(((Argument.Literal) call.arguments().get(3)).value().isNumber()).isTrue();
        assertThat(call.arguments().get(4)).isEqualTo(new Argument.Literal(Json.parse("true")));
        assertThat(call.arguments().get(5)).isEqualTo(new Argument.Literal(Json.parse("false")));
        assertThat(((Argument.Literal) call.arguments().get(6)).value().isNull()).isTrue();
        assertThat(((Argument.PathArgument) call.arguments().get(7)).path().root()).isEqualTo(Path.Root.INPUT);
        assertThat(((Argument.PathArgument) call.arguments().get(8)).path().root()).isEqualTo(Path.Root.CONTEXT);
        assertThat(((Argument.PathArgument) call.arguments().get(9)).path().variableName()).isEqualTo("myVar");
        assertThat(((Argument.Call) call.arguments().get(10)).call().function().name()).isEqualTo("States.UUID");
    }

    @Test
    void allowsWhiteSpaceBetweenTokens() throws Exception {
        IntrinsicCall call = IntrinsicCall.parse("  States.Format( 'x {}' ,\t$.a )  ");
        assertThat(call.arguments()).hasSize(2);
    }

    @Test
    void pathsMayHoldCommasParenthesesAndQuotesInBrackets() throws Exception {
        IntrinsicCall call = IntrinsicCall.parse("States.Array($['a,b'], $.items[?(@.x == 'y)')], $['it\\'s'])");
        assertThat(call.arguments()).extracting(a -> ((Argument.PathArgument) a).path().text())
                .containsExactly("$['a,b']", "$.items[?(@.x == 'y)')]", "$['it\\'s']");
    }

    @Test
    void stringsResolveTheFourEscapesAndKeepTheRawText() throws Exception {
        // AWS: "\'", "\{", "\}" and "\\" are the escape sequences of intrinsic function strings.
        IntrinsicCall call = IntrinsicCall.parse("States.Format('It\\'s \\{literal\\} \\\\ {}', 1)");
        assertThat(call.arguments().get(0)).isEqualTo(new Argument.StringLiteral("It's {literal} \\ {}", "It\\'s \\{literal\\} \\\\ {}"));
    }

    @Test
    void stringsMayHoldAnyOtherCharacter() throws Exception {
        // conformance intrinsic_functions/test_escape_sequence: a real newline inside the quotes
        IntrinsicCall call = IntrinsicCall.parse("States.StringSplit('Hello\nWorld', '\n')");
        assertThat(call.arguments().get(0)).isEqualTo(new Argument.StringLiteral("Hello\nWorld", "Hello\nWorld"));
        assertThat(IntrinsicCall.parse("States.StringToJson('{\"constant_in_literal\": \"false\"}')").arguments().get(0))
                .isEqualTo(new Argument.StringLiteral("{\"constant_in_literal\": \"false\"}", "{\"constant_in_literal\": \"false\"}"));
    }

    @Test
    void rejectsOtherEscapes() {
        // AWS rejects these at CreateStateMachine (conformance validation/scenarios_other/test_illegal_escapes_*).
        assertThatThrownBy(() -> IntrinsicCall.parse("States.StringToJson('{\"text\":\"An \\\"escaped double quote\\\" here\"}')"))
                .isInstanceOf(DataflowSyntaxException.class).hasMessageContaining("not a valid escape");
        assertThatThrownBy(() -> IntrinsicCall.parse("States.Format('He said, \\\"Hello, {}!\\\"', 'Test \\\"Name\\\" Here')"))
                .isInstanceOf(DataflowSyntaxException.class);
        assertThatThrownBy(() -> IntrinsicCall.parse("States.Format('a\\nb')")).isInstanceOf(DataflowSyntaxException.class);
    }

    @Test
    void nestsCalls() throws Exception {
        // AWS documents this nine-call example as valid (there with a third placeholder but two values).
        String nine = "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0),"
                + " States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
        IntrinsicCall call = IntrinsicCall.parse(nine);
        JsonNode out = call.evaluate(Json.parse("{\"ImageRecipe\": {\"Arn\": \"arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.2.3\"}}"),
                dev.baton.broker.dataflow.EvaluationContext.EMPTY);
        assertThat(out.textValue()).isEqualTo("1.2");
    }

    @Test
    void allowsAtMostTenCallsInOneField() throws Exception {
        String ten = "States.Array(" + "States.UUID(), ".repeat(8) + "States.UUID())";
        assertThat(IntrinsicCall.parse(ten).arguments()).hasSize(9);
        String eleven = "States.Array(" + "States.UUID(), ".repeat(9) + "States.UUID())";
        assertThatThrownBy(() -> IntrinsicCall.parse(eleven)).isInstanceOf(DataflowSyntaxException.class).hasMessageContaining("at most 10");
    }

    @Test
    void checksTheNumberOfArguments() {
        assertThatThrownBy(() -> IntrinsicCall.parse("States.ArrayGetItem($.a)")).hasMessageContaining("takes 2 arguments, not 1");
        assertThatThrownBy(() -> IntrinsicCall.parse("States.UUID(1)")).hasMessageContaining("takes 0 arguments, not 1");
        assertThatThrownBy(() -> IntrinsicCall.parse("States.Format()")).hasMessageContaining("at least 1 argument");
        assertThatThrownBy(() -> IntrinsicCall.parse("States.MathRandom(1, 2, 3, 4)")).hasMessageContaining("2 to 3 arguments");
        assertThatThrownBy(() -> IntrinsicCall.parse("States.JsonMerge($.a, $.b)")).hasMessageContaining("takes 3 arguments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"States.Nope()", "States.format('x')", "Format('x')", "States.Array(", "States.Array('x'",
            "States.Array('x)", "States.Array(x)", "States.Array(1,)", "States.Array(,1)", "States.Array() extra",
            "States.Array($.a b)", "States.Array(1 2)", "States.Array(truex)", "States.Array($.a[)", "States.Array(--1)", ""})
    void rejectsMalformedCalls(String text) {
        assertThatThrownBy(() -> IntrinsicCall.parse(text)).isInstanceOf(DataflowSyntaxException.class);
    }

    @Test
    void everyAwsFunctionIsKnown() {
        for (String name : new String[]{"Format", "StringToJson", "JsonToString", "Array", "ArrayPartition", "ArrayContains",
                "ArrayRange", "ArrayGetItem", "ArrayLength", "ArrayUnique", "Base64Encode", "Base64Decode", "Hash", "JsonMerge",
                "MathRandom", "MathAdd", "StringSplit", "UUID"}) {
            assertThat(IntrinsicFunction.named("States." + name)).as(name).isPresent();
        }
    }
}
