package dev.baton.broker.dataflow;

/**
 * A failure while evaluating a path, template, intrinsic function or expression at run time. It
 * carries the ASL error name the state fails with (e.g. {@code States.Runtime},
 * {@code States.IntrinsicFailure}, {@code States.QueryEvaluationError}) and AWS's cause text.
 */
public class DataflowException extends RuntimeException {
    private final String error;

    public DataflowException(String error, String cause) {
        super(cause, null, false, false);
        this.error = error;
    }

    /** The ASL error name, e.g. {@code States.Runtime}. */
    public String error() {
        return error;
    }

    /** The cause as AWS words it. */
    public String cause() {
        return getMessage();
    }
}
