package dev.baton.broker.dataflow.jsonata;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baton.broker.dataflow.jsonata.JsonataChecks.Field.CATCHER;
import static dev.baton.broker.dataflow.jsonata.JsonataChecks.Field.STATE;
import static dev.baton.broker.dataflow.jsonata.JsonataChecks.INVALID_JSONATA_EXPRESSION;
import static dev.baton.broker.dataflow.jsonata.JsonataChecks.UNSUPPORTED_JSONATA_EXPRESSION;
import static dev.baton.broker.dataflow.jsonata.JsonataTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

class JsonataChecksTest {

    private static List<JsonataChecks.Problem> check(String template) {
        return JsonataChecks.check(json(template), STATE);
    }

    @Test
    void expressionsThatDoNotParseAreInvalid() {
        // AWS: INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/Main/Output
        assertThat(check("`{% 1 + %}`")).containsExactly(
                new JsonataChecks.Problem(INVALID_JSONATA_EXPRESSION, "Unexpected end of expression", ""));
        assertThat(check("{`v`: `{% {'a':} %}`}")).containsExactly(new JsonataChecks.Problem(INVALID_JSONATA_EXPRESSION,
                "The symbol \"}\" cannot be used as a unary operator", "/v"));
        assertThat(check("`{% $match('a', /abc %}`")).extracting(JsonataChecks.Problem::message)
                .containsExactly("No terminating / in regular expression");
    }

    @Test
    void topLevelNamesAreUnsupported() {
        // AWS: UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported. at /States/E/Output/v
        assertThat(check("{`v`: `{% phone %}`}")).containsExactly(new JsonataChecks.Problem(UNSUPPORTED_JSONATA_EXPRESSION,
                "Reference to 'phone' at the top level is not supported.", "/v"));
        assertThat(messages("`{% $count(items) %}`")).containsExactly("Reference to 'items' at the top level is not supported.");
        assertThat(messages("`{% {'k': name} %}`")).containsExactly("Reference to 'name' at the top level is not supported.");
        assertThat(messages("`{% a ? b : 1 %}`")).containsExactly("Reference to 'a' at the top level is not supported.",
                "Reference to 'b' at the top level is not supported.");
        assertThat(messages("`{% $map([1], function($v) { y }) %}`"))
                .containsExactly("Reference to 'y' at the top level is not supported.");
        assertThat(messages("`{% $ %}`")).containsExactly("Reference to '$' at the top level is not supported.");
        assertThat(messages("`{% $$.a %}`")).hasSize(1).first().asString().contains("'$$'");
    }

    @Test
    void namesRelativeToAValueAreFine() {
        assertThat(check("{`a`: `{% $states.input.items[price > 10].name %}`,"
                + " `b`: `{% $states.input.items.{'n': name, 'q': qty} %}`,"
                + " `c`: `{% $map($states.input.items, function($i) { $i.name }) %}`,"
                + " `d`: `{% $states.input.items^(price).name %}`,"
                + " `e`: `{% $states.input.items[$.price > 1] %}`,"
                + " `f`: `{% ($x := 5; $x * $myVar) %}`,"
                + " `g`: `{% $states.input ~> |items|{'seen': true}| %}`,"
                + " `h`: `{% $states.input.items{type: $sum(price)} %}`,"
                + " `i`: `{% $states.context.Execution.Id %}`}")).isEmpty();
    }

    @Test
    void errorOutputExistsOnlyInACatch() {
        assertThat(messages("`{% $states.errorOutput.Cause %}`"))
                .containsExactly("$states.errorOutput is only available in the Output and Assign of a Catch.");
        assertThat(JsonataChecks.check(json("{`c`: `{% $states.errorOutput.Cause %}`}"), CATCHER)).isEmpty();
    }

    @Test
    void literalTemplatesHaveNothingToCheck() {
        assertThat(check("{`a`: `$.x`, `b`: ` {% phone %} `, `c`: [1, null]}")).isEmpty();
    }

    private static List<String> messages(String template) {
        return check(template).stream().map(JsonataChecks.Problem::message).toList();
    }
}
