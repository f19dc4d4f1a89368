package dev.baton.broker.dataflow;

/**
 * A failure while evaluating a path, template, intrinsic function or expression at run time. It
 * carries the ASL error name the state fails with (e.g. {@code States.Runtime},
 * {@code States.IntrinsicFailure}, {@code States.QueryEvaluationError}) and AWS's cause text.
 *
 * <p>The cause is the part of AWS's message that follows the state prefix: AWS reports, e.g.,
 * "An error occurred while executing the state 'pass' (entered at the event id #2). The JSONPath
 * '$.x' specified for the field 'value.$' could not be found in the input '{}'"; the interpreter
 * adds the prefix, which needs the state name and event id.
 */
public class DataflowException extends RuntimeException {
    /** A run-time failure of the state machine's own logic (paths that select nothing, bad values). */
    public static final String RUNTIME = "States.Runtime";
    /** An intrinsic function failed on its arguments. */
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    /** ResultPath cannot be applied to the state's input. */
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    /** A ".$" field of Parameters could not be resolved (AWS mostly reports States.Runtime instead). */
    public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
    /** A payload exceeded AWS's 256 KiB service limit. */
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

    private final String error;

    public DataflowException(String error, String cause) {
        super(cause, null, false, false);
        this.error = error;
    }

    /** The ASL error name, e.g. {@code States.Runtime}. */
    public String error() {
        return error;
    }

    /** The cause as AWS words it (without the "An error occurred while executing the state ..." prefix). */
    public String cause() {
        return getMessage();
    }
}
