package dev.baton.broker.dataflow.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.EvaluationContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What JSONata expressions of one state see: {@code $states} ({@code input}, {@code result},
 * {@code errorOutput}, {@code context}) and the workflow variables ({@code $name}), plus the time
 * {@code $now()} reads and the random source of {@code $random()}/{@code $uuid()}.
 *
 * <p>Values are converted from Jackson trees to the engine's model once per scope, on first use,
 * however many fields and expressions of the state read them ({@link #withResult} and
 * {@link #withErrorOutput} share what was already converted). A scope belongs to one state
 * evaluation on one thread; it is not thread-safe.
 */
public final class JsonataScope {
    /** Remembers that a name is not a variable, so it is looked up once too. */
    private static final Object UNDEFINED = new Object();

    private final Shared shared;
    private final JsonNode input;
    private final JsonNode result;
    private final JsonNode errorOutput;
    private Map<String, Object> states;

    private JsonataScope(Shared shared, JsonNode input, JsonNode result, JsonNode errorOutput) {
        this.shared = shared;
        this.input = input;
        this.result = result;
        this.errorOutput = errorOutput;
    }

    /**
     * @param input   the state's input ({@code $states.input})
     * @param context the context object ({@code $states.context}), the workflow variables and the random source
     */
    public static Builder builder(JsonNode input, EvaluationContext context) {
        return new Builder(input, context);
    }

    /** The same scope with {@code $states.result} set: a Task's, Map's or Parallel's result, for Output and Assign. */
    public JsonataScope withResult(JsonNode result) {
        return new JsonataScope(shared, input, result, errorOutput);
    }

    /** The same scope with {@code $states.errorOutput} set: the error output, for a Catch's Output and Assign. */
    public JsonataScope withErrorOutput(JsonNode errorOutput) {
        return new JsonataScope(shared, input, result, errorOutput);
    }

    JsonataBudget budget() {
        return shared.budget;
    }

    public JsonataLimits limits() {
        return shared.limits;
    }

    /** The {@code $states} object: input and context always, result and errorOutput where the state has them. */
    Map<String, Object> states() {
        if (states == null) {
            Map<String, Object> s = new LinkedHashMap<>();
            putIfPresent(s, "input", input);
            putIfPresent(s, "result", result);
            putIfPresent(s, "errorOutput", errorOutput);
            putIfPresent(s, "context", shared.context.contextObject());
            states = s;
        }
        return states;
    }

    private void putIfPresent(Map<String, Object> s, String key, JsonNode value) {
        Object converted = shared.convert(value);
        if (converted != null) {
            s.put(key, converted);
        }
    }

    /** A workflow variable as a JSONata value, or null when it is not defined in scope. */
    Object variable(String name) {
        Object value = shared.variables.computeIfAbsent(name, n -> {
            Object converted = shared.convert(shared.context.variable(n));
            return converted == null ? UNDEFINED : converted;
        });
        return value == UNDEFINED ? null : value;
    }

    ProvidedFunctions functions() {
        if (shared.functions == null) {
            shared.functions = new ProvidedFunctions(shared.limits, shared.context.random(), shared.now);
        }
        return shared.functions;
    }

    /** State shared by a scope and the scopes derived from it. */
    private static final class Shared {
        private final EvaluationContext context;
        private final JsonataLimits limits;
        private final JsonataBudget budget;
        private final Instant now;
        private final IdentityHashMap<JsonNode, Object> converted = new IdentityHashMap<>();
        private final Map<String, Object> variables = new HashMap<>();
        private ProvidedFunctions functions;

        Shared(EvaluationContext context, JsonataLimits limits, JsonataBudget budget, Instant now) {
            this.context = context;
            this.limits = limits;
            this.budget = budget;
            this.now = now;
        }

        Object convert(JsonNode node) {
            if (node == null || node.isMissingNode()) {
                return null;
            }
            return converted.computeIfAbsent(node, JsonataValues::toJsonata);
        }
    }

    public static final class Builder {
        private final JsonNode input;
        private final EvaluationContext context;
        private JsonataLimits limits = JsonataLimits.DEFAULT;
        private JsonataBudget budget;
        private Instant now;

        private Builder(JsonNode input, EvaluationContext context) {
            this.input = input;
            this.context = Objects.requireNonNull(context, "context");
        }

        public Builder limits(JsonataLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The decision's budget, shared with the other scopes of the same decision (none: no shared bound). */
        public Builder budget(JsonataBudget budget) {
            this.budget = budget;
            return this;
        }

        /**
         * The time {@code $now()} and {@code $millis()} return. Defaults to the state's entered
         * time in the context object (then the execution's start time), so that evaluation stays a
         * function of the execution's recorded data.
         */
        public Builder now(Instant now) {
            this.now = now;
            return this;
        }

        public JsonataScope build() {
            return new JsonataScope(new Shared(context, limits, budget, now != null ? now : timeOf(context.contextObject())),
                    input, null, null);
        }

        private static Instant timeOf(JsonNode contextObject) {
            if (contextObject != null) {
                for (JsonNode t : new JsonNode[]{contextObject.path("State").path("EnteredTime"),
                        contextObject.path("Execution").path("StartTime")}) {
                    if (t.isTextual()) {
                        try {
                            return Instant.parse(t.textValue());
                        } catch (DateTimeParseException e) {
                            // Not a timestamp: try the next one.
                        }
                    }
                }
            }
            return Instant.EPOCH;
        }
    }
}
