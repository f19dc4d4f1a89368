package dev.baton.worker;

import java.util.concurrent.CompletionStage;

/**
 * What a function handler knows about the invocation it runs, passed to it as a parameter. Safe to
 * use from other threads the handler starts, while the handler runs. Heartbeats and cancellation
 * work as for activities (see {@link ActivityContext}).
 */
public interface FunctionContext {

  /**
   * The token this invocation is answered with. For {@code lambda:invoke.waitForTaskToken} it is
   * the invocation's own token; the state waits for the task token the state machine put in the
   * payload ({@code $$.Task.Token}).
   */
  String taskToken();

  /** The function's unqualified ARN in the broker's region and account. */
  String functionArn();

  /**
   * The invocation's request id, as AWS reports it in {@code SdkResponseMetadata} and in a
   * function's error object.
   */
  String requestId();

  /** The worker name sent with GetFunctionTask. */
  String workerName();

  /** See {@link ActivityContext#heartbeat()}. */
  void heartbeat();

  /** See {@link ActivityContext#autoHeartbeat()}. */
  void autoHeartbeat();

  /** Whether the invocation has been cancelled; see {@link Cancellation.Reason}. */
  boolean isCancelled();

  /** Completes when the invocation is cancelled, with the reason. */
  CompletionStage<Cancellation> cancellation();
}
