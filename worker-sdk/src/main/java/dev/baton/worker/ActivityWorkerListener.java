package dev.baton.worker;

import java.time.Duration;

/**
 * Hooks for metrics: the worker calls these on its own threads and logs, but otherwise ignores,
 * exceptions they throw. All methods do nothing by default. Keep them fast: they run on the
 * polling and handler threads.
 */
public interface ActivityWorkerListener {

  /** A listener that ignores everything. */
  ActivityWorkerListener NONE = new ActivityWorkerListener() {};

  /**
   * A long poll ended without a task.
   *
   * @param activityArn the polled activity
   * @param waited how long the poll lasted
   */
  default void pollEmpty(String activityArn, Duration waited) {}

  /**
   * A long poll failed; the worker backs off before polling again.
   *
   * @param activityArn the polled activity
   * @param errorName the broker's AWS error name, or the gRPC status code when there was none
   * @param waited how long the poll lasted
   */
  default void pollFailed(String activityArn, String errorName, Duration waited) {}

  /**
   * A task arrived and its handler is about to run.
   *
   * @param activityArn the task's activity
   * @param waited how long the poll that brought it lasted
   */
  default void taskStarted(String activityArn, Duration waited) {}

  /**
   * A handler returned and its output was reported.
   *
   * @param activityArn the task's activity
   * @param duration how long the handler ran
   */
  default void taskSucceeded(String activityArn, Duration duration) {}

  /**
   * A handler failed (or its output was refused) and the failure was reported.
   *
   * @param activityArn the task's activity
   * @param error the error name reported
   * @param duration how long the handler ran
   */
  default void taskFailed(String activityArn, String error, Duration duration) {}

  /**
   * A task ended on the broker while its handler ran (a heartbeat was answered TaskTimedOut or
   * InvalidToken), so its result was dropped.
   *
   * @param activityArn the task's activity
   * @param cancellation why the task was cancelled
   * @param duration how long the handler ran
   */
  default void taskCancelled(String activityArn, Cancellation cancellation, Duration duration) {}

  /**
   * A result could not be reported: the broker answered that the task has ended, or it stayed
   * unreachable for {@link ActivityWorkerOptions#completionRetryTimeout()}.
   *
   * @param activityArn the task's activity
   * @param errorName the broker's AWS error name, or the gRPC status code when there was none
   */
  default void reportFailed(String activityArn, String errorName) {}
}
