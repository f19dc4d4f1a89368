package dev.baton.worker;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.worker.internal.JacksonHandlers;
import dev.baton.worker.internal.TaskContext;
import dev.baton.worker.internal.TaskHandler;
import dev.baton.worker.internal.TaskResult;
import dev.baton.worker.internal.TaskSource;
import dev.baton.worker.internal.WorkerSteps;
import dev.baton.worker.internal.WorkerRuntime;
import io.grpc.Channel;
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
public final class ActivityWorker extends Worker {

  /** MDC key of the running task's activity ARN. */
  public static final String MDC_ACTIVITY_ARN = "activityArn";
  /** MDC key of the running task's token, shortened. */
  public static final String MDC_TASK_TOKEN = "taskToken";

  private final String activityArn;

  private ActivityWorker(String activityArn, ActivityWorkerOptions options, WorkerRuntime runtime) {
    super(options, runtime);
    this.activityArn = activityArn;
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

  /** The polled activity. */
  public String activityArn() {
    return activityArn;
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
  public interface OptionsStep extends WorkerOptionsStep<OptionsStep> {
    /**
     * Builds the worker, not yet started.
     *
     * @throws IllegalArgumentException naming an option out of range
     */
    ActivityWorker build();
  }

  private static final class Steps extends WorkerSteps<OptionsStep>
      implements ActivityArnStep, HandlerStep, OptionsStep {
    private String activityArn;
    private Function<ObjectMapper, ActivityHandler> handler;

    Steps(Channel channel, String target) {
      super(channel, target);
    }

    @Override
    protected OptionsStep self() {
      return this;
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
      this.handler = mapper -> JacksonHandlers.<ActivityContext>tree(handler::handle, mapper)::handle;
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
      this.handler = mapper ->
          JacksonHandlers.<I, ActivityContext>typed(type.apply(mapper), handler::handle, mapper)::handle;
      return this;
    }

    @Override
    public ActivityWorker build() {
      ActivityWorkerOptions built = builtOptions();
      ActivityHandler mapped = handler.apply(mapper());
      WorkerRuntime runtime = runtime(built, new TaskSource.Activity(activityArn, built.workerName(), MDC_ACTIVITY_ARN),
          new TaskHandler() {
            @Override
            public String handle(String input, TaskContext context) throws Exception {
              return mapped.handle(input, context);
            }

            @Override
            public TaskResult.Failure failure(Throwable thrown, TaskContext context) {
              return TaskResult.Failure.of(thrown);
            }
          });
      return new ActivityWorker(activityArn, built, runtime);
    }
  }
}
