package dev.baton.worker.client;

import dev.baton.proto.v1.SendTaskFailureRequest;
import dev.baton.proto.v1.SendTaskHeartbeatRequest;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import io.grpc.Channel;
import java.time.Duration;
import java.util.Objects;

/**
 * Completes tasks by their token, outside an {@link dev.baton.worker.ActivityWorker}: for an
 * approval page answering a {@code .waitForTaskToken} task, or a service that received a token in
 * a message. Each call is made once; the exceptions say what went wrong.
 *
 * <p>A token completes once: after the first success or failure, further calls with it throw
 * {@link TaskTimedOutException}.
 */
public final class TaskTokenClient implements AutoCloseable {

  /** The default deadline of each call. */
  public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofSeconds(10);

  private final Connection connection;

  TaskTokenClient(Connection connection) {
    this.connection = connection;
  }

  /** A client on a channel the caller owns and closes. */
  public static TaskTokenClient create(Channel channel) {
    return new TaskTokenClient(Connection.on(channel, DEFAULT_CALL_DEADLINE));
  }

  /** A client on a channel the caller owns, with a deadline for each call. */
  public static TaskTokenClient create(Channel channel, Duration callDeadline) {
    return new TaskTokenClient(Connection.on(channel, callDeadline));
  }

  /**
   * A client that opens a plaintext channel to {@code target} (e.g. {@code "localhost:7070"}) and
   * closes it on {@link #close()}.
   */
  public static TaskTokenClient connect(String target) {
    return new TaskTokenClient(Connection.to(target, DEFAULT_CALL_DEADLINE));
  }

  /**
   * Completes the task with an output (SendTaskSuccess).
   *
   * @param taskToken the task's token
   * @param output JSON text, at most 256 KiB
   * @throws InvalidTokenException the token is malformed or unknown
   * @throws InvalidOutputException the output is not JSON or too large
   * @throws TaskTimedOutException the task has already ended
   */
  public void sendSuccess(String taskToken, String output) {
    Objects.requireNonNull(taskToken, "taskToken");
    Objects.requireNonNull(output, "output");
    connection.call(stub -> stub.sendTaskSuccess(
        SendTaskSuccessRequest.newBuilder().setTaskToken(taskToken).setOutput(output).build()));
  }

  /**
   * Fails the task (SendTaskFailure); the state's {@code Retry} and {@code Catch} see the error.
   *
   * @param taskToken the task's token
   * @param error the error name, or null for none
   * @param cause the cause, or null for none
   * @throws InvalidTokenException the token is malformed or unknown
   * @throws TaskTimedOutException the task has already ended
   */
  public void sendFailure(String taskToken, String error, String cause) {
    Objects.requireNonNull(taskToken, "taskToken");
    SendTaskFailureRequest.Builder request = SendTaskFailureRequest.newBuilder().setTaskToken(taskToken);
    if (error != null) {
      request.setError(error);
    }
    if (cause != null) {
      request.setCause(cause);
    }
    connection.call(stub -> stub.sendTaskFailure(request.build()));
  }

  /**
   * Tells the broker the task is alive (SendTaskHeartbeat), for a state with
   * {@code HeartbeatSeconds}.
   *
   * @param taskToken the task's token
   * @throws InvalidTokenException the token is malformed or unknown
   * @throws TaskTimedOutException the task has already ended
   */
  public void sendHeartbeat(String taskToken) {
    Objects.requireNonNull(taskToken, "taskToken");
    connection.call(stub -> stub.sendTaskHeartbeat(
        SendTaskHeartbeatRequest.newBuilder().setTaskToken(taskToken).build()));
  }

  /** Closes the channel if this client opened it. */
  @Override
  public void close() {
    connection.close();
  }
}
