package dev.baton.worker;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.worker.internal.JacksonHandlers;
import dev.baton.worker.internal.WorkerRuntime;
import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Polls one activity for tasks and runs them with a handler: the handler's return value is sent
 * with SendTaskSuccess, an exception with SendTaskFailure.
 *
 * <pre>{@code
 * ActivityWorker worker = ActivityWorker.builder("localhost:7070")
 *     .activityArn("arn:aws:states:us-east-1:123456789012:activity:charge-card")
 *     .handler(Charge.class, (charge, context) -> payments.charge(charge))
 *     .maxConcurrentTasks(20)
 *     .heartbeatTimeout(Duration.ofSeconds(30))
 *     .build()
 *     .start();
 * ...
 * worker.shutdown();
 * worker.awaitTermination(Duration.ofMinutes(1));
 * }</pre>
 *
 * <p>The worker reserves an execution slot before each poll, so it never takes a task it cannot
 * start; results are reported again while the broker is unreachable, so a finished task is not
 * lost. While a handler runs, the SLF4J MDC holds {@value #MDC_ACTIVITY_ARN} and
 * {@value #MDC_TASK_TOKEN} (the token cut to its ends) on the handler's thread.
 */
public final class ActivityWorker implements AutoCloseable {

  /** MDC key of the running task's activity ARN. */
  public static final String MDC_ACTIVITY_ARN = "activityArn";
  /** MDC key of the running task's token, shortened. */
  public static final String MDC_TASK_TOKEN = "taskToken";

  private final String activityArn;
  private final ActivityWorkerOptions options;
  private final WorkerRuntime runtime;

  private ActivityWorker(String activityArn, ActivityWorkerOptions options, WorkerRuntime runtime) {
    this.activityArn = activityArn;
    this.options = options;
    this.runtime = runtime;
  }

  /**
   * Starts building a worker on a channel the caller owns (and closes after the worker has
   * terminated).
   */
  public static ActivityArnStep builder(Channel channel) {
    return new Steps(Objects.requireNonNull(channel, "channel"), null);
  }

  /**
   * Starts building a worker that opens its own plaintext channel to {@code target} (e.g.
   * {@code "localhost:7070"}, or any gRPC target string) and closes it when it terminates. For
   * TLS or other channel settings, build the channel yourself and use {@link #builder(Channel)}.
   */
  public static ActivityArnStep builder(String target) {
    Objects.requireNonNull(target, "target");
    return new Steps(null, target);
  }

  /** Starts polling. Can be called once. */
  public ActivityWorker start() {
    runtime.start();
    return this;
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

  /** The polled activity. */
  public String activityArn() {
    return activityArn;
  }

  /** The worker's options. */
  public ActivityWorkerOptions options() {
    return options;
  }

  /** First step: the activity to poll. */
  public interface ActivityArnStep {
    /** The ARN of the activity to poll, as CreateActivity returned it. */
    HandlerStep activityArn(String activityArn);
  }

  /** Second step: the handler, in one of three shapes. */
  public interface HandlerStep {
    /** A handler of JSON text. */
    OptionsStep handler(ActivityHandler handler);

    /** A handler of Jackson trees. */
    OptionsStep jsonHandler(JsonActivityHandler handler);

    /** A handler of the caller's types, mapped with the worker's {@link ObjectMapper}. */
    <I> OptionsStep handler(Class<I> inputType, TypedActivityHandler<? super I, ?> handler);

    /** A handler of a generic input type, e.g. {@code new TypeReference<List<Order>>() {}}. */
    <I> OptionsStep handler(TypeReference<I> inputType, TypedActivityHandler<? super I, ?> handler);
  }

  /** Last step: options, each with a default (see {@link ActivityWorkerOptions}), then build. */
  public interface OptionsStep {
    /** Replaces all options; setters called afterwards change these. */
    OptionsStep options(ActivityWorkerOptions options);

    /** See {@link ActivityWorkerOptions#workerName()}. */
    OptionsStep workerName(String workerName);

    /** See {@link ActivityWorkerOptions#maxConcurrentTasks()}. */
    OptionsStep maxConcurrentTasks(int maxConcurrentTasks);

    /** See {@link ActivityWorkerOptions#pollers()}. */
    OptionsStep pollers(int pollers);

    /** See {@link ActivityWorkerOptions#virtualThreads()}. */
    OptionsStep virtualThreads(boolean virtualThreads);

    /** See {@link ActivityWorkerOptions.Builder#heartbeatTimeout(Duration)}. */
    OptionsStep heartbeatTimeout(Duration heartbeatTimeout);

    /** See {@link ActivityWorkerOptions#autoHeartbeat()}. */
    OptionsStep autoHeartbeat(boolean autoHeartbeat);

    /** Metrics hooks; none by default. */
    OptionsStep listener(ActivityWorkerListener listener);

    /**
     * The mapper for tree and typed handlers. By default a {@link JsonMapper} with the modules found
     * on the class path, ignoring input fields the input type does not have (a state's input
     * often carries more than one task needs).
     */
    OptionsStep objectMapper(ObjectMapper objectMapper);

    /**
     * Builds the worker, not yet started.
     *
     * @throws IllegalArgumentException naming an option out of range
     */
    ActivityWorker build();
  }

  private static final class Steps implements ActivityArnStep, HandlerStep, OptionsStep {
    private final Channel channel;
    private final String target;
    private String activityArn;
    private Function<ObjectMapper, ActivityHandler> handler;
    private ActivityWorkerOptions.Builder options = ActivityWorkerOptions.builder();
    private ActivityWorkerListener listener = ActivityWorkerListener.NONE;
    private ObjectMapper objectMapper;

    Steps(Channel channel, String target) {
      this.channel = channel;
      this.target = target;
    }

    @Override
    public HandlerStep activityArn(String activityArn) {
      Objects.requireNonNull(activityArn, "activityArn");
      if (activityArn.isBlank()) {
        throw new IllegalArgumentException("activityArn must not be blank");
      }
      this.activityArn = activityArn;
      return this;
    }

    @Override
    public OptionsStep handler(ActivityHandler handler) {
      Objects.requireNonNull(handler, "handler");
      this.handler = mapper -> handler;
      return this;
    }

    @Override
    public OptionsStep jsonHandler(JsonActivityHandler handler) {
      Objects.requireNonNull(handler, "handler");
      this.handler = mapper -> JacksonHandlers.tree(handler, mapper);
      return this;
    }

    @Override
    public <I> OptionsStep handler(Class<I> inputType, TypedActivityHandler<? super I, ?> handler) {
      Objects.requireNonNull(inputType, "inputType");
      Objects.requireNonNull(handler, "handler");
      return typed(mapper -> mapper.constructType(inputType), handler);
    }

    @Override
    public <I> OptionsStep handler(TypeReference<I> inputType, TypedActivityHandler<? super I, ?> handler) {
      Objects.requireNonNull(inputType, "inputType");
      Objects.requireNonNull(handler, "handler");
      return typed(mapper -> mapper.constructType(inputType), handler);
    }

    private <I> OptionsStep typed(
        Function<ObjectMapper, JavaType> type, TypedActivityHandler<? super I, ?> handler) {
      this.handler = mapper -> JacksonHandlers.<I>typed(type.apply(mapper), handler, mapper);
      return this;
    }

    @Override
    public OptionsStep options(ActivityWorkerOptions options) {
      this.options = Objects.requireNonNull(options, "options").toBuilder();
      return this;
    }

    @Override
    public OptionsStep workerName(String workerName) {
      options.workerName(workerName);
      return this;
    }

    @Override
    public OptionsStep maxConcurrentTasks(int maxConcurrentTasks) {
      options.maxConcurrentTasks(maxConcurrentTasks);
      return this;
    }

    @Override
    public OptionsStep pollers(int pollers) {
      options.pollers(pollers);
      return this;
    }

    @Override
    public OptionsStep virtualThreads(boolean virtualThreads) {
      options.virtualThreads(virtualThreads);
      return this;
    }

    @Override
    public OptionsStep heartbeatTimeout(Duration heartbeatTimeout) {
      options.heartbeatTimeout(heartbeatTimeout);
      return this;
    }

    @Override
    public OptionsStep autoHeartbeat(boolean autoHeartbeat) {
      options.autoHeartbeat(autoHeartbeat);
      return this;
    }

    @Override
    public OptionsStep listener(ActivityWorkerListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    @Override
    public OptionsStep objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
      return this;
    }

    @Override
    public ActivityWorker build() {
      ActivityWorkerOptions built = options.build();
      ObjectMapper mapper = objectMapper != null ? objectMapper : defaultMapper();
      ActivityHandler mapped = handler.apply(mapper);
      // A channel of our own is opened last, once nothing can fail any more.
      ManagedChannel owned = target == null
          ? null
          : Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
      WorkerRuntime runtime = new WorkerRuntime(
          owned != null ? owned : channel, owned, activityArn, mapped, built, listener);
      return new ActivityWorker(activityArn, built, runtime);
    }

    private static ObjectMapper defaultMapper() {
      return JsonMapper.builder()
          .findAndAddModules()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
    }
  }
}
