package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.model.ComparisonOperator;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

/**
 * In JSONPath Choice rules, Variable is a valid JSONPath and each operator's operand has its type:
 * String* a string, Numeric* a number, BooleanEquals and Is* a boolean, Timestamp* a string, and
 * every {@code *Path} operator a valid JSONPath.
 */
public final class ComparisonOperands implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        JsonNode choices = state.field("Choices");
        if (!state.is("Choice") || state.jsonata() || choices == null || !choices.isArray()) {
            return;
        }
        for (int i = 0; i < choices.size(); i++) {
            rule(choices.get(i), state.fieldLocation("Choices") + "/" + i, out);
        }
    }

    private static void rule(JsonNode rule, String at, Diagnostics out) {
        if (!rule.isObject()) {
            return;
        }
        for (String combinator : new String[]{"And", "Or"}) {
            JsonNode list = rule.get(combinator);
            if (list != null && list.isArray()) {
                for (int i = 0; i < list.size(); i++) {
                    rule(list.get(i), at + "/" + combinator + "/" + i, out);
                }
            }
        }
        if (rule.get("Not") != null) {
            rule(rule.get("Not"), at + "/Not", out);
        }
        JsonNode variable = rule.get("Variable");
        if (variable != null) {
            if (!variable.isTextual()) {
                out.schema(Checks.mustBe("Variable", "a STRING"), at + "/Variable");
            } else {
                ReferencePaths.path(variable, "Variable", at + "/Variable", false, out);
            }
        }
        rule.fields().forEachRemaining(e -> {
            ComparisonOperator op = ComparisonOperator.fromAslName(e.getKey());
            if (op != null) {
                operand(op, e.getValue(), at + "/" + e.getKey(), out);
            }
        });
    }

    private static void operand(ComparisonOperator op, JsonNode value, String at, Diagnostics out) {
        String name = op.aslName();
        if (op.comparesWithPath()) {
            if (!value.isTextual()) {
                out.schema(Checks.mustBe(name, "a STRING"), at);
            } else {
                ReferencePaths.path(value, name, at, false, out);
            }
            return;
        }
        boolean ok;
        String expected;
        if (name.startsWith("String") || name.startsWith("Timestamp")) {
            ok = value.isTextual();
            expected = "a STRING";
        } else if (name.startsWith("Numeric")) {
            ok = value.isNumber();
            expected = "a NUMBER";
        } else {
            ok = value.isBoolean(); // BooleanEquals and the Is* tests
            expected = "a BOOLEAN";
        }
        if (!ok) {
            out.schema(Checks.mustBe(name, expected), at);
        }
    }
}
