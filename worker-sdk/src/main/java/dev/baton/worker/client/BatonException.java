package dev.baton.worker.client;

import dev.baton.worker.internal.BrokerError;
import io.grpc.Status;
import java.util.Objects;

/**
 * An error the broker answered, with AWS's error name (as the AWS JSON protocol reports it in
 * {@code __type}) and the broker's message. Common errors have their own subclass, named as the AWS
 * SDK names them ({@link ExecutionDoesNotExistException}, {@link InvalidArnException}, ...);
 * others, and failures of the connection itself, are a {@link GenericBatonException}.
 */
public abstract sealed class BatonException extends RuntimeException
    permits ActivityDoesNotExistException,
        ActivityWorkerLimitExceededException,
        ExecutionAlreadyExistsException,
        ExecutionDoesNotExistException,
        ExecutionLimitExceededException,
        GenericBatonException,
        InvalidArnException,
        InvalidDefinitionException,
        InvalidExecutionInputException,
        InvalidNameException,
        InvalidOutputException,
        InvalidTokenException,
        ServiceUnavailableException,
        StateMachineAlreadyExistsException,
        StateMachineDeletingException,
        StateMachineDoesNotExistException,
        StateMachineTypeNotSupportedException,
        TaskDoesNotExistException,
        TaskTimedOutException,
        ValidationException {

  private final String errorName;
  private final String errorMessage;
  private final Status.Code statusCode;

  BatonException(String errorName, String errorMessage, Status.Code statusCode) {
    super(errorMessage.isEmpty() ? errorName : errorName + ": " + errorMessage);
    this.errorName = Objects.requireNonNull(errorName, "errorName");
    this.errorMessage = errorMessage;
    this.statusCode = Objects.requireNonNull(statusCode, "statusCode");
  }

  /** AWS's error name, e.g. {@code ExecutionDoesNotExist}; for a connection failure with no AWS
   * error, the gRPC status code's name, e.g. {@code UNAVAILABLE}. */
  public String errorName() {
    return errorName;
  }

  /** The broker's message, without the error name. */
  public String errorMessage() {
    return errorMessage;
  }

  /** The gRPC status code of the answer. */
  public Status.Code statusCode() {
    return statusCode;
  }

  /**
   * The exception a failed call of the baton.v1 API stands for, read from the AwsError in its
   * status details; useful with the generated stubs too.
   */
  public static BatonException from(Throwable failedCall) {
    BrokerError error = BrokerError.of(failedCall);
    String message = error.message();
    BatonException exception = error.fromBroker() ? named(error.errorName(), message, error.code()) : null;
    if (exception == null) {
      exception = error.code() == Status.Code.UNAVAILABLE
          ? new ServiceUnavailableException(message)
          : new GenericBatonException(error.errorName(), message, error.code());
    }
    exception.initCause(failedCall);
    return exception;
  }

  private static BatonException named(String errorName, String message, Status.Code code) {
    return switch (errorName) {
      case ActivityDoesNotExistException.ERROR_NAME -> new ActivityDoesNotExistException(message);
      case ActivityWorkerLimitExceededException.ERROR_NAME -> new ActivityWorkerLimitExceededException(message);
      case ExecutionAlreadyExistsException.ERROR_NAME -> new ExecutionAlreadyExistsException(message);
      case ExecutionDoesNotExistException.ERROR_NAME -> new ExecutionDoesNotExistException(message);
      case ExecutionLimitExceededException.ERROR_NAME -> new ExecutionLimitExceededException(message);
      case InvalidArnException.ERROR_NAME -> new InvalidArnException(message);
      case InvalidDefinitionException.ERROR_NAME -> new InvalidDefinitionException(message);
      case InvalidExecutionInputException.ERROR_NAME -> new InvalidExecutionInputException(message);
      case InvalidNameException.ERROR_NAME -> new InvalidNameException(message);
      case InvalidOutputException.ERROR_NAME -> new InvalidOutputException(message);
      case InvalidTokenException.ERROR_NAME -> new InvalidTokenException(message);
      case ServiceUnavailableException.ERROR_NAME -> new ServiceUnavailableException(message);
      case StateMachineAlreadyExistsException.ERROR_NAME -> new StateMachineAlreadyExistsException(message);
      case StateMachineDeletingException.ERROR_NAME -> new StateMachineDeletingException(message);
      case StateMachineDoesNotExistException.ERROR_NAME -> new StateMachineDoesNotExistException(message);
      case StateMachineTypeNotSupportedException.ERROR_NAME -> new StateMachineTypeNotSupportedException(message);
      case TaskDoesNotExistException.ERROR_NAME -> new TaskDoesNotExistException(message);
      case TaskTimedOutException.ERROR_NAME -> new TaskTimedOutException(message);
      case ValidationException.ERROR_NAME -> new ValidationException(message);
      default -> new GenericBatonException(errorName, message, code);
    };
  }
}
