package dev.baton.worker.internal;

import dev.baton.proto.v1.SendTaskFailureRequest;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StepFunctionsGrpc.StepFunctionsBlockingStub;
import dev.baton.worker.ActivityFailure;
import dev.baton.worker.BackoffPolicy;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a task's result with SendTaskSuccess or SendTaskFailure, retrying with back-off while the
 * broker is unreachable or restarting (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED), so a
 * finished task is not lost. Never retries an answer that the task has ended (TaskTimedOut,
 * InvalidToken): the broker completes a token once, so a retry of a call that did land is answered
 * TaskTimedOut and nothing is completed twice.
 */
public final class TaskReporter {

  private static final Logger log = LoggerFactory.getLogger(TaskReporter.class);

  /** How reporting ended. */
  public sealed interface Report {
    /** The broker recorded this result (possibly an output refused and turned into a failure). */
    record Delivered(TaskResult result) implements Report {}

    /** The broker answered that the task has ended; {@code retried} when an earlier attempt may
     * have landed. */
    record TaskEnded(BrokerError error, boolean retried) implements Report {}

    /** The broker refused the call for good, or stayed unreachable too long. */
    record GaveUp(BrokerError error, int attempts) implements Report {}
  }

  private final StepFunctionsBlockingStub stub;
  private final Duration callDeadline;
  private final Duration retryTimeout;
  private final BackoffPolicy backoff;
  private final CountDownLatch stopRetrying;

  /**
   * @param stopRetrying counted down by shutdownNow: each report then makes one more attempt at
   *     most, without waiting
   */
  public TaskReporter(
      StepFunctionsBlockingStub stub,
      Duration callDeadline,
      Duration retryTimeout,
      BackoffPolicy backoff,
      CountDownLatch stopRetrying) {
    this.stub = stub;
    this.callDeadline = callDeadline;
    this.retryTimeout = retryTimeout;
    this.backoff = backoff;
    this.stopRetrying = stopRetrying;
  }

  public Report report(String taskToken, TaskResult result) {
    long giveUpAt = System.nanoTime() + retryTimeout.toNanos();
    int attempts = 0;
    TaskResult current = result;
    while (true) {
      attempts++;
      try {
        send(taskToken, current);
        return new Report.Delivered(current);
      } catch (StatusRuntimeException e) {
        BrokerError error = BrokerError.of(e);
        if (current instanceof TaskResult.Success
            && error.fromBroker()
            && BrokerError.INVALID_OUTPUT.equals(error.errorName())) {
          // Fail the task now rather than leave the execution waiting for a time-out.
          log.warn("Output of task {} refused ({}); reporting a failure instead",
              TaskContext.shorten(taskToken), error);
          current = new TaskResult.Failure(ActivityFailure.INVALID_OUTPUT, error.message());
          continue;
        }
        if (error.isTaskEnded()) {
          return new Report.TaskEnded(error, attempts > 1);
        }
        if (!error.isTransient()) {
          return new Report.GaveUp(error, attempts);
        }
        Duration wait = backoff.delay(attempts, ThreadLocalRandom.current().nextDouble());
        if (stopRetrying.getCount() == 0 || System.nanoTime() + wait.toNanos() - giveUpAt > 0) {
          return new Report.GaveUp(error, attempts);
        }
        log.debug("Reporting task {} failed ({}); attempt {} in {} ms",
            TaskContext.shorten(taskToken), error, attempts + 1, wait.toMillis());
        if (awaitStop(wait)) {
          // shutdownNow: one last attempt, no more waiting.
          giveUpAt = System.nanoTime();
        }
      }
    }
  }

  private boolean awaitStop(Duration wait) {
    try {
      return stopRetrying.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      // Only shutdownNow interrupts; the interrupt is not kept, or the last attempt would fail
      // before it is sent.
      return true;
    }
  }

  private void send(String taskToken, TaskResult result) {
    StepFunctionsBlockingStub call = stub.withDeadlineAfter(callDeadline);
    switch (result) {
      case TaskResult.Success success -> call.sendTaskSuccess(
          SendTaskSuccessRequest.newBuilder().setTaskToken(taskToken).setOutput(success.output()).build());
      case TaskResult.Failure failure -> {
        SendTaskFailureRequest.Builder request =
            SendTaskFailureRequest.newBuilder().setTaskToken(taskToken).setError(failure.error());
        if (failure.cause() != null) {
          request.setCause(failure.cause());
        }
        call.sendTaskFailure(request.build());
      }
    }
  }
}
