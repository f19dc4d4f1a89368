package dev.baton.worker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Handles one activity task with its input and output as Jackson trees.
 *
 * <p>A {@code null} result is sent as the JSON {@code null}. Exceptions fail the task as described
 * on {@link ActivityHandler}.
 */
@FunctionalInterface
public interface JsonActivityHandler {

  /**
   * Runs the task.
   *
   * @param input the task's input
   * @param context the task's token, a way to send heartbeats, and its cancellation signal
   * @return the task's output
   * @throws Exception to fail the task
   */
  JsonNode handle(JsonNode input, ActivityContext context) throws Exception;
}
