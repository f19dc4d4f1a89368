package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowException;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.Path;
import dev.baton.broker.definition.model.ChoiceRule;
import dev.baton.broker.definition.model.ComparisonOperator;

import java.time.Instant;

/**
 * Evaluates JSONPath Choice rules as AWS does: a comparison whose operand has the wrong type is
 * simply false (StringEquals on a number, NumericEquals on a string, a Timestamp operator on text
 * that is not a timestamp); And/Or short-circuit; a Variable (or a {@code *Path} operand) that
 * selects nothing is a run-time error, except for {@code IsPresent}, which tests exactly that.
 */
final class ChoiceRules {
    private ChoiceRules() {
    }

    /**
     * @throws DataflowException States.Runtime when a path selects nothing
     */
    static boolean evaluate(ChoiceRule rule, JsonNode input, EvaluationContext context) {
        return switch (rule) {
            case ChoiceRule.And and -> {
                for (ChoiceRule r : and.rules()) {
                    if (!evaluate(r, input, context)) {
                        yield false;
                    }
                }
                yield true;
            }
            case ChoiceRule.Or or -> {
                for (ChoiceRule r : or.rules()) {
                    if (evaluate(r, input, context)) {
                        yield true;
                    }
                }
                yield false;
            }
            case ChoiceRule.Not not -> !evaluate(not.rule(), input, context);
            case ChoiceRule.Comparison c -> compare(c, input, context);
            case ChoiceRule.Condition c -> throw new IllegalStateException("JSONata Conditions are evaluated by ChoiceStep");
        };
    }

    private static boolean compare(ChoiceRule.Comparison c, JsonNode input, EvaluationContext context) {
        JsonNode value = c.variable().read(input, context);
        ComparisonOperator op = c.operator();
        if (op == ComparisonOperator.IS_PRESENT) {
            return (value != null) == c.value().asBoolean();
        }
        if (value == null) {
            throw invalidPath(c.variable());
        }
        JsonNode operand = c.value();
        if (op.comparesWithPath()) {
            operand = c.valuePath().read(input, context);
            if (operand == null) {
                throw invalidPath(c.valuePath());
            }
        }
        return switch (op) {
            case IS_NULL -> value.isNull() == operand.asBoolean();
            case IS_NUMERIC -> value.isNumber() == operand.asBoolean();
            case IS_STRING -> value.isTextual() == operand.asBoolean();
            case IS_BOOLEAN -> value.isBoolean() == operand.asBoolean();
            case IS_TIMESTAMP -> (value.isTextual() && Timestamps.parse(value.textValue()) != null) == operand.asBoolean();
            case IS_PRESENT -> throw new IllegalStateException("handled above");
            case STRING_MATCHES -> value.isTextual() && operand.isTextual()
                    && StringMatches.matches(value.textValue(), operand.textValue());
            case STRING_EQUALS, STRING_EQUALS_PATH, STRING_LESS_THAN, STRING_LESS_THAN_PATH, STRING_GREATER_THAN, STRING_GREATER_THAN_PATH,
                 STRING_LESS_THAN_EQUALS, STRING_LESS_THAN_EQUALS_PATH, STRING_GREATER_THAN_EQUALS,
                 STRING_GREATER_THAN_EQUALS_PATH ->
                    strings(value, operand) && order(value.textValue().compareTo(operand.textValue()), op);
            case NUMERIC_EQUALS, NUMERIC_EQUALS_PATH, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_PATH, NUMERIC_GREATER_THAN,
                 NUMERIC_GREATER_THAN_PATH, NUMERIC_LESS_THAN_EQUALS, NUMERIC_LESS_THAN_EQUALS_PATH,
                 NUMERIC_GREATER_THAN_EQUALS, NUMERIC_GREATER_THAN_EQUALS_PATH ->
                    value.isNumber() && operand.isNumber()
                            && order(value.decimalValue().compareTo(operand.decimalValue()), op);
            case BOOLEAN_EQUALS, BOOLEAN_EQUALS_PATH ->
                    value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
            case TIMESTAMP_EQUALS, TIMESTAMP_EQUALS_PATH, TIMESTAMP_LESS_THAN, TIMESTAMP_LESS_THAN_PATH,
                 TIMESTAMP_GREATER_THAN, TIMESTAMP_GREATER_THAN_PATH, TIMESTAMP_LESS_THAN_EQUALS,
                 TIMESTAMP_LESS_THAN_EQUALS_PATH, TIMESTAMP_GREATER_THAN_EQUALS, TIMESTAMP_GREATER_THAN_EQUALS_PATH -> {
                Instant a = value.isTextual() ? Timestamps.parse(value.textValue()) : null;
                Instant b = operand.isTextual() ? Timestamps.parse(operand.textValue()) : null;
                yield a != null && b != null && order(a.compareTo(b), op);
            }
        };
    }

    private static boolean strings(JsonNode a, JsonNode b) {
        return a.isTextual() && b.isTextual();
    }

    /** Applies the operator's relation to a comparison result. */
    private static boolean order(int cmp, ComparisonOperator op) {
        String name = op.aslName();
        if (name.contains("LessThanEquals")) {
            return cmp <= 0;
        }
        if (name.contains("GreaterThanEquals")) {
            return cmp >= 0;
        }
        if (name.contains("LessThan")) {
            return cmp < 0;
        }
        if (name.contains("GreaterThan")) {
            return cmp > 0;
        }
        return cmp == 0;
    }

    private static DataflowException invalidPath(Path path) {
        return new DataflowException(DataflowException.RUNTIME, "Invalid path '" + path.text()
                + "': The choice state's condition path references an invalid value.");
    }
}
