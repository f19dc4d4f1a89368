package dev.baton.worker;

import java.util.concurrent.CompletionStage;

/**
 * What a handler knows about the task it runs, passed to it as a parameter. Safe to use from other
 * threads the handler starts, while the handler runs.
 */
public interface ActivityContext {

  /** The task's token, as GetActivityTask returned it. */
  String taskToken();

  /** The activity the task belongs to. */
  String activityArn();

  /** The worker name sent with GetActivityTask and recorded in the ActivityStarted event. */
  String workerName();

  /**
   * Tells the broker the task is alive (SendTaskHeartbeat), so a state with
   * {@code HeartbeatSeconds} does not time it out. Cheap to call often: the call returns at once
   * and heartbeats are sent at most once per {@link ActivityWorkerOptions#heartbeatInterval()};
   * calls in between are folded into one heartbeat sent when the interval has passed.
   *
   * @throws ActivityCancelledException when the task has already been cancelled
   */
  void heartbeat();

  /**
   * Asks the worker to send heartbeats on its own, every
   * {@link ActivityWorkerOptions#heartbeatInterval()}, until the handler returns: for a handler
   * that waits on one long call and cannot heartbeat in a loop. The first heartbeat is sent at once.
   *
   * @throws ActivityCancelledException when the task has already been cancelled
   */
  void autoHeartbeat();

  /** Whether the task has been cancelled; see {@link Cancellation.Reason}. */
  boolean isCancelled();

  /**
   * Completes when the task is cancelled, with the reason. Never completes for a task that ends
   * normally.
   */
  CompletionStage<Cancellation> cancellation();
}
