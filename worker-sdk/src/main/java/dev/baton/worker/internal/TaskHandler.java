package dev.baton.worker.internal;

/**
 * The user's handler as the worker runs it: JSON text in, JSON text out, and how a thrown
 * exception is reported (an activity's error and message; a function's Lambda error object).
 */
public interface TaskHandler {

  /** Runs the task; the returned text is its output. */
  String handle(String input, TaskContext context) throws Exception;

  /** The failure a handler's exception is reported as. */
  TaskResult.Failure failure(Throwable thrown, TaskContext context);
}
