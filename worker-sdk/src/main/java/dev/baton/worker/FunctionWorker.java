package dev.baton.worker;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.worker.internal.JacksonHandlers;
import dev.baton.worker.internal.LambdaErrors;
import dev.baton.worker.internal.TaskContext;
import dev.baton.worker.internal.TaskHandler;
import dev.baton.worker.internal.TaskResult;
import dev.baton.worker.internal.TaskSource;
import dev.baton.worker.internal.WorkerRuntime;
import dev.baton.worker.internal.WorkerSteps;
import io.grpc.Channel;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Serves a function: runs the invocations of Task states whose Resource is a Lambda function ARN
 * ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}) or {@code arn:aws:states:::lambda:invoke}
 * naming it, so state machines written for AWS run on-premises unchanged. The handler's return
 * value is the function's result; an exception fails the invocation as Lambda reports an unhandled
 * error (error = its type, cause = Lambda's error object).
 *
 * <pre>{@code
 * FunctionWorker worker = FunctionWorker.builder("localhost:7233")
 *     .functionName("charge-card")
 *     .handler(Charge.class, (charge, context) -> payments.charge(charge))
 *     .maxConcurrentTasks(20)
 *     .build()
 *     .start();
 * }</pre>
 *
 * <p>It takes the same options as an {@link ActivityWorker} (slots reserved before each poll,
 * several pollers, heartbeats, ordered shutdown) and polls with GetFunctionTask. With
 * {@code lambda:invoke.waitForTaskToken}, returning ends the invocation; the state then waits for
 * SendTaskSuccess/SendTaskFailure with the task token the payload carries (see
 * {@link dev.baton.worker.client.TaskTokenClient}). While a handler runs, the SLF4J MDC holds
 * {@value #MDC_FUNCTION} and {@value ActivityWorker#MDC_TASK_TOKEN}.
 */
public final class FunctionWorker extends Worker {

  /** MDC key of the running invocation's function name. */
  public static final String MDC_FUNCTION = "function";

  private final String functionName;
  /** Lambda's forms of a function's name without a qualifier, as GetFunctionTask accepts them. */
  private static final java.util.regex.Pattern FUNCTION_NAME = java.util.regex.Pattern.compile(
      "^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:|\\d{12}:function:)?[A-Za-z0-9_-]{1,64}$");

  private FunctionWorker(String functionName, ActivityWorkerOptions options, WorkerRuntime runtime) {
    super(options, runtime);
    this.functionName = functionName;
  }

  /** Starts building a worker on a channel the caller owns. */
  public static FunctionNameStep builder(Channel channel) {
    return new Steps(Objects.requireNonNull(channel, "channel"), null);
  }

  /** Starts building a worker that opens (and closes) its own plaintext channel to {@code target}. */
  public static FunctionNameStep builder(String target) {
    return new Steps(null, Objects.requireNonNull(target, "target"));
  }

  /** Starts polling. Can be called once. */
  public FunctionWorker start() {
    runtime.start();
    return this;
  }

  /** The function served, as the builder was given it. */
  public String functionName() {
    return functionName;
  }

  /** First step: the function to serve. */
  public interface FunctionNameStep {
    /**
     * The function served: its name ({@code charge-card}), partial ARN or full ARN, without a
     * version or alias. Every Task state naming the function (with any qualifier) comes here.
     */
    HandlerStep functionName(String functionName);
  }

  /** Second step: the handler, in one of three shapes. */
  public interface HandlerStep {
    /** A handler of JSON text. */
    OptionsStep handler(FunctionHandler handler);

    /** A handler of Jackson trees. */
    OptionsStep jsonHandler(JsonFunctionHandler handler);

    /** A handler of the caller's types, mapped with the worker's {@link ObjectMapper}. */
    <I> OptionsStep handler(Class<I> payloadType, TypedFunctionHandler<? super I, ?> handler);

    /** A handler of a generic payload type. */
    <I> OptionsStep handler(TypeReference<I> payloadType, TypedFunctionHandler<? super I, ?> handler);
  }

  /** Last step: options, as for an {@link ActivityWorker}, then build. */
  public interface OptionsStep extends WorkerOptionsStep<OptionsStep> {
    /**
     * Builds the worker, not yet started.
     *
     * @throws IllegalArgumentException naming an option out of range
     */
    FunctionWorker build();
  }

  private static final class Steps extends WorkerSteps<OptionsStep>
      implements FunctionNameStep, HandlerStep, OptionsStep {
    private String functionName;
    private Function<ObjectMapper, FunctionHandler> handler;

    Steps(Channel channel, String target) {
      super(channel, target);
    }

    @Override
    protected OptionsStep self() {
      return this;
    }

    @Override
    public HandlerStep functionName(String functionName) {
      Objects.requireNonNull(functionName, "functionName");
      if (!FUNCTION_NAME.matcher(functionName).matches()) {
        // The broker would refuse every poll with it: say so now rather than back off forever.
        throw new IllegalArgumentException("functionName '" + functionName + "' is not a function name (1 to 64 of "
            + "A-Z a-z 0-9 _ -), a partial ARN (ACCOUNT:function:NAME) or a full ARN, without a version or alias");
      }
      this.functionName = functionName;
      return this;
    }

    @Override
    public OptionsStep handler(FunctionHandler handler) {
      Objects.requireNonNull(handler, "handler");
      this.handler = mapper -> handler;
      return this;
    }

    @Override
    public OptionsStep jsonHandler(JsonFunctionHandler handler) {
      Objects.requireNonNull(handler, "handler");
      this.handler = mapper -> JacksonHandlers.<FunctionContext>tree(handler::handle, mapper)::handle;
      return this;
    }

    @Override
    public <I> OptionsStep handler(Class<I> payloadType, TypedFunctionHandler<? super I, ?> handler) {
      Objects.requireNonNull(payloadType, "payloadType");
      Objects.requireNonNull(handler, "handler");
      return typed(mapper -> mapper.constructType(payloadType), handler);
    }

    @Override
    public <I> OptionsStep handler(TypeReference<I> payloadType, TypedFunctionHandler<? super I, ?> handler) {
      Objects.requireNonNull(payloadType, "payloadType");
      Objects.requireNonNull(handler, "handler");
      return typed(mapper -> mapper.constructType(payloadType), handler);
    }

    private <I> OptionsStep typed(Function<ObjectMapper, JavaType> type, TypedFunctionHandler<? super I, ?> handler) {
      this.handler = mapper ->
          JacksonHandlers.<I, FunctionContext>typed(type.apply(mapper), handler::handle, mapper)::handle;
      return this;
    }

    @Override
    public FunctionWorker build() {
      ActivityWorkerOptions built = builtOptions();
      FunctionHandler mapped = handler.apply(mapper());
      WorkerRuntime runtime = runtime(built, new TaskSource.Function(functionName, built.workerName(), MDC_FUNCTION),
          new TaskHandler() {
            @Override
            public String handle(String input, TaskContext context) throws Exception {
              return mapped.handle(input, context);
            }

            @Override
            public TaskResult.Failure failure(Throwable thrown, TaskContext context) {
              return LambdaErrors.of(thrown, context.requestId());
            }
          });
      return new FunctionWorker(functionName, built, runtime);
    }
  }
}
