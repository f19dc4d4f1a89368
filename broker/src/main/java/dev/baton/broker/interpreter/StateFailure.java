package dev.baton.broker.interpreter;

/**
 * A state failed with an ASL error (e.g. {@code States.Runtime}, or a worker's error name) and a cause.
 * Thrown inside the interpreter and turned into Retry/Catch handling or a failed run.
 */
final class StateFailure extends RuntimeException {
    private final String error;

    StateFailure(String error, String cause) {
        super(cause, null, false, false);
        this.error = error;
    }

    String error() {
        return error;
    }

    String cause() {
        return getMessage();
    }
}
