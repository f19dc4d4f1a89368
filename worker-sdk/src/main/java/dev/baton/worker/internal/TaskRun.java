package dev.baton.worker.internal;

import dev.baton.worker.ActivityFailure;
import dev.baton.worker.ActivityWorker;
import dev.baton.worker.Cancellation;
import dev.baton.worker.FunctionFailure;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one task on a handler thread: the handler, then the report. Holds the execution slot its
 * poller reserved until the result is reported, then frees it.
 */
final class TaskRun implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(TaskRun.class);

  private final WorkerRuntime runtime;
  private final TaskContext context;
  private final String input;
  private final Duration waited;

  TaskRun(WorkerRuntime runtime, TaskContext context, String input, Duration waited) {
    this.runtime = runtime;
    this.context = context;
    this.input = input;
    this.waited = waited;
  }

  TaskContext context() {
    return context;
  }

  @Override
  public void run() {
    String arn = runtime.source().name();
    String shortToken = TaskContext.shorten(context.taskToken());
    MDC.put(runtime.source().mdcKey(), arn);
    MDC.put(ActivityWorker.MDC_TASK_TOKEN, shortToken);
    runtime.taskStarted(this);
    try {
      long started = System.nanoTime();
      TaskResult result = execute();
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      Cancellation cancellation = context.cancellationNow();
      if (cancellation != null && cancellation.taskEnded()) {
        log.debug("Task {} ended on the broker while it ran; its result is dropped", shortToken);
        runtime.listener().taskCancelled(arn, cancellation, took);
        return;
      }
      report(result, took);
    } finally {
      runtime.taskFinished(this);
      MDC.remove(runtime.source().mdcKey());
      MDC.remove(ActivityWorker.MDC_TASK_TOKEN);
      runtime.slots().release();
    }
  }

  private TaskResult execute() {
    TaskHandler handler = runtime.handler();
    context.handlerStarted();
    try {
      if (context.cancellationNow() != null) {
        // Arrived after shutdownNow: fail it at once so the state's Retry can send it elsewhere.
        return new TaskResult.Failure(ActivityFailure.WORKER_SHUTDOWN,
            "The worker " + context.workerName() + " was shut down before the task started");
      }
      runtime.listener().taskStarted(runtime.source().name(), waited);
      if (runtime.options().autoHeartbeat()) {
        context.autoHeartbeat();
      }
      String output = handler.handle(input, context);
      return new TaskResult.Success(output == null ? "null" : output);
    } catch (ActivityFailure | FunctionFailure failure) {
      log.info("Task failed: {}: {}", failure instanceof ActivityFailure a ? a.error()
          : ((FunctionFailure) failure).errorType(), failure.getMessage());
      return handler.failure(failure, context);
    } catch (Throwable thrown) {
      if (context.cancellationNow() == null) {
        log.warn("Task failed", thrown);
      }
      return handler.failure(thrown, context);
    } finally {
      context.handlerEnded();
    }
  }

  private void report(TaskResult result, Duration took) {
    String arn = runtime.source().name();
    switch (runtime.reporter().report(context.taskToken(), result)) {
      case TaskReporter.Report.Delivered delivered -> {
        switch (delivered.result()) {
          case TaskResult.Success success -> runtime.listener().taskSucceeded(arn, took);
          case TaskResult.Failure failure -> runtime.listener().taskFailed(arn, failure.error(), took);
        }
      }
      case TaskReporter.Report.TaskEnded ended -> {
        if (ended.retried()) {
          log.debug("Task already ended on the broker ({}), probably by an earlier attempt", ended.error());
        } else {
          log.info("Task already ended on the broker ({}); its result was not recorded", ended.error());
        }
        runtime.listener().reportFailed(arn, ended.error().errorName());
      }
      case TaskReporter.Report.GaveUp gaveUp -> {
        log.error("Could not report the task's result after {} attempts ({}); the broker will time it out",
            gaveUp.attempts(), gaveUp.error());
        runtime.listener().reportFailed(arn, gaveUp.error().errorName());
      }
    }
  }
}
