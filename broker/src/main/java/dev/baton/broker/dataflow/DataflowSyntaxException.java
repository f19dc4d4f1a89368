package dev.baton.broker.dataflow;

/**
 * A path, payload template, intrinsic function call or JSONata expression that does not parse.
 * Raised at definition time; the definition parser turns it into a diagnostic at the field's location.
 *
 * <p>Where AWS reports such a problem with a fixed sentence (e.g. "The value for the field 'x.$' must
 * be a valid JSONPath or a valid intrinsic function call"), the message is AWS's sentence and
 * {@link #detail()} says precisely what is wrong.
 */
public class DataflowSyntaxException extends Exception {
    private final String detail;
    private final String pointer;

    public DataflowSyntaxException(String message) {
        this(message, null, "");
    }

    /**
     * @param detail  what exactly is wrong (for logs and people), or null when the message says it all
     * @param pointer JSON pointer, relative to the parsed template, of the object holding the bad field
     *                ({@code ""} for the template itself); AWS reports ".$" problems at that object
     */
    public DataflowSyntaxException(String message, String detail, String pointer) {
        super(message, null, false, false);
        this.detail = detail;
        this.pointer = pointer == null ? "" : pointer;
    }

    /** What exactly is wrong, or null when the message says it all. */
    public String detail() {
        return detail;
    }

    /**
     * JSON pointer (RFC 6901), relative to the parsed template, of the object that holds the field
     * in error; {@code ""} when it is the template itself or the value is not a template.
     */
    public String pointer() {
        return pointer;
    }
}
