package dev.baton.worker.internal;

import dev.baton.worker.ActivityCancelledException;
import dev.baton.worker.ActivityContext;
import dev.baton.worker.Cancellation;
import dev.baton.worker.FunctionContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The context of one running task (an activity's or a function's): its heartbeats and its cancellation. */
public final class TaskContext implements ActivityContext, FunctionContext {

  private static final Logger log = LoggerFactory.getLogger(TaskContext.class);
  private static final int SHORT_TOKEN_END = 6;

  /** Sends one heartbeat for a token and reports the outcome: null when delivered. */
  @FunctionalInterface
  public interface HeartbeatCall {
    void send(String taskToken, Consumer<BrokerError> done);
  }

  private final String taskToken;
  private final String resource;
  private final String requestId;
  private final String workerName;
  private final HeartbeatThrottle heartbeats;
  private final HeartbeatCall heartbeatCall;
  private final CompletableFuture<Cancellation> cancelled = new CompletableFuture<>();
  private Thread handlerThread;

  /**
   * @param resource the activity's ARN, or the function's
   * @param requestId the function invocation's request id; null for an activity task
   */
  public TaskContext(
      String taskToken,
      String resource,
      String requestId,
      String workerName,
      HeartbeatCall heartbeatCall,
      Function<Runnable, HeartbeatThrottle> throttle) {
    this.taskToken = taskToken;
    this.resource = resource;
    this.requestId = requestId;
    this.workerName = workerName;
    this.heartbeatCall = heartbeatCall;
    this.heartbeats = throttle.apply(this::sendHeartbeat);
  }

  @Override
  public String taskToken() {
    return taskToken;
  }

  @Override
  public String activityArn() {
    return resource;
  }

  @Override
  public String functionArn() {
    return resource;
  }

  @Override
  public String requestId() {
    return requestId;
  }

  @Override
  public String workerName() {
    return workerName;
  }

  @Override
  public void heartbeat() {
    throwIfCancelled();
    heartbeats.request();
  }

  @Override
  public void autoHeartbeat() {
    throwIfCancelled();
    heartbeats.automatic();
  }

  @Override
  public boolean isCancelled() {
    return cancelled.isDone();
  }

  @Override
  public CompletionStage<Cancellation> cancellation() {
    return cancelled.minimalCompletionStage();
  }

  /** The cancellation, or null while the task is not cancelled. */
  public Cancellation cancellationNow() {
    return cancelled.getNow(null);
  }

  /**
   * Cancels the task once; stops its heartbeats, and interrupts its handler when the worker is
   * shutting down now.
   */
  public void cancel(Cancellation cancellation) {
    if (!cancelled.complete(cancellation)) {
      return;
    }
    heartbeats.close();
    if (cancellation.reason() == Cancellation.Reason.WORKER_SHUTDOWN) {
      synchronized (this) {
        if (handlerThread != null) {
          handlerThread.interrupt();
        }
      }
    }
  }

  /** Marks the calling thread as running the handler, so shutdownNow can interrupt it. */
  synchronized void handlerStarted() {
    handlerThread = Thread.currentThread();
  }

  /**
   * The handler has returned: no more interrupts or heartbeats for it. Clears an interrupt that
   * arrived meanwhile, so reporting the result is not cut short.
   */
  void handlerEnded() {
    synchronized (this) {
      handlerThread = null;
    }
    Thread.interrupted();
    heartbeats.close();
  }

  /** The token cut to its ends, for logs: enough to match it, without its full length. */
  public static String shorten(String taskToken) {
    if (taskToken.length() <= 2 * SHORT_TOKEN_END + 3) {
      return taskToken;
    }
    return taskToken.substring(0, SHORT_TOKEN_END)
        + "..."
        + taskToken.substring(taskToken.length() - SHORT_TOKEN_END);
  }

  private void throwIfCancelled() {
    Cancellation cancellation = cancellationNow();
    if (cancellation != null) {
      throw new ActivityCancelledException(cancellation);
    }
  }

  private void sendHeartbeat() {
    heartbeatCall.send(taskToken, error -> {
      if (error == null) {
        heartbeats.sent(true);
      } else if (error.isTaskEnded()) {
        Cancellation.Reason reason = BrokerError.TASK_TIMED_OUT.equals(error.errorName())
            ? Cancellation.Reason.TASK_TIMED_OUT
            : Cancellation.Reason.INVALID_TOKEN;
        log.info("Task {} ended on the broker ({}); cancelling its handler", shorten(taskToken), error);
        cancel(new Cancellation(reason, error.toString()));
      } else {
        log.debug("Heartbeat for task {} not delivered ({}); trying again", shorten(taskToken), error);
        heartbeats.sent(false);
      }
    });
  }
}
