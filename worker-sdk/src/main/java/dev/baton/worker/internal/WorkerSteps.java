package dev.baton.worker.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.worker.ActivityWorkerListener;
import dev.baton.worker.ActivityWorkerOptions;
import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * The option steps both worker builders share (ActivityWorker's and FunctionWorker's), and the
 * building of their runtime.
 *
 * @param <S> the builder's options step, returned by each setter
 */
public abstract class WorkerSteps<S> {

  private final Channel channel;
  private final String target;
  private ActivityWorkerOptions.Builder options = ActivityWorkerOptions.builder();
  private ActivityWorkerListener listener = ActivityWorkerListener.NONE;
  private ObjectMapper objectMapper;

  /** Exactly one of a channel the caller owns and a target to open a channel of the worker's own to. */
  protected WorkerSteps(Channel channel, String target) {
    this.channel = channel;
    this.target = target;
  }

  protected abstract S self();

  public S options(ActivityWorkerOptions options) {
    this.options = Objects.requireNonNull(options, "options").toBuilder();
    return self();
  }

  public S workerName(String workerName) {
    options.workerName(workerName);
    return self();
  }

  public S maxConcurrentTasks(int maxConcurrentTasks) {
    options.maxConcurrentTasks(maxConcurrentTasks);
    return self();
  }

  public S pollers(int pollers) {
    options.pollers(pollers);
    return self();
  }

  public S virtualThreads(boolean virtualThreads) {
    options.virtualThreads(virtualThreads);
    return self();
  }

  public S heartbeatTimeout(Duration heartbeatTimeout) {
    options.heartbeatTimeout(heartbeatTimeout);
    return self();
  }

  public S autoHeartbeat(boolean autoHeartbeat) {
    options.autoHeartbeat(autoHeartbeat);
    return self();
  }

  public S listener(ActivityWorkerListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return self();
  }

  public S objectMapper(ObjectMapper objectMapper) {
    this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
    return self();
  }

  /** The options as set so far, checked. */
  protected ActivityWorkerOptions builtOptions() {
    return options.build();
  }

  /**
   * The mapper for tree and typed handlers: the caller's, or a {@link JsonMapper} with the modules
   * found on the class path that ignores input fields the input type does not have (a state's input
   * often carries more than one task needs).
   */
  protected ObjectMapper mapper() {
    return objectMapper != null
        ? objectMapper
        : JsonMapper.builder().findAndAddModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  }

  /** The runtime of the worker being built; call last, once nothing else can fail. */
  protected WorkerRuntime runtime(ActivityWorkerOptions built, TaskSource source, TaskHandler handler) {
    ManagedChannel owned = target == null
        ? null
        : Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
    return new WorkerRuntime(owned != null ? owned : channel, owned, source, handler, built, listener);
  }
}
