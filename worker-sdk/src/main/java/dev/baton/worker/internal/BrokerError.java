package dev.baton.worker.internal;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.baton.proto.v1.AwsError;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.Set;

/**
 * A failed call, read once: the gRPC status code and the AWS error name and message the broker
 * put in its {@code google.rpc.Status} details. A failure from the transport (broker down, deadline
 * passed) has no AWS error; its name is then the status code's name.
 *
 * @param code the gRPC status code
 * @param errorName AWS's error name, e.g. {@code TaskTimedOut}, or the code's name
 * @param message the broker's message, or the status description
 * @param fromBroker whether the broker named the error (an AwsError detail was present)
 */
public record BrokerError(Status.Code code, String errorName, String message, boolean fromBroker) {

  public static final String TASK_TIMED_OUT = "TaskTimedOut";
  public static final String INVALID_TOKEN = "InvalidToken";
  public static final String TASK_DOES_NOT_EXIST = "TaskDoesNotExist";
  public static final String INVALID_OUTPUT = "InvalidOutput";

  private static final Set<Status.Code> TRANSIENT =
      Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);

  /** Reads the error from a failed call's exception. */
  public static BrokerError of(Throwable failure) {
    Status status = Status.fromThrowable(failure);
    com.google.rpc.Status details = StatusProto.fromThrowable(failure);
    if (details != null) {
      for (Any detail : details.getDetailsList()) {
        if (detail.is(AwsError.class)) {
          try {
            AwsError error = detail.unpack(AwsError.class);
            return new BrokerError(status.getCode(), error.getErrorName(), error.getMessage(), true);
          } catch (InvalidProtocolBufferException e) {
            break;
          }
        }
      }
    }
    String description = status.getDescription();
    if (description == null && status.getCause() != null) {
      description = status.getCause().toString();
    }
    return new BrokerError(
        status.getCode(), status.getCode().name(), description == null ? "" : description, false);
  }

  /**
   * Whether the call may succeed if made again: the broker is unreachable or restarting, the
   * deadline passed, or it throttled. A deadline that passed may hide a call that landed; a
   * repeated completion then answers TaskTimedOut, which the worker takes as done.
   */
  public boolean isTransient() {
    return TRANSIENT.contains(code);
  }

  /** Whether the broker says the task is over or unknown, so further calls for it are pointless. */
  public boolean isTaskEnded() {
    return fromBroker
        && (TASK_TIMED_OUT.equals(errorName)
            || INVALID_TOKEN.equals(errorName)
            || TASK_DOES_NOT_EXIST.equals(errorName));
  }

  @Override
  public String toString() {
    return errorName + (message.isEmpty() ? "" : ": " + message);
  }
}
