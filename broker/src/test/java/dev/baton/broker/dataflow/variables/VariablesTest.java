package dev.baton.broker.dataflow.variables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowException;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.dataflow.Path;
import dev.baton.broker.dataflow.PayloadTemplate;
import dev.baton.broker.dataflow.jsonata.JsonataScope;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;
import dev.baton.broker.dataflow.jsonata.QueryEvaluationException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VariablesTest {
    private static final JsonNode CONTEXT = json("{`State`: {`Name`: `S`}}");

    static JsonNode json(String backticked) {
        try {
            return Json.parse(backticked.replace('`', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(backticked, e);
        }
    }

    private static Variables with(String... nameValue) {
        Map<String, JsonNode> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            values.put(nameValue[i], json(nameValue[i + 1]));
        }
        return Variables.empty().assign(new Assignment(values), "Setup");
    }

    private static EvaluationContext context(Variables variables) {
        return variables.evaluationContext(CONTEXT, new SplittableRandom(3));
    }

    private static Assignment jsonata(String assign, Variables variables, JsonNode input) throws DataflowSyntaxException {
        JsonataScope scope = JsonataScope.builder(input, context(variables)).build();
        return Assignment.evaluate(JsonataTemplate.parse(json(assign)), scope, "Assign");
    }

    private static Assignment jsonPath(String assign, Variables variables, JsonNode input) throws DataflowSyntaxException {
        return Assignment.evaluate(PayloadTemplate.parse(json(assign)), input, context(variables));
    }

    @Test
    void assignmentsOfAStateAreEvaluatedAgainstTheVariablesBeforeIt() throws Exception {
        Variables before = with("a", "1", "b", "2");
        Assignment swap = jsonata("{`a`: `{% $b %}`, `b`: `{% $a %}`, `c`: `{% $a + $b %}`}", before, json("{}"));
        // Nothing is visible until the assignment is applied, then all of it at once.
        assertThat(before.get("a")).isEqualTo(json("1"));
        Variables after = before.assign(swap, "Swap");
        assertThat(after.get("a")).isEqualTo(json("2"));
        assertThat(after.get("b")).isEqualTo(json("1"));
        assertThat(after.get("c")).isEqualTo(json("3"));
        assertThat(before.get("c")).isNull();
    }

    @Test
    void jsonPathAssignReadsTheInputTheContextAndVariables() throws Exception {
        // AWS: test_variable_sampling_JSONATA_ASSIGN_JSONPATH_REF, test_base_cases_BASE_VAR.
        Variables before = with("theAnswerVar", "42", "obj", "{`in_obj`: [1, 2]}");
        Assignment a = jsonPath("{`theAnswerVar`: 18, `oldAnswerVar.$`: `$theAnswerVar`, `fromInput.$`: `$.x`,"
                + " `fromContext.$`: `$$.State.Name`, `member.$`: `$obj.in_obj`, `item.$`: `$obj.in_obj[1]`,"
                + " `literalPath`: `$noSuchVar`, `literalJsonata`: `{% $x %}`}", before, json("{`x`: true}"));
        assertThat(a.values()).containsExactly(
                Map.entry("theAnswerVar", json("18")), Map.entry("oldAnswerVar", json("42")),
                Map.entry("fromInput", json("true")), Map.entry("fromContext", json("`S`")),
                Map.entry("member", json("[1, 2]")), Map.entry("item", json("2")),
                Map.entry("literalPath", json("`$noSuchVar`")), Map.entry("literalJsonata", json("`{% $x %}`")));
        Variables after = before.assign(a, "State1");
        assertThat(after.get("theAnswerVar")).isEqualTo(json("18"));
        assertThat(after.get("oldAnswerVar")).isEqualTo(json("42"));
    }

    @Test
    void payloadTemplatesReadVariablesWithPaths() throws Exception {
        Variables v = with("answer", "{`the`: [`x`, `y`]}");
        assertThat(PayloadTemplate.parse(json("{`a.$`: `$answer.the[1]`, `b.$`: `$answer`}")).evaluate(json("{}"), context(v)))
                .isEqualTo(json("{`a`: `y`, `b`: {`the`: [`x`, `y`]}}"));
        assertThat(Path.parse("$answer.the[0]").read(json("{}"), context(v))).isEqualTo(json("`x`"));
    }

    @Test
    void anUndefinedVariableIsAnErrorOfTheQueryLanguage() throws Exception {
        // JSONata: States.QueryEvaluationError, "returned nothing"; JSONPath: States.Runtime.
        assertThatThrownBy(() -> jsonata("{`x`: `{% $doesNotExist %}`}", Variables.empty(), json("{}")))
                .isInstanceOfSatisfying(QueryEvaluationException.class, e -> assertThat(e.cause()).isEqualTo(
                        "The JSONata expression '$doesNotExist' specified for the field 'Assign/x' returned nothing (undefined)."));
        assertThatThrownBy(() -> jsonPath("{`x.$`: `$doesNotExist`}", Variables.empty(), json("{}")))
                .isInstanceOfSatisfying(DataflowException.class, e -> assertThat(e.error()).isEqualTo("States.Runtime"));
        assertThat(Path.parse("$doesNotExist.a").read(json("{}"), context(Variables.empty()))).isNull();
    }

    @Test
    void aChildScopeReadsOuterVariablesAndKeepsItsOwnAssignments() {
        Variables outer = with("bias", "4.3", "shared", "`outer`");
        Variables iteration = outer.child();
        assertThat(iteration.get("bias")).isEqualTo(json("4.3"));
        Variables assigned = iteration.assign(new Assignment(Map.of("xCurrent", json("9"), "shared", json("`inner`"))), "Inner");
        assertThat(assigned.get("xCurrent")).isEqualTo(json("9"));
        assertThat(assigned.get("shared")).isEqualTo(json("`inner`"));
        // The outer scope is untouched, and what the iteration assigned is not visible outside it.
        assertThat(assigned.outer()).isSameAs(outer);
        assertThat(outer.get("shared")).isEqualTo(json("`outer`"));
        assertThat(outer.get("xCurrent")).isNull();
        // Sibling iterations start from the outer scope, not from each other.
        assertThat(outer.child().get("xCurrent")).isNull();
        // Nested scopes read through every level.
        assertThat(assigned.child().child().get("bias")).isEqualTo(json("4.3"));
    }

    @Test
    void anIsolatedScopeSeesNoOuterVariables() {
        Variables outer = with("a", "1");
        assertThat(outer.isolated().get("a")).isNull();
        assertThat(outer.isolated().outer()).isNull();
    }

    @Test
    void scopesCanBeRestoredFromTheirOwnVariables() {
        Variables outer = with("a", "1");
        Variables inner = outer.child().assign(new Assignment(Map.of("b", json("[2]"))), "S");
        Variables restored = Variables.restore(Variables.restore(null, outer.own(), VariableLimits.DEFAULT), inner.own(),
                VariableLimits.DEFAULT);
        assertThat(restored.get("a")).isEqualTo(json("1"));
        assertThat(restored.get("b")).isEqualTo(json("[2]"));
        assertThat(restored.totalBytes()).isEqualTo(inner.totalBytes());
    }

    @Test
    void sizesAreBoundedPerVariablePerAssignAndInAll() {
        VariableLimits limits = VariableLimits.builder().maxVariableBytes(10).maxAssignBytes(15).maxTotalBytes(20).build();
        Variables empty = Variables.empty(limits);
        assertThatThrownBy(() -> empty.assign(new Assignment(Map.of("big", json("`0123456789`"))), "S"))
                .isInstanceOfSatisfying(DataflowException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.DataLimitExceeded");
                    assertThat(e.cause()).isEqualTo("The value assigned to the variable 'big' by the state 'S' is 12 bytes,"
                            + " more than the 10 bytes a variable may hold");
                });
        assertThatThrownBy(() -> empty.assign(new Assignment(Map.of("a", json("`12345678`"), "b", json("`12345678`"))), "S"))
                .hasMessageContaining("assigns 20 bytes, more than the 15 bytes one Assign may assign");
        Variables some = empty.assign(new Assignment(Map.of("a", json("`12345678`"))), "S1");
        Variables more = some.child().assign(new Assignment(Map.of("b", json("`1234`"))), "S2");
        assertThat(more.totalBytes()).isEqualTo(16);
        assertThatThrownBy(() -> more.assign(new Assignment(Map.of("c", json("`123456`"))), "S3"))
                .hasMessageContaining("the variables would hold 24 bytes, more than the 20 bytes");
        // Reassigning replaces: the old value no longer counts.
        assertThat(some.assign(new Assignment(Map.of("a", json("1"))), "S4").totalBytes()).isEqualTo(1);
    }

    @Test
    void assignedVariablesAreRecordedAsJsonText() {
        // AWS: StateExited assignedVariables, e.g. {"guess": "\"the_guess\"", "bias": "4.3"}.
        Assignment a = new Assignment(new java.util.LinkedHashMap<>(Map.of("guess", json("`the_guess`"))));
        assertThat(a.assignedVariables()).containsExactly(Map.entry("guess", "\"the_guess\""));
        Assignment b = Assignment.of(json("{`bias`: 4.3, `o`: {`k`: [null, true]}, `n`: null}"));
        assertThat(b.assignedVariables()).containsExactly(Map.entry("bias", "4.3"),
                Map.entry("o", "{\"k\":[null,true]}"), Map.entry("n", "null"));
        assertThat(Assignment.of(json("{}")).assignedVariables()).isEmpty();
        assertThatThrownBy(() -> Assignment.of(json("[1]"))).isInstanceOf(DataflowException.class);
    }
}
