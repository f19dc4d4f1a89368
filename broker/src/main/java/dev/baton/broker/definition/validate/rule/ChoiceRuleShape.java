package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.model.ComparisonOperator;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Choice state has a non-empty Choices array of rules. In JSONPath states a rule is a
 * comparison (Variable and exactly one operator), or And / Or (non-empty arrays of rules) or Not (a
 * rule); only the top-level rules carry Next (and may carry Assign). In JSONata states a rule is a
 * Condition with a Next, and may carry Output and Assign.
 */
public final class ChoiceRuleShape implements StateRule {
    private static final Set<String> JSONATA_RULE = Set.of("Condition", "Next", "Output", "Assign", "Comment");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (!state.is("Choice")) {
            return;
        }
        JsonNode choices = state.field("Choices");
        String at = state.fieldLocation("Choices");
        if (choices == null) {
            out.schema(Checks.required(List.of("Choices")), state.location());
            return;
        }
        if (!choices.isArray() || choices.isEmpty()) {
            out.schema(Checks.mustBe("Choices", "a non-empty ARRAY"), at);
            return;
        }
        for (int i = 0; i < choices.size(); i++) {
            JsonNode rule = choices.get(i);
            String ruleAt = at + "/" + i;
            if (!rule.isObject()) {
                out.schema("Each element of 'Choices' must be an OBJECT", ruleAt);
                continue;
            }
            JsonNode next = rule.get("Next");
            if (next == null) {
                out.schema(Checks.required(List.of("Next")), ruleAt);
            } else if (!next.isTextual()) {
                out.schema(Checks.mustBe("Next", "a STRING"), ruleAt + "/Next");
            }
            if (state.jsonata()) {
                jsonataRule(rule, ruleAt, out);
            } else {
                jsonPathRule(rule, ruleAt, true, out);
            }
        }
    }

    private static void jsonataRule(JsonNode rule, String at, Diagnostics out) {
        JsonNode condition = rule.get("Condition");
        if (condition == null) {
            out.schema(Checks.required(List.of("Condition")), at);
        } else if (!Checks.isJsonata(condition) && !condition.isBoolean()) {
            out.schema(Checks.mustBe("Condition", "a JSONata expression \"{% ... %}\" or a boolean"), at + "/Condition");
        }
        rule.fieldNames().forEachRemaining(name -> {
            if (!JSONATA_RULE.contains(name)) {
                out.schema(Checks.unsupported(name), at);
            }
        });
    }

    private static void jsonPathRule(JsonNode rule, String at, boolean topLevel, Diagnostics out) {
        List<String> operators = new ArrayList<>();
        List<String> combinators = new ArrayList<>();
        rule.fieldNames().forEachRemaining(name -> {
            if (ComparisonOperator.fromAslName(name) != null) {
                operators.add(name);
            } else if (Set.of("And", "Or", "Not").contains(name)) {
                combinators.add(name);
            } else if (name.equals("Next") || name.equals("Assign")) {
                if (!topLevel) {
                    out.schema(Checks.unsupported(name) + " in a nested choice rule", at);
                }
            } else if (!name.equals("Variable") && !name.equals("Comment")) {
                out.schema(Checks.unsupported(name), at);
            }
        });
        if (operators.size() + combinators.size() != 1) {
            out.schema(operators.size() + combinators.size() == 0
                    ? "A choice rule needs a comparison operator (with 'Variable') or one of [And, Or, Not]"
                    : "A choice rule takes exactly one of its comparison operators or [And, Or, Not], not "
                    + Checks.list(concat(operators, combinators)), at);
            return;
        }
        if (!operators.isEmpty()) {
            if (!rule.has("Variable")) {
                out.schema(Checks.required(List.of("Variable")), at);
            }
            return;
        }
        if (rule.has("Variable")) {
            out.schema(Checks.unsupported("Variable") + " with " + combinators.get(0), at);
        }
        String combinator = combinators.get(0);
        JsonNode operand = rule.get(combinator);
        if (combinator.equals("Not")) {
            if (!operand.isObject()) {
                out.schema(Checks.mustBe("Not", "an OBJECT"), at + "/Not");
            } else {
                jsonPathRule(operand, at + "/Not", false, out);
            }
            return;
        }
        if (!operand.isArray() || operand.isEmpty()) {
            out.schema(Checks.mustBe(combinator, "a non-empty ARRAY of choice rules"), at + "/" + combinator);
            return;
        }
        for (int i = 0; i < operand.size(); i++) {
            String nestedAt = at + "/" + combinator + "/" + i;
            if (operand.get(i).isObject()) {
                jsonPathRule(operand.get(i), nestedAt, false, out);
            } else {
                out.schema("Each element of '" + combinator + "' must be an OBJECT", nestedAt);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
