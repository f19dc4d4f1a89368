package dev.baton.broker.dataflow.variables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowException;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.dataflow.PayloadTemplate;
import dev.baton.broker.dataflow.jsonata.JsonataScope;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values one state's Assign field gives its variables, evaluated and not yet applied. AWS
 * evaluates every value of an Assign (and the state's Output) against the variables as they were
 * before the state, then makes all the new values visible at once when the state exits: so
 * {@code {"a": "{% $b %}", "b": "{% $a %}"}} swaps two variables. Evaluate with
 * {@link #evaluate(PayloadTemplate, JsonNode, EvaluationContext)} or
 * {@link #evaluate(JsonataTemplate, JsonataScope, String)}, then apply with {@link Variables#assign(Assignment, String)}.
 *
 * @param values the variable names and values, in the order the Assign field lists them
 */
public record Assignment(Map<String, JsonNode> values) {
    public static final Assignment NONE = new Assignment(Map.of());

    public Assignment {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * A JSONPath state's Assign: a payload template whose {@code ".$"} keys read paths
     * ({@code $.x} from {@code input}, {@code $$.x} from the context object, {@code $name} from a
     * variable) or call intrinsic functions; other values are literal.
     *
     * @param input what {@code $} is: the state's result where it has one (Task, Map, Parallel,
     *              Pass), else its input (Choice, Wait)
     * @throws DataflowException States.Runtime when a path selects nothing, States.IntrinsicFailure
     *                           when an intrinsic function fails
     */
    public static Assignment evaluate(PayloadTemplate assign, JsonNode input, EvaluationContext context) {
        return of(assign.evaluate(input, context));
    }

    /**
     * A JSONata state's Assign (or a Choice rule's or a Catch's): every {@code "{% %}"} value is
     * an expression over {@code $states} and the variables.
     *
     * @param field the Assign field's name relative to the state for error messages:
     *              {@code Assign}, {@code Choices[0]/Assign}, {@code Catch[1]/Assign}
     * @throws dev.baton.broker.dataflow.jsonata.QueryEvaluationException when an expression fails
     */
    public static Assignment evaluate(JsonataTemplate assign, JsonataScope scope, String field) {
        return of(assign.evaluate(scope, field));
    }

    /** The assignment an evaluated Assign object makes (its keys, without any {@code ".$"} suffix, are the names). */
    public static Assignment of(JsonNode evaluated) {
        if (evaluated == null || !evaluated.isObject()) {
            throw new DataflowException(DataflowException.RUNTIME, "The Assign field must evaluate to a JSON object, not "
                    + (evaluated == null ? "nothing" : Json.write(evaluated)));
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = evaluated.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), field.getValue());
        }
        return new Assignment(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * What AWS records in the StateExited event's {@code assignedVariables}: each name with its
     * value as compact JSON text ({@code "\"the_guess\""}, {@code "4.3"}, {@code "{\"a\":1}"}).
     * Absent (empty) when the state assigned nothing, as for an empty Assign.
     */
    public Map<String, String> assignedVariables() {
        Map<String, String> details = new LinkedHashMap<>();
        values.forEach((name, value) -> details.put(name, Json.write(value)));
        return details;
    }
}
