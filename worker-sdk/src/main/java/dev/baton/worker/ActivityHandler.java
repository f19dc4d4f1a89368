package dev.baton.worker;

/**
 * Handles one activity task with its input and output as JSON text.
 *
 * <p>The returned text becomes the task's output (SendTaskSuccess) and must be JSON; {@code null}
 * is sent as the JSON {@code null}. A thrown exception becomes a SendTaskFailure: its error name is
 * the exception class's simple name, or the one an {@link ActivityFailure} carries, and its cause
 * is the exception's message.
 */
@FunctionalInterface
public interface ActivityHandler {

  /**
   * Runs the task.
   *
   * @param input the task's input, JSON text as the state machine sent it
   * @param context the task's token, a way to send heartbeats, and its cancellation signal
   * @return the task's output as JSON text
   * @throws Exception to fail the task
   */
  String handle(String input, ActivityContext context) throws Exception;
}
