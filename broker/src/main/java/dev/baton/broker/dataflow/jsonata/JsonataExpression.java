package dev.baton.broker.dataflow.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * One JSONata expression, the text between {@code {%} and {@code %}}. Parsed once, at definition
 * time; immutable and safe to evaluate from many threads at once.
 */
public final class JsonataExpression {
    private static final Logger LOG = LoggerFactory.getLogger(JsonataExpression.class);

    private final String text;
    private final Jsonata compiled;
    private final ExpressionAnalysis analysis;

    private JsonataExpression(String text, Jsonata compiled, ExpressionAnalysis analysis) {
        this.text = text;
        this.compiled = compiled;
        this.analysis = analysis;
    }

    /** True for a string AWS evaluates as JSONata: it starts with {@code {%} and ends with {@code %}}, nothing around them. */
    public static boolean isExpression(String value) {
        return value != null && value.length() >= 4 && value.startsWith("{%") && value.endsWith("%}");
    }

    /** True for a JSON string node holding a JSONata expression. */
    public static boolean isExpression(JsonNode value) {
        return value != null && value.isTextual() && isExpression(value.textValue());
    }

    /**
     * Parses the expression in a {@code "{% ... %}"} string.
     *
     * @throws DataflowSyntaxException when it does not parse; the message is the JSONata parser's,
     *                                 without its error code, as AWS reports it after
     *                                 {@code INVALID_JSONATA_EXPRESSION:}
     */
    public static JsonataExpression parse(String delimited) throws DataflowSyntaxException {
        if (!isExpression(delimited)) {
            throw new DataflowSyntaxException("The value '" + delimited + "' is not a JSONata expression: it must start with '{%' and end with '%}'");
        }
        return compile(delimited.substring(2, delimited.length() - 2).trim());
    }

    /** Parses a bare JSONata expression (without the {@code {% %}} delimiters). */
    public static JsonataExpression compile(String text) throws DataflowSyntaxException {
        if (text.isBlank()) {
            throw new DataflowSyntaxException("The expression is empty");
        }
        Jsonata compiled;
        try {
            compiled = Jsonata.jsonata(text);
        } catch (JException e) {
            throw new DataflowSyntaxException(JsonataErrors.render(e).message(),
                    "JSONata error " + e.getError() + " at position " + e.getLocation(), "");
        } catch (StackOverflowError e) {
            throw new DataflowSyntaxException("The expression is nested too deeply to be parsed");
        } catch (RuntimeException e) {
            // The parser reports some malformed input with bare runtime exceptions.
            throw new DataflowSyntaxException("The expression cannot be parsed: " + e.getMessage());
        }
        compiled.setOutputConvertNulls(false);
        ExpressionAnalysis analysis;
        try {
            analysis = ExpressionAnalysis.of(compiled);
        } catch (StackOverflowError e) {
            throw new DataflowSyntaxException("The expression is nested too deeply to be parsed");
        }
        return new JsonataExpression(text, compiled, analysis);
    }

    /** The expression's text, without the delimiters, as AWS quotes it in error messages. */
    public String text() {
        return text;
    }

    /** Every variable name the expression mentions ({@code $name}), including JSONata's own functions and local names. */
    public Set<String> variableNames() {
        return analysis.variables();
    }

    ExpressionAnalysis analysis() {
        return analysis;
    }

    /**
     * Evaluates the expression.
     *
     * @param field the field it sits in, relative to the state, for AWS's messages and the
     *              EvaluationFailed event's location: {@code Output}, {@code Output/a}, {@code Items}
     * @return the value; never null
     * @throws QueryEvaluationException when the expression throws, returns nothing (undefined) or
     *                                  a function, or passes the scope's {@link JsonataLimits}
     */
    public JsonNode evaluate(JsonataScope scope, String field) {
        Object value = evaluateValue(scope, field);
        if (value == null) {
            throw QueryEvaluationException.returnedNothing(text, field);
        }
        if (JsonataValues.isFunction(value)) {
            throw new QueryEvaluationException(field, "The JSONata expression '" + text + "' specified for the field '"
                    + field + "' returned an unsupported result type.");
        }
        try {
            return JsonataValues.toJson(value);
        } catch (JsonataValues.ValueException e) {
            throw QueryEvaluationException.threw(text, field, null, e.getMessage());
        }
    }

    /**
     * Evaluates the expression and checks the type of its value.
     *
     * @param expectedType AWS's type name: array, object, string, number, boolean or null
     * @throws QueryEvaluationException AWS's "returned an unexpected result type" when the value has another type
     */
    public JsonNode evaluate(JsonataScope scope, String field, String expectedType) {
        JsonNode value = evaluate(scope, field);
        String actual = JsonataValues.typeName(value);
        if (!actual.equals(expectedType)) {
            throw QueryEvaluationException.unexpectedType(text, field, expectedType, actual, Json.write(value));
        }
        return value;
    }

    /** The raw engine value: null when the expression returns nothing. */
    private Object evaluateValue(JsonataScope scope, String field) {
        Jsonata.Frame frame = compiled.createFrame();
        new EvaluationBounds(scope.limits(), scope.budget()).installOn(frame);
        scope.functions().bindInto(frame);
        for (String name : analysis.variables()) {
            Object value = name.equals("states") ? scope.states() : scope.variable(name);
            if (value != null) {
                frame.bind(name, value);
            }
        }
        try {
            return compiled.evaluate(null, frame);
        } catch (JException e) {
            EvaluationBounds.LimitExceeded limit = limitIn(e);
            if (limit != null) {
                throw QueryEvaluationException.threw(text, field, null, limit.reason());
            }
            JsonataErrors.Rendered rendered = JsonataErrors.render(e);
            throw QueryEvaluationException.threw(text, field, rendered.code(), rendered.message());
        } catch (StackOverflowError e) {
            throw QueryEvaluationException.threw(text, field, null, "The evaluation nested too deeply");
        } catch (OutOfMemoryError e) {
            // The bounds should make this unreachable; if not, fail the state rather than the broker.
            LOG.warn("A JSONata expression exhausted memory while evaluating the field {}", field);
            throw QueryEvaluationException.threw(text, field, null, "The evaluation needed more memory than is available");
        } catch (RuntimeException e) {
            EvaluationBounds.LimitExceeded limit = limitIn(e);
            if (limit != null) {
                throw QueryEvaluationException.threw(text, field, null, limit.reason());
            }
            // The engine reports a few problems with bare Java exceptions (casts, nulls); the state
            // still fails with States.QueryEvaluationError, and the cause says what happened.
            LOG.debug("JSONata evaluation of field {} failed", field, e);
            throw QueryEvaluationException.threw(text, field, null, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static EvaluationBounds.LimitExceeded limitIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EvaluationBounds.LimitExceeded limit) {
                return limit;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "{% " + text + " %}";
    }
}
