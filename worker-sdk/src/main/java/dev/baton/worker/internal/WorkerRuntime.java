package dev.baton.worker.internal;

import dev.baton.proto.v1.SendTaskHeartbeatRequest;
import dev.baton.proto.v1.SendTaskHeartbeatResponse;
import dev.baton.proto.v1.StepFunctionsGrpc;
import dev.baton.proto.v1.StepFunctionsGrpc.StepFunctionsBlockingStub;
import dev.baton.proto.v1.StepFunctionsGrpc.StepFunctionsStub;
import dev.baton.worker.ActivityWorkerListener;
import dev.baton.worker.ActivityWorkerOptions;
import dev.baton.worker.Cancellation;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery behind an ActivityWorker and a FunctionWorker: pollers, execution slots, handler threads, heartbeats,
 * and the ordered shutdown (stop polling, let tasks finish and report, stop the threads, close the
 * channel it owns), as Temporal's worker shuts down.
 */
public final class WorkerRuntime {

  private static final Logger log = LoggerFactory.getLogger(WorkerRuntime.class);
  private static final Duration CHANNEL_CLOSE_WAIT = Duration.ofSeconds(5);

  private enum State { NEW, RUNNING, STOPPING, TERMINATED }

  private final TaskSource source;
  private final TaskHandler handler;
  private final ActivityWorkerOptions options;
  private final ActivityWorkerListener listener;
  private final ManagedChannel ownedChannel;
  private final StepFunctionsBlockingStub blockingStub;
  private final StepFunctionsStub asyncStub;
  private final ExecutionSlots slots;
  private final Backoff backoff;
  private final CountDownLatch stopNow = new CountDownLatch(1);
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final TaskReporter reporter;
  private final Set<TaskRun> running = ConcurrentHashMap.newKeySet();
  private final List<Poller> pollers = new ArrayList<>();
  private final List<Thread> pollerThreads = new ArrayList<>();
  private final String label;

  private State state = State.NEW;
  private ExecutorService handlers;
  private ScheduledThreadPoolExecutor timers;
  private Scheduler scheduler;

  /**
   * @param channel the channel to the broker
   * @param ownedChannel the same channel when the worker created it and must close it, else null
   */
  public WorkerRuntime(
      Channel channel,
      ManagedChannel ownedChannel,
      TaskSource source,
      TaskHandler handler,
      ActivityWorkerOptions options,
      ActivityWorkerListener listener) {
    this.source = source;
    this.handler = handler;
    this.options = options;
    this.listener = new GuardedListener(listener);
    this.ownedChannel = ownedChannel;
    this.blockingStub = StepFunctionsGrpc.newBlockingStub(channel);
    this.asyncStub = StepFunctionsGrpc.newStub(channel);
    this.slots = new ExecutionSlots(options.maxConcurrentTasks());
    this.backoff = new Backoff(options.pollBackoff(), options.resourceExhaustedBackoff());
    this.reporter = new TaskReporter(blockingStub, options.callDeadline(),
        options.completionRetryTimeout(), options.completionBackoff(), stopNow);
    this.label = lastPart(source.name());
  }

  public synchronized void start() {
    switch (state) {
      case RUNNING -> throw new IllegalStateException("The worker for " + source.name() + " is already started");
      case STOPPING, TERMINATED ->
          throw new IllegalStateException("The worker for " + source.name() + " was shut down; build a new one");
      case NEW -> { }
    }
    state = State.RUNNING;
    timers = new ScheduledThreadPoolExecutor(1, daemonThreads("baton-heartbeat-" + label + "-"));
    timers.setRemoveOnCancelPolicy(true);
    scheduler = Scheduler.of(timers);
    handlers = options.virtualThreads()
        ? Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("baton-task-" + label + "-", 1).factory())
        : new ThreadPoolExecutor(options.maxConcurrentTasks(), options.maxConcurrentTasks(), 0L,
            TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
            Thread.ofPlatform().name("baton-task-" + label + "-", 1).factory());
    ThreadFactory pollerThreadFactory = options.virtualThreads()
        ? Thread.ofVirtual().name("baton-poller-" + label + "-", 1).factory()
        : Thread.ofPlatform().name("baton-poller-" + label + "-", 1).factory();
    for (int i = 0; i < options.pollers(); i++) {
      Poller poller = new Poller(this, blockingStub, source, options.pollDeadline());
      pollers.add(poller);
      Thread thread = pollerThreadFactory.newThread(poller);
      pollerThreads.add(thread);
    }
    pollerThreads.forEach(Thread::start);
    log.info("Worker {} polling {} with {} pollers and {} slots", options.workerName(), source.name(),
        options.pollers(), options.maxConcurrentTasks());
  }

  /** Stops polling; tasks in flight, and any a poll in flight brings, run and report. */
  public void shutdown() {
    synchronized (this) {
      switch (state) {
        case NEW -> {
          state = State.STOPPING;
          startTermination();
          return;
        }
        case RUNNING -> {
          state = State.STOPPING;
          log.info("Worker {} stopping: no new polls; letting {} running tasks finish",
              options.workerName(), running.size());
          pollers.forEach(poller -> poller.stop(false));
          startTermination();
        }
        case STOPPING, TERMINATED -> { }
      }
    }
  }

  /** Stops polling, cancels polls in flight and interrupts handlers; results are still reported once. */
  public void shutdownNow() {
    shutdown();
    stopNow.countDown();
    pollers.forEach(poller -> poller.stop(true));
    Cancellation cancellation = new Cancellation(Cancellation.Reason.WORKER_SHUTDOWN,
        "The worker " + options.workerName() + " is shutting down now");
    running.forEach(run -> run.context().cancel(cancellation));
  }

  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  public boolean isTerminated() {
    return terminated.getCount() == 0;
  }

  private void startTermination() {
    Thread.ofPlatform().name("baton-worker-stop-" + label).daemon(false).start(this::terminate);
  }

  private void terminate() {
    try {
      for (Thread thread : pollerThreads) {
        thread.join();
      }
      if (handlers != null) {
        handlers.shutdown();
        while (!handlers.awaitTermination(1, TimeUnit.MINUTES)) {
          log.info("Worker {} still waiting for {} tasks to finish", options.workerName(), running.size());
        }
      }
      if (timers != null) {
        timers.shutdownNow();
      }
      if (ownedChannel != null) {
        ownedChannel.shutdown();
        if (!ownedChannel.awaitTermination(CHANNEL_CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
          ownedChannel.shutdownNow();
        }
      }
      log.info("Worker {} for {} stopped", options.workerName(), source.name());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Worker {} stop interrupted", options.workerName());
    } finally {
      synchronized (this) {
        state = State.TERMINATED;
      }
      terminated.countDown();
    }
  }

  /** Hands a polled task, with the slot its poller reserved, to a handler thread. */
  void dispatch(TaskSource.PolledTask task, Duration waited) {
    TaskContext context = new TaskContext(task.token(), task.resource(), task.requestId(), options.workerName(),
        this::sendHeartbeat,
        send -> new HeartbeatThrottle(options.heartbeatInterval(), System::nanoTime, scheduler, send));
    handlers.execute(new TaskRun(this, context, task.input(), waited));
  }

  void taskStarted(TaskRun run) {
    running.add(run);
    // A task dispatched while shutdownNow ran may have missed its sweep over running tasks.
    if (stopNow.getCount() == 0) {
      run.context().cancel(new Cancellation(Cancellation.Reason.WORKER_SHUTDOWN,
          "The worker " + options.workerName() + " is shutting down now"));
    }
  }

  void taskFinished(TaskRun run) {
    running.remove(run);
  }

  private void sendHeartbeat(String taskToken, Consumer<BrokerError> done) {
    asyncStub.withDeadlineAfter(options.callDeadline()).sendTaskHeartbeat(
        SendTaskHeartbeatRequest.newBuilder().setTaskToken(taskToken).build(),
        new StreamObserver<>() {
          @Override
          public void onNext(SendTaskHeartbeatResponse value) {}

          @Override
          public void onError(Throwable t) {
            done.accept(BrokerError.of(t));
          }

          @Override
          public void onCompleted() {
            done.accept(null);
          }
        });
  }

  ExecutionSlots slots() {
    return slots;
  }

  Backoff backoff() {
    return backoff;
  }

  ActivityWorkerListener listener() {
    return listener;
  }

  TaskHandler handler() {
    return handler;
  }

  TaskSource source() {
    return source;
  }

  ActivityWorkerOptions options() {
    return options;
  }

  TaskReporter reporter() {
    return reporter;
  }

  /** Running tasks and polls in flight hold slots; for tests and metrics. */
  public int slotsInUse() {
    return slots.inUse();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger next = new AtomicInteger(1);
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + next.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The last part of an ARN (or a name as it is), for thread names. */
  private static String lastPart(String arn) {
    int colon = arn.lastIndexOf(':');
    return colon >= 0 && colon < arn.length() - 1 ? arn.substring(colon + 1) : arn;
  }
}
