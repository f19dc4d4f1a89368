package dev.baton.broker.dataflow.jsonata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.Json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Small helpers for JSONata tests. */
final class JsonataTestSupport {
    static final JsonNode CONTEXT = json("{`Execution`: {`Id`: `arn:aws:states:us-east-1:111111111111:execution:sm:ex`,"
            + " `StartTime`: `2024-11-06T09:42:03.123Z`}, `State`: {`Name`: `S`, `EnteredTime`: `2024-11-06T09:42:04.456Z`}}");

    private JsonataTestSupport() {
    }

    /**
     * Parses JSON written with backticks for double quotes, for readability
     * ({@code {`a`: `it's`}}); JSONata string literals inside can then use single quotes.
     */
    static JsonNode json(String backticked) {
        try {
            return Json.parse(backticked.replace('`', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(backticked, e);
        }
    }

    /** A scope over an input, with variables given as name, JSON text, name, JSON text, ... */
    static JsonataScope scope(String input, String... variables) {
        return scopeBuilder(input, variables).build();
    }

    static JsonataScope.Builder scopeBuilder(String input, String... variables) {
        Map<String, JsonNode> vars = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put(variables[i], json(variables[i + 1]));
        }
        return JsonataScope.builder(json(input), EvaluationContext.of(CONTEXT, vars, new SplittableRandom(7)));
    }

    /** Evaluates a {@code "{% ... %}"} string (or any template given as JSON text with backticks) for the field Output. */
    static JsonNode eval(String templateJson, JsonataScope scope) {
        return template(templateJson).evaluate(scope, "Output");
    }

    static JsonataTemplate template(String templateJson) {
        try {
            return JsonataTemplate.parse(json(templateJson));
        } catch (DataflowSyntaxException e) {
            throw new IllegalArgumentException(templateJson + ": " + e.getMessage(), e);
        }
    }

    /** Evaluates one bare expression (no delimiters, may contain single and double quotes) for the field Output. */
    static JsonNode expr(String expression, JsonataScope scope) {
        try {
            return JsonataExpression.compile(expression).evaluate(scope, "Output");
        } catch (DataflowSyntaxException e) {
            throw new IllegalArgumentException(expression + ": " + e.getMessage(), e);
        }
    }
}
