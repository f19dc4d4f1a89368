package dev.baton.broker.interpreter;

/** AWS's execution statuses. */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE;

    public boolean isClosed() {
        return this != RUNNING;
    }
}
