package dev.baton.broker.dataflow.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowException;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.Json;
import org.junit.jupiter.api.Test;

import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.eval;
import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.expr;
import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.json;
import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.scope;
import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonataTemplateTest {
    private static final JsonataScope INPUT = scope("{`input_value`: `string literal`, `input_values`: [1, 2, 3],"
            + " `part1`: {`hello`: `world`}, `part2`: {`foo`: `bar`}, `n`: null, `dec`: 1.10, `one`: 1.0}");

    @Test
    void onlyWholeStringsDelimitedByPercentBracesAreExpressions() {
        assertThat(JsonataExpression.isExpression("{% 1 %}")).isTrue();
        assertThat(JsonataExpression.isExpression("{%1%}")).isTrue();
        assertThat(JsonataExpression.isExpression(" {% 1 %}")).isFalse();
        assertThat(JsonataExpression.isExpression("{% 1 %} ")).isFalse();
        assertThat(JsonataExpression.isExpression("{%}")).isFalse();
        assertThat(JsonataExpression.isExpression("$.a")).isFalse();
    }

    @Test
    void literalsStayLiteralAtAnyDepth() {
        // AWS's BASE_LITERALS case: paths, intrinsic calls and padded delimiters are plain strings.
        String literals = "{`constant_null`: null, `constant_float`: 0.1, `constant_not_jsonata`: ` {% states.input %} `,"
                + " `constant_jp_input.$`: `$`, `constant_if`: `States.Format('Format:{}', 101)`,"
                + " `list`: [null, 0, 0.1, true, [], {`c`: 0}, `$no.such.var.path`]}";
        JsonataTemplate t = template(literals);
        assertThat(t.isLiteral()).isTrue();
        assertThat(t.evaluate(INPUT, "Output")).isEqualTo(json(literals));
    }

    @Test
    void expressionsAreEvaluatedAtAnyDepthAndEverythingElseIsKept() {
        JsonNode out = eval("{`foo`: `foobar`, `bar`: `{% $states.input.part1 %}`,"
                + " `list`: [null, `$.no.such.path`, `{% $states.input.input_values[0] %}`, {`key`: `{% true %}`}]}", INPUT);
        assertThat(out).isEqualTo(json("{`foo`: `foobar`, `bar`: {`hello`: `world`},"
                + " `list`: [null, `$.no.such.path`, 1, {`key`: true}]}"));
    }

    @Test
    void aWholeTemplateExpressionMayReturnAnyJsonValue() {
        assertThat(eval("`{% $sum($states.input.input_values) + 1 %}`", INPUT)).isEqualTo(json("7"));
        assertThat(eval("`{% $merge([$states.input.part1, $states.input.part2]) %}`", INPUT))
                .isEqualTo(json("{`hello`: `world`, `foo`: `bar`}"));
        assertThat(eval("`{% $states.input.input_value %}`", INPUT)).isEqualTo(json("`string literal`"));
        assertThat(eval("`{% null %}`", INPUT).isNull()).isTrue();
        assertThat(eval("`{% $states.input.n %}`", INPUT).isNull()).isTrue();
        assertThat(eval("`{% [] %}`", INPUT)).isEqualTo(json("[]"));
    }

    @Test
    void regularExpressionsWithEscapedDollarsWork() {
        // AWS's test_base_jsonata_regular_expressions cases.
        assertThat(expr("$contains('hello$world', /^hello\\$/)", INPUT)).isEqualTo(json("true"));
        assertThat(expr("$contains('hello$world', /^hello\\ /)", INPUT)).isEqualTo(json("false"));
        assertThat(expr("$contains(\"hello$world\", /^hello\\ /)", INPUT)).isEqualTo(json("false"));
    }

    @Test
    void numbersAreWrittenAsAwsWritesThem() {
        assertThat(Json.write(expr("2 * 3", INPUT))).isEqualTo("6");
        assertThat(Json.write(expr("10 / 4", INPUT))).isEqualTo("2.5");
        assertThat(Json.write(expr("0.1 + 0.2", INPUT))).isEqualTo("0.30000000000000004");
        assertThat(Json.write(expr("$states.input.dec", INPUT))).isEqualTo("1.1");
        assertThat(Json.write(expr("$states.input.one", INPUT))).isEqualTo("1");
        assertThat(Json.write(expr("1e20", INPUT))).isEqualTo("100000000000000000000");
        assertThat(Json.write(expr("9223372036854775807", INPUT))).isEqualTo("9223372036854775807");
        assertThat(Json.write(expr("$parse('-0')", INPUT))).isEqualTo("0");
        assertThat(Json.write(expr("$states.input.input_values", INPUT))).isEqualTo("[1,2,3]");
        // Results compare equal to the same JSON read by the broker.
        assertThat(expr("{'i': 7, 'd': 0.5, 's': 'x'}", INPUT)).isEqualTo(json("{`i`: 7, `d`: 0.5, `s`: `x`}"));
    }

    @Test
    void singletonSequencesCollapseButConstructedArraysDoNot() {
        JsonataScope scope = scope("{`items`: [{`id`: 1}]}");
        assertThat(expr("$states.input.items.id", scope)).isEqualTo(json("1"));
        assertThat(expr("[$states.input.items.id]", scope)).isEqualTo(json("[1]"));
        assertThat(expr("$states.input.items", scope)).isEqualTo(json("[{`id`: 1}]"));
    }

    @Test
    void nothingReturnedFailsTheStateNamingTheField() {
        // AWS: test_undefined_reference_BASE_UNDEFINED_OUTPUT_FIELD.
        assertThatThrownBy(() -> template("{`result`: `{% $doesNotExist %}`}").evaluate(scope("{}"), "Output"))
                .isInstanceOfSatisfying(QueryEvaluationException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
                    assertThat(e.location()).isEqualTo("Output/result");
                    assertThat(e.cause()).isEqualTo("The JSONata expression '$doesNotExist' specified for the field"
                            + " 'Output/result' returned nothing (undefined).");
                });
        assertThatThrownBy(() -> template("{`list`: [1, `{% $states.input.nope %}`]}").evaluate(scope("{}"), "Arguments"))
                .isInstanceOfSatisfying(QueryEvaluationException.class,
                        e -> assertThat(e.location()).isEqualTo("Arguments/list[1]"));
        assertThat(new QueryEvaluationException("Output", "x")).isInstanceOf(DataflowException.class);
    }

    @Test
    void undefinedInsideConstructedValuesIsDroppedAsJsonataDoes() {
        assertThat(expr("{'a': $states.input.nope, 'b': 1}", scope("{}"))).isEqualTo(json("{`b`: 1}"));
        assertThat(expr("[$states.input.nope, 2]", scope("{}"))).isEqualTo(json("[2]"));
    }

    @Test
    void aThrownErrorCarriesTheJsonataCodeAndMessage() {
        // AWS: test_math_random_seeded__2.
        assertThatThrownBy(() -> template("{`FunctionResult`: `{% $randomSeeded($states.input.FunctionInput.fst) %}`}")
                .evaluate(scope("{`FunctionInput`: `fst`}"), "Output"))
                .isInstanceOfSatisfying(QueryEvaluationException.class, e -> {
                    assertThat(e.location()).isEqualTo("Output/FunctionResult");
                    assertThat(e.cause()).isEqualTo("The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)'"
                            + " specified for the field 'Output/FunctionResult' threw an error during evaluation."
                            + " T1006: Attempted to invoke a non-function");
                });
        assertThatThrownBy(() -> expr("$abs('x')", INPUT)).hasMessageEndingWith(
                "threw an error during evaluation. T0410: Argument 1 of function \"abs\" does not match function signature");
        assertThatThrownBy(() -> expr("1 + 'a'", INPUT)).hasMessageEndingWith(
                "T2002: The right side of the \"+\" operator must evaluate to a number");
        assertThatThrownBy(() -> expr("$error('boom')", INPUT)).hasMessageEndingWith("D3137: boom");
        assertThatThrownBy(() -> expr("$number('x')", INPUT)).hasMessageContaining("D3030");
    }

    @Test
    void itemsMustBeAnArrayWithAwsMessage() {
        // AWS: test_map_state_items_eval_jsonata_fail_* and *_variable_sampling_*.
        JsonataScope vars = scope("{}", "ItemsVar", "{`foo`: `bar`}", "s", "`string`");
        assertThatThrownBy(() -> template("`{% true %}`").evaluate(vars, "Items", "array"))
                .hasMessage("The JSONata expression 'true' specified for the field 'Items' returned an unexpected result type."
                        + " Expected 'array', but was 'boolean' for value: true");
        assertThatThrownBy(() -> template("`{% null %}`").evaluate(vars, "Items", "array"))
                .hasMessageEndingWith("Expected 'array', but was 'null' for value: null");
        assertThatThrownBy(() -> template("`{% 1 %}`").evaluate(vars, "Items", "array"))
                .hasMessageEndingWith("Expected 'array', but was 'number' for value: 1");
        assertThatThrownBy(() -> template("`{% $ItemsVar %}`").evaluate(vars, "Items", "array"))
                .hasMessage("The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result"
                        + " type. Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}");
        assertThatThrownBy(() -> template("`{% $s %}`").evaluate(vars, "Items", "array"))
                .hasMessageEndingWith("Expected 'array', but was 'string' for value: \"string\"");
        assertThat(template("[1, `{% $number('2') %}`, 3]").evaluate(vars, "Items", "array")).isEqualTo(json("[1, 2, 3]"));
    }

    @Test
    void templatesThatDoNotParseReportTheParserMessageAndWhere() {
        assertThatThrownBy(() -> JsonataTemplate.parse(json("{`a`: {`b`: [`x`, `{% 1 + %}`]}}")))
                .isInstanceOfSatisfying(DataflowSyntaxException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Unexpected end of expression");
                    assertThat(e.pointer()).isEqualTo("/a/b/1");
                });
        assertThatThrownBy(() -> JsonataTemplate.parse(json("`{% a[1,2) %}`")))
                .hasMessage("Expected \"]\", got \",\"");
        assertThatThrownBy(() -> JsonataTemplate.parse(json("`{%   %}`"))).hasMessage("The expression is empty");
        assertThatThrownBy(() -> JsonataTemplate.parse(json("`{% 'unterminated %}`")))
                .hasMessage("String literal must be terminated by a matching quote");
    }

    @Test
    void aDeeplyNestedExpressionIsASyntaxErrorNotACrash() {
        String deep = "(".repeat(50_000) + "1" + ")".repeat(50_000);
        assertThatThrownBy(() -> JsonataExpression.compile(deep)).isInstanceOf(DataflowSyntaxException.class);
    }

    @Test
    void templatesExposeTheirExpressionsAndVariables() {
        JsonataTemplate t = template("{`a`: `{% $x + $y.z %}`, `b`: [`{% $states.input %}`, `lit`]}");
        assertThat(t.expressions()).extracting(JsonataTemplate.Site::pointer).containsExactly("/a", "/b/0");
        assertThat(t.expressions()).extracting(JsonataTemplate.Site::path).containsExactly("/a", "/b[0]");
        assertThat(t.variableNames()).contains("x", "y", "states");
        assertThat(t.isExpression()).isFalse();
        assertThat(template("`{% 1 %}`").isExpression()).isTrue();
        assertThat(t.source()).isEqualTo(json("{`a`: `{% $x + $y.z %}`, `b`: [`{% $states.input %}`, `lit`]}"));
    }

    @Test
    void statesHasInputContextAndWhereTheStateHasThemResultAndErrorOutput() {
        JsonataScope s = scope("{`a`: 1}");
        assertThat(expr("$states.context.State.Name", s)).isEqualTo(json("`S`"));
        assertThat(expr("$keys($states)", s)).isEqualTo(json("[`input`, `context`]"));
        assertThat(expr("$states.result", s.withResult(json("{`r`: 2}")))).isEqualTo(json("{`r`: 2}"));
        assertThat(expr("$states.errorOutput.Error", s.withErrorOutput(json("{`Error`: `E`, `Cause`: `c`}"))))
                .isEqualTo(json("`E`"));
        assertThatThrownBy(() -> expr("$states.result", s)).hasMessageEndingWith("returned nothing (undefined).");
    }

    @Test
    void variablesAreReadAsDollarNames() {
        JsonataScope s = scope("{}", "theAnswer", "42", "obj", "{`k`: [1, 2]}");
        assertThat(expr("$theAnswer", s)).isEqualTo(json("42"));
        assertThat(expr("$obj.k[1] + $theAnswer", s)).isEqualTo(json("44"));
        assertThatThrownBy(() -> expr("$nope", s)).hasMessageEndingWith("returned nothing (undefined).");
    }
}
