package dev.baton.broker.dataflow;

/**
 * A path, payload template, intrinsic function call or JSONata expression that does not parse.
 * Raised at definition time; the definition parser turns it into a diagnostic at the field's location.
 */
public class DataflowSyntaxException extends Exception {
    public DataflowSyntaxException(String message) {
        super(message, null, false, false);
    }
}
