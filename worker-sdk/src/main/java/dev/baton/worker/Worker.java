package dev.baton.worker;

import dev.baton.worker.internal.WorkerRuntime;
import java.time.Duration;

/**
 * What an {@link ActivityWorker} and a {@link FunctionWorker} share once built: the ordered
 * shutdown (stop polling, let running tasks finish and report, stop the threads, close the channel
 * the worker opened) and its options.
 */
public abstract sealed class Worker implements AutoCloseable permits ActivityWorker, FunctionWorker {

  private final ActivityWorkerOptions options;
  final WorkerRuntime runtime;

  Worker(ActivityWorkerOptions options, WorkerRuntime runtime) {
    this.options = options;
    this.runtime = runtime;
  }

  /**
   * Stops polling and returns at once. Running tasks finish and report their results; a poll in
   * flight is left to return (up to the broker's 60 seconds), and a task it brings is run too, so
   * no task handed to this worker is dropped. Use {@link #awaitTermination(Duration)} to wait.
   */
  public void shutdown() {
    runtime.shutdown();
  }

  /**
   * Stops polling, cancels polls in flight, and cancels running tasks: their contexts report
   * {@link Cancellation.Reason#WORKER_SHUTDOWN} and their threads are interrupted. Results that
   * handlers still return are reported, with one attempt each.
   */
  public void shutdownNow() {
    runtime.shutdownNow();
  }

  /**
   * Waits until the worker has stopped: pollers ended, tasks finished and reported, and the channel
   * closed if the worker opened it.
   *
   * @return whether it stopped within the timeout
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return runtime.awaitTermination(timeout);
  }

  /** Whether the worker has stopped entirely. */
  public boolean isTerminated() {
    return runtime.isTerminated();
  }

  /** {@link #shutdown()}, then waits for termination without a time limit. */
  @Override
  public void close() throws InterruptedException {
    shutdown();
    while (!awaitTermination(Duration.ofMinutes(1))) {
      // keep waiting: close() promises the worker has stopped when it returns
    }
  }

  /** The worker's options. */
  public ActivityWorkerOptions options() {
    return options;
  }
}
