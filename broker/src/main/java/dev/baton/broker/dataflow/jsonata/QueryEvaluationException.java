package dev.baton.broker.dataflow.jsonata;

import dev.baton.broker.dataflow.DataflowException;

/**
 * A JSONata expression failed: it threw, returned nothing, returned a value of the wrong type, or
 * ran past its {@link JsonataLimits}. The state fails with States.QueryEvaluationError (a Catch on
 * it fires), and AWS records an EvaluationFailed event whose {@code location} is the field the
 * expression sat in, e.g. {@code Output/FunctionResult}.
 */
public final class QueryEvaluationException extends DataflowException {
    public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";

    private final String location;

    public QueryEvaluationException(String location, String cause) {
        super(QUERY_EVALUATION_ERROR, cause);
        this.location = location;
    }

    /**
     * The field the failing expression sat in, relative to the state, as AWS writes it:
     * {@code Output}, {@code Output/a/b}, {@code Arguments/list[0]}, {@code Items}.
     */
    public String location() {
        return location;
    }

    /** AWS: "The JSONata expression 'x' specified for the field 'F' returned nothing (undefined)." */
    static QueryEvaluationException returnedNothing(String expression, String field) {
        return new QueryEvaluationException(field, "The JSONata expression '" + expression + "' specified for the field '"
                + field + "' returned nothing (undefined).");
    }

    /**
     * AWS: "The JSONata expression 'x' specified for the field 'F' threw an error during
     * evaluation. T1006: Attempted to invoke a non-function". A JSONata error has a code and ends
     * the sentence; a bound the broker enforces has none and follows a colon.
     */
    static QueryEvaluationException threw(String expression, String field, String code, String message) {
        String prefix = "The JSONata expression '" + expression + "' specified for the field '" + field
                + "' threw an error during evaluation";
        return new QueryEvaluationException(field, code == null ? prefix + ": " + message : prefix + ". " + code + ": " + message);
    }

    /**
     * AWS: "The JSONata expression 'x' specified for the field 'Items' returned an unexpected
     * result type. Expected 'array', but was 'number' for value: 1".
     */
    static QueryEvaluationException unexpectedType(String expression, String field, String expected, String actual,
                                                   String valueJson) {
        return new QueryEvaluationException(field, "The JSONata expression '" + expression + "' specified for the field '"
                + field + "' returned an unexpected result type. Expected '" + expected + "', but was '" + actual
                + "' for value: " + valueJson);
    }
}
