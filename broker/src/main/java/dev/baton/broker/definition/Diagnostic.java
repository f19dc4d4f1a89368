package dev.baton.broker.definition;

import java.util.Objects;

/**
 * One problem found in a definition, as AWS's ValidateStateMachineDefinition reports it.
 *
 * @param severity ERROR (the definition is rejected) or WARNING (accepted, but probably not what was meant)
 * @param code     AWS's diagnostic code, e.g. {@link #SCHEMA_VALIDATION_FAILED}
 * @param message  what is wrong, in AWS's wording where it is known
 * @param location where, as a path into the definition (e.g. {@code /States/Charge/Next}), or null
 */
public record Diagnostic(Severity severity, String code, String message, String location) {

    public enum Severity { ERROR, WARNING }

    // AWS's error codes (API reference, ValidateStateMachineDefinitionDiagnostic).
    public static final String INVALID_JSON_DESCRIPTION = "INVALID_JSON_DESCRIPTION";
    public static final String MISSING_DESCRIPTION = "MISSING_DESCRIPTION";
    public static final String SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED";
    public static final String INVALID_RESOURCE = "INVALID_RESOURCE";
    public static final String MISSING_END_STATE = "MISSING_END_STATE";
    public static final String DUPLICATE_STATE_NAME = "DUPLICATE_STATE_NAME";
    public static final String INVALID_STATE_NAME = "INVALID_STATE_NAME";
    public static final String MISSING_TRANSITION_TARGET = "MISSING_TRANSITION_TARGET";
    // AWS's warning codes.
    public static final String NO_DOLLAR = "NO_DOLLAR";
    public static final String NO_PATH = "NO_PATH";
    public static final String PASS_RESULT_IS_STATIC = "PASS_RESULT_IS_STATIC";

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(String code, String message, String location) {
        return new Diagnostic(Severity.ERROR, code, message, location);
    }

    public static Diagnostic warning(String code, String message, String location) {
        return new Diagnostic(Severity.WARNING, code, message, location);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code CODE: message at location}, the form AWS uses inside an InvalidDefinition message. */
    public String describe() {
        return location == null ? code + ": " + message : code + ": " + message + " at " + location;
    }
}
