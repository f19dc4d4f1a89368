package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowException;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.dataflow.Path;
import dev.baton.broker.definition.model.ChoiceRule;
import dev.baton.broker.definition.model.ComparisonOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every Choice operator, its Path variant, and the boolean combinations, as AWS evaluates them. */
class ChoiceRulesTest {

    static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static Path path(String text) {
        try {
            return Path.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static ChoiceRule rule(String operator, String operand) {
        ComparisonOperator op = ComparisonOperator.fromAslName(operator);
        return op.comparesWithPath()
                ? new ChoiceRule.Comparison(path("$.v"), op, null, path(operand))
                : new ChoiceRule.Comparison(path("$.v"), op, json(operand), null);
    }

    static boolean eval(ChoiceRule rule, String input) {
        return ChoiceRules.evaluate(rule, json(input), EvaluationContext.EMPTY);
    }

    /** operator, operand (JSON, or a path for *Path), value of $.v (JSON), expected. */
    @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "StringEquals|\"Hello\"|\"Hello\"|true",
            "StringEquals|\"Hello\"|\"hello\"|false",
            "StringEquals|\"1\"|1|false",
            "StringLessThan|\"AB\"|\"A\"|true",
            "StringLessThan|\"A\"|\"A\"|false",
            "StringGreaterThan|\"A\"|\"AB\"|true",
            "StringLessThanEquals|\"AB\"|\"AB\"|true",
            "StringGreaterThanEquals|\"\"|\"\"|true",
            "StringGreaterThanEquals|\"AB\"|\"A\"|false",
            "NumericEquals|0|0.0|true",
            "NumericEquals|1|1.1|false",
            "NumericEquals|1|\"1\"|false",
            "NumericEquals|0|false|false",
            "NumericLessThan|1|0|true",
            "NumericLessThan|0|0|false",
            "NumericGreaterThan|0|1|true",
            "NumericLessThanEquals|0|0.0|true",
            "NumericGreaterThanEquals|1|0|false",
            "BooleanEquals|true|true|true",
            "BooleanEquals|false|false|true",
            "BooleanEquals|true|1|false",
            "BooleanEquals|false|null|false",
            "BooleanEquals|true|\"true\"|false",
            "TimestampEquals|\"2012-10-09T19:00:55Z\"|\"2012-10-09T19:00:55Z\"|true",
            "TimestampEquals|\"2012-10-09T19:00:55Z\"|\"2012-10-09T20:00:55+01:00\"|true",
            "TimestampEquals|\"2012-10-09T19:00:55Z\"|\"2023-02-24 12:15:56.832957\"|false",
            "TimestampEquals|\"2012-10-09T19:00:55Z\"|1|false",
            "TimestampLessThan|\"2012-10-09T19:00:56Z\"|\"2012-10-09T19:00:55Z\"|true",
            "TimestampGreaterThan|\"2012-10-09T19:00:55Z\"|\"2012-10-09T19:00:55Z\"|false",
            "TimestampLessThanEquals|\"2012-10-09T19:00:55Z\"|\"2012-10-09T19:00:55.000Z\"|true",
            "TimestampGreaterThanEquals|\"2012-10-09T19:00:56Z\"|\"2012-10-09T19:00:55Z\"|false",
            "IsNull|true|null|true",
            "IsNull|false|0|true",
            "IsNumeric|true|1.5|true",
            "IsNumeric|true|\"1\"|false",
            "IsString|true|\"\"|true",
            "IsString|true|[]|false",
            "IsBoolean|true|false|true",
            "IsBoolean|true|0|false",
            "IsTimestamp|true|\"2016-03-14T01:59:00Z\"|true",
            "IsTimestamp|true|\"2016-03-14\"|false",
            "IsTimestamp|false|\"2016-03-14T01:59:00\"|true",
            "IsPresent|true|null|true",
            "StringEqualsPath|$.o|\"x\"|true",
            "StringLessThanPath|$.o|\"a\"|true",
            "StringGreaterThanPath|$.o|\"y\"|true",
            "StringLessThanEqualsPath|$.o|\"x\"|true",
            "StringGreaterThanEqualsPath|$.o|\"w\"|false",
            "NumericEqualsPath|$.n|3|true",
            "NumericLessThanPath|$.n|2|true",
            "NumericGreaterThanPath|$.n|2|false",
            "NumericLessThanEqualsPath|$.n|3.0|true",
            "NumericGreaterThanEqualsPath|$.n|4|true",
            "BooleanEqualsPath|$.b|true|true",
            "TimestampEqualsPath|$.t|\"2020-01-01T00:00:00Z\"|true",
            "TimestampLessThanPath|$.t|\"2019-01-01T00:00:00Z\"|true",
            "TimestampGreaterThanPath|$.t|\"2019-01-01T00:00:00Z\"|false",
            "TimestampLessThanEqualsPath|$.t|\"2020-01-01T00:00:00Z\"|true",
            "TimestampGreaterThanEqualsPath|$.t|\"2021-01-01T00:00:00Z\"|true",
    })
    void comparisons(String operator, String operand, String value, boolean expected) {
        String input = "{\"v\":" + value + ",\"o\":\"x\",\"n\":3,\"b\":true,\"t\":\"2020-01-01T00:00:00Z\"}";
        assertThat(eval(rule(operator, operand), input)).isEqualTo(expected);
    }

    @Test
    void isPresentTellsWhetherTheVariableSelectsAnything() {
        assertThat(eval(rule("IsPresent", "true"), "{\"v\":null}")).isTrue();
        assertThat(eval(rule("IsPresent", "true"), "{}")).isFalse();
        assertThat(eval(rule("IsPresent", "false"), "{}")).isTrue();
    }

    @Test
    void aVariableThatSelectsNothingIsARuntimeErrorForOtherOperators() {
        assertThatThrownBy(() -> eval(rule("StringEquals", "\"x\""), "{}"))
                .isInstanceOfSatisfying(DataflowException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).isEqualTo("Invalid path '$.v': The choice state's condition path references an invalid value.");
                });
        assertThatThrownBy(() -> eval(rule("NumericEqualsPath", "$.missing"), "{\"v\":1}"))
                .isInstanceOf(DataflowException.class).hasMessageContaining("'$.missing'");
    }

    /** AWS docs: "log-*.txt" matches "log-2020.txt"; "\\*" is a literal asterisk and "\\\\" a backslash. */
    @ParameterizedTest(name = "{1} matches {0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "log-*.txt|log-2020-01.txt|true",
            "log-*.txt|log-.txt|true",
            "log-*.txt|log.txt|false",
            "*|anything|true",
            "*|''|true",
            "a*b*c|aXXbYYc|true",
            "a*b*c|aXXbYY|false",
            "*.txt|a.txt.txt|true",
            "foo\\*bar|foo*bar|true",
            "foo\\*bar|fooXbar|false",
            "back\\\\slash|back\\slash|true",
            "exact|exact|true",
            "exact|exactly|false",
    })
    void stringMatchesWildcardsAndEscapes(String pattern, String value, boolean expected) {
        String v = value.equals("''") ? "" : value;
        assertThat(StringMatches.matches(v, pattern)).isEqualTo(expected);
        ChoiceRule r = new ChoiceRule.Comparison(path("$.v"), ComparisonOperator.STRING_MATCHES,
                Json.MAPPER.getNodeFactory().textNode(pattern), null);
        assertThat(ChoiceRules.evaluate(r, Json.MAPPER.createObjectNode().put("v", v), EvaluationContext.EMPTY))
                .isEqualTo(expected);
        assertThat(ChoiceRules.evaluate(r, Json.MAPPER.createObjectNode().put("v", 1), EvaluationContext.EMPTY)).isFalse();
    }

    @Test
    void andOrNotCombineRules() {
        ChoiceRule yes = rule("NumericEquals", "1");
        ChoiceRule no = rule("NumericEquals", "2");
        String input = "{\"v\":1}";
        assertThat(eval(new ChoiceRule.And(List.of(yes, yes)), input)).isTrue();
        assertThat(eval(new ChoiceRule.And(List.of(yes, no)), input)).isFalse();
        assertThat(eval(new ChoiceRule.Or(List.of(no, yes)), input)).isTrue();
        assertThat(eval(new ChoiceRule.Or(List.of(no, no)), input)).isFalse();
        assertThat(eval(new ChoiceRule.Not(no), input)).isTrue();
        assertThat(eval(new ChoiceRule.Not(yes), input)).isFalse();
    }

    @Test
    void andStopsAtTheFirstFalseRuleAsAwsDoes() {
        // The second rule would fail (its variable is absent); the first one is false, so it is never evaluated.
        ChoiceRule absent = new ChoiceRule.Comparison(path("$.missing"), ComparisonOperator.STRING_EQUALS, json("\"x\""), null);
        assertThat(eval(new ChoiceRule.And(List.of(rule("NumericEquals", "2"), absent)), "{\"v\":1}")).isFalse();
        assertThat(eval(new ChoiceRule.Or(List.of(rule("NumericEquals", "1"), absent)), "{\"v\":1}")).isTrue();
    }

    @Test
    void timestampsAreRfc3339WithAnOffset() {
        assertThat(Timestamps.parse("2016-03-14T01:59:00Z")).isNotNull();
        assertThat(Timestamps.parse("2016-03-14T01:59:00.123456Z")).isNotNull();
        assertThat(Timestamps.parse("2016-03-14T01:59:00+05:30")).isNotNull();
        assertThat(Timestamps.parse("2016-03-14T01:59:00")).isNull();
        assertThat(Timestamps.parse("2016-03-14 01:59:00Z")).isNull();
        assertThat(Timestamps.parse("2016-13-05T21:29:29Z")).isNull();
        assertThat(Timestamps.parse("2016-12-05T25:29:29Z")).isNull();
        assertThat(Timestamps.parse("05-12-2016T21:29:29Z")).isNull();
    }
}
