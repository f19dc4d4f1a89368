package dev.baton.broker.dataflow.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowSyntaxException;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks AWS makes on a JSONata field when a state machine is created or validated: every
 * expression must parse (INVALID_JSONATA_EXPRESSION), and must not read what a Step Functions
 * expression does not have (UNSUPPORTED_JSONATA_EXPRESSION): there is no context value at the top
 * level (so no bare field names, {@code $} or {@code $$}; the input is {@code $states.input}), and
 * {@code $states.errorOutput} exists only in a Catch's Output and Assign.
 */
public final class JsonataChecks {
    public static final String INVALID_JSONATA_EXPRESSION = "INVALID_JSONATA_EXPRESSION";
    public static final String UNSUPPORTED_JSONATA_EXPRESSION = "UNSUPPORTED_JSONATA_EXPRESSION";

    private JsonataChecks() {
    }

    /**
     * One problem in a field.
     *
     * @param code    INVALID_JSONATA_EXPRESSION or UNSUPPORTED_JSONATA_EXPRESSION
     * @param message AWS's message, e.g. "Reference to 'phone' at the top level is not supported."
     * @param pointer JSON pointer of the expression within the field ({@code ""} when the field is the expression)
     */
    public record Problem(String code, String message, String pointer) {
    }

    /** Where a field sits, which decides what its expressions may read. */
    public enum Field {
        /** Any JSONata field outside a Catch. */
        STATE,
        /** A Catch's Output or Assign: {@code $states.errorOutput} is available. */
        CATCHER
    }

    /**
     * Checks one field's value: a template with {@code "{% %}"} strings at any depth.
     *
     * @return the problems found, empty when the field is fine
     */
    public static List<Problem> check(JsonNode value, Field field) {
        JsonataTemplate template;
        try {
            template = JsonataTemplate.parse(value);
        } catch (DataflowSyntaxException e) {
            return List.of(new Problem(INVALID_JSONATA_EXPRESSION, e.getMessage(), e.pointer()));
        }
        List<Problem> problems = new ArrayList<>();
        for (JsonataTemplate.Site site : template.expressions()) {
            ExpressionAnalysis analysis = site.expression().analysis();
            for (String name : analysis.topLevelNames()) {
                problems.add(unsupported("Reference to '" + name + "' at the top level is not supported.", site));
            }
            if (analysis.readsContextItem()) {
                problems.add(unsupported("Reference to '$' at the top level is not supported.", site));
            }
            if (analysis.readsRoot()) {
                problems.add(unsupported("Reference to '$$' is not supported: use $states.context for the context object.", site));
            }
            if (field != Field.CATCHER && analysis.statesFields().contains("errorOutput")) {
                problems.add(unsupported("$states.errorOutput is only available in the Output and Assign of a Catch.", site));
            }
        }
        return problems;
    }

    private static Problem unsupported(String message, JsonataTemplate.Site site) {
        return new Problem(UNSUPPORTED_JSONATA_EXPRESSION, message, site.pointer());
    }
}
