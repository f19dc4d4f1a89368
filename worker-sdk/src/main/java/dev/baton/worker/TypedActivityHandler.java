package dev.baton.worker;

/**
 * Handles one activity task with its input and output mapped by Jackson to the caller's types.
 *
 * <p>Input that does not map to {@code I} fails the task with the error
 * {@value ActivityFailure#INVALID_INPUT}; output Jackson cannot write fails it with
 * {@value ActivityFailure#INVALID_OUTPUT}. A {@code null} result is sent as the JSON {@code null}.
 * Exceptions fail the task as described on {@link ActivityHandler}.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface TypedActivityHandler<I, O> {

  /**
   * Runs the task.
   *
   * @param input the task's input, mapped from JSON
   * @param context the task's token, a way to send heartbeats, and its cancellation signal
   * @return the task's output, mapped to JSON
   * @throws Exception to fail the task
   */
  O handle(I input, ActivityContext context) throws Exception;
}
