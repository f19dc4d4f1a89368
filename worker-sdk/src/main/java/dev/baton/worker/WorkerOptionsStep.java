package dev.baton.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;

/**
 * The option steps of a worker's builder, shared by {@link ActivityWorker} and
 * {@link FunctionWorker}: each option has a default (see {@link ActivityWorkerOptions}).
 *
 * @param <S> the builder's options step
 */
public interface WorkerOptionsStep<S> {
  /** Replaces all options; setters called afterwards change these. */
  S options(ActivityWorkerOptions options);

  /** See {@link ActivityWorkerOptions#workerName()}. */
  S workerName(String workerName);

  /** See {@link ActivityWorkerOptions#maxConcurrentTasks()}. */
  S maxConcurrentTasks(int maxConcurrentTasks);

  /** See {@link ActivityWorkerOptions#pollers()}. */
  S pollers(int pollers);

  /** See {@link ActivityWorkerOptions#virtualThreads()}. */
  S virtualThreads(boolean virtualThreads);

  /** See {@link ActivityWorkerOptions.Builder#heartbeatTimeout(Duration)}. */
  S heartbeatTimeout(Duration heartbeatTimeout);

  /** See {@link ActivityWorkerOptions#autoHeartbeat()}. */
  S autoHeartbeat(boolean autoHeartbeat);

  /** Metrics hooks; none by default. */
  S listener(ActivityWorkerListener listener);

  /**
   * The mapper for tree and typed handlers. By default a {@link com.fasterxml.jackson.databind.json.JsonMapper} with the modules found
   * on the class path, ignoring input fields the input type does not have (a state's input
   * often carries more than one task needs).
   */
  S objectMapper(ObjectMapper objectMapper);
}
