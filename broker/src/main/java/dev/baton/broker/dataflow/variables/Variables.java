package dev.baton.broker.dataflow.variables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowException;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.PayloadLimit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The workflow variables a state sees, as AWS scopes them. Immutable: assigning returns a new
 * value, so the interpreter's snapshot can hold it as it is.
 *
 * <ul>
 *   <li>The state machine's top-level states share one scope.</li>
 *   <li>Each Parallel branch and each Map iteration runs in a {@linkplain #child() child scope}:
 *       it reads the variables of the scopes around it but cannot change them; what it assigns
 *       lives in its own scope, shadows an outer variable of the same name there, and is gone
 *       when the branch or iteration ends (data leaves it through its output only).</li>
 *   <li>A Distributed Map's child workflows see no outer variables at all ({@link #isolated()}).</li>
 *   <li>A state's assignments are applied all at once, after the state, with
 *       {@link #assign(Assignment, String)}; see {@link Assignment}.</li>
 *   <li>Sizes are bounded by {@link VariableLimits}: AWS's 256 KiB per variable, 256 KiB per
 *       Assign and 10 MiB in all. Passing one fails the state with States.DataLimitExceeded.</li>
 * </ul>
 */
public final class Variables {
    private final Variables outer;
    private final Map<String, JsonNode> own;
    private final Map<String, Long> ownSizes;
    private final VariableLimits limits;
    private final long totalBytes;

    private Variables(Variables outer, Map<String, JsonNode> own, Map<String, Long> ownSizes, VariableLimits limits) {
        this.outer = outer;
        this.own = own;
        this.ownSizes = ownSizes;
        this.limits = limits;
        long bytes = outer == null ? 0 : outer.totalBytes;
        for (long size : ownSizes.values()) {
            bytes += size;
        }
        this.totalBytes = bytes;
    }

    /** The state machine's scope at the start of an execution: no variables. */
    public static Variables empty() {
        return empty(VariableLimits.DEFAULT);
    }

    public static Variables empty(VariableLimits limits) {
        return new Variables(null, Map.of(), Map.of(), Objects.requireNonNull(limits, "limits"));
    }

    /**
     * Rebuilds a scope from a snapshot: its own variables, inside {@code outer} (null for the
     * state machine's scope).
     */
    public static Variables restore(Variables outer, Map<String, JsonNode> own, VariableLimits limits) {
        Map<String, JsonNode> values = new LinkedHashMap<>(own);
        Map<String, Long> sizes = new LinkedHashMap<>();
        values.forEach((name, value) -> sizes.put(name, PayloadLimit.utf8Size(value)));
        return new Variables(outer, Collections.unmodifiableMap(values), Collections.unmodifiableMap(sizes), limits);
    }

    /** The value of a variable visible in this scope (its own, else the nearest outer scope's), or null when undefined. */
    public JsonNode get(String name) {
        for (Variables scope = this; scope != null; scope = scope.outer) {
            JsonNode value = scope.own.get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    public boolean isDefined(String name) {
        return get(name) != null;
    }

    /** The variables assigned in this scope itself, in the order they were first assigned. */
    public Map<String, JsonNode> own() {
        return own;
    }

    /** The scope around this one, or null for the state machine's scope (or an isolated one). */
    public Variables outer() {
        return outer;
    }

    public VariableLimits limits() {
        return limits;
    }

    /** The bytes of every variable visible here, this scope's and the outer scopes'. */
    public long totalBytes() {
        return totalBytes;
    }

    /** A scope for a Parallel branch or a Map iteration: outer variables readable, assignments its own. */
    public Variables child() {
        return new Variables(this, Map.of(), Map.of(), limits);
    }

    /** A scope for a Distributed Map's child workflow, which sees none of the parent's variables. */
    public Variables isolated() {
        return empty(limits);
    }

    /**
     * Applies a state's assignment: every value at once, in this scope.
     *
     * @param stateName the state that assigns, for the error message
     * @throws DataflowException States.DataLimitExceeded when a value, the assignment or all
     *                           variables together pass {@link VariableLimits}
     */
    public Variables assign(Assignment assignment, String stateName) {
        if (assignment.isEmpty()) {
            return this;
        }
        Map<String, JsonNode> values = new LinkedHashMap<>(own);
        Map<String, Long> sizes = new LinkedHashMap<>(ownSizes);
        long assigned = 0;
        for (Map.Entry<String, JsonNode> e : assignment.values().entrySet()) {
            long size = PayloadLimit.utf8Size(e.getValue());
            if (size > limits.maxVariableBytes()) {
                throw tooLarge("The value assigned to the variable '" + e.getKey() + "' by the state '" + stateName + "' is "
                        + size + " bytes, more than the " + limits.maxVariableBytes() + " bytes a variable may hold");
            }
            assigned += size;
            values.put(e.getKey(), e.getValue());
            sizes.put(e.getKey(), size);
        }
        if (assigned > limits.maxAssignBytes()) {
            throw tooLarge("The Assign field of the state '" + stateName + "' assigns " + assigned
                    + " bytes, more than the " + limits.maxAssignBytes() + " bytes one Assign may assign");
        }
        Variables next = new Variables(outer, Collections.unmodifiableMap(values), Collections.unmodifiableMap(sizes), limits);
        if (next.totalBytes > limits.maxTotalBytes()) {
            throw tooLarge("After the state '" + stateName + "', the variables would hold " + next.totalBytes
                    + " bytes, more than the " + limits.maxTotalBytes() + " bytes an execution's variables may hold");
        }
        return next;
    }

    private static DataflowException tooLarge(String cause) {
        return new DataflowException(DataflowException.DATA_LIMIT_EXCEEDED, cause);
    }

    /** What paths, templates and expressions see: the context object, these variables and the random source. */
    public EvaluationContext evaluationContext(JsonNode contextObject, RandomGenerator random) {
        return EvaluationContext.of(contextObject, this::get, random);
    }

    @Override
    public String toString() {
        return "Variables" + own.keySet() + (outer == null ? "" : " in " + outer);
    }
}
