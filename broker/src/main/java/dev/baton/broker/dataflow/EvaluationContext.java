package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** What a path or template can see besides the state's input: the context object and variables. */
public interface EvaluationContext {
    /** The context object ({@code $$}); see {@link ContextObject}. */
    JsonNode contextObject();

    /** The value of a workflow variable, or {@code null} when it is not defined in scope. */
    JsonNode variable(String name);

    /**
     * The random source of {@code States.UUID()} and unseeded {@code States.MathRandom}. The
     * interpreter is deterministic (same inputs, same decision), so randomness must come from here
     * and be reproducible: the interpreter should pass a generator seeded from the execution and
     * the event being decided, shared by all templates of one decision.
     *
     * <p>The default derives a fresh generator from the context object (execution id, state name,
     * entered time, retry count, map item index, task token), so the same state entry always draws
     * the same values. A template evaluation fetches the generator once, so several random calls in
     * one template still differ.
     */
    default RandomGenerator random() {
        return new SplittableRandom(seedOf(contextObject()));
    }

    /** A context with the given context object, variables (by name) and random source. */
    static EvaluationContext of(JsonNode contextObject, Map<String, JsonNode> variables, RandomGenerator random) {
        return of(contextObject, Map.copyOf(variables)::get, random);
    }

    /**
     * A context with the given context object, a variable lookup (returning null for a name that
     * is not defined) and random source.
     */
    static EvaluationContext of(JsonNode contextObject, Function<String, JsonNode> variables, RandomGenerator random) {
        return new EvaluationContext() {
            @Override
            public JsonNode contextObject() {
                return contextObject;
            }

            @Override
            public JsonNode variable(String name) {
                return variables.apply(name);
            }

            @Override
            public RandomGenerator random() {
                return random;
            }
        };
    }

    /** A context with an empty context object and no variables. */
    EvaluationContext EMPTY = new EvaluationContext() {
        @Override
        public JsonNode contextObject() {
            return Json.MAPPER.createObjectNode();
        }

        @Override
        public JsonNode variable(String name) {
            return null;
        }
    };

    /** A stable 64-bit seed (FNV-1a) from the parts of a context object that identify one state entry. */
    private static long seedOf(JsonNode context) {
        long hash = 0xcbf29ce484222325L;
        if (context == null) {
            return hash;
        }
        String[][] parts = {{"Execution", "Id"}, {"State", "Name"}, {"State", "EnteredTime"}, {"State", "RetryCount"},
                {"Map", "Item"}, {"Task", "Token"}};
        for (String[] part : parts) {
            JsonNode value = context.path(part[0]).path(part[1]);
            if (part[0].equals("Map")) {
                value = value.path("Index");
            }
            for (byte b : (value.isMissingNode() ? "-" : value.asText()).getBytes(StandardCharsets.UTF_8)) {
                hash ^= b;
                hash *= 0x100000001b3L;
            }
            hash ^= '|';
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
