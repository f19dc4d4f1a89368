package dev.baton.broker.persistence;

/** A database failure the broker cannot recover from in the current call (I/O, lost connection). */
public final class PersistenceException extends RuntimeException {
    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
