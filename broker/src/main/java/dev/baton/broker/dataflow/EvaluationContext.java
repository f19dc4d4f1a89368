package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;

/** What a path or template can see besides the state's input: the context object and variables. */
public interface EvaluationContext {
    /** The context object ({@code $$}). */
    JsonNode contextObject();

    /** The value of a workflow variable, or {@code null} when it is not defined in scope. */
    JsonNode variable(String name);

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
}
