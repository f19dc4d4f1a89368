package dev.baton.worker.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.worker.testing.FakeBroker;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatonExceptionTest {

  @Test
  void everyNamedAwsErrorHasItsOwnException() {
    Map<String, Class<? extends BatonException>> expected = Map.ofEntries(
        Map.entry("ActivityDoesNotExist", ActivityDoesNotExistException.class),
        Map.entry("ActivityWorkerLimitExceeded", ActivityWorkerLimitExceededException.class),
        Map.entry("ExecutionAlreadyExists", ExecutionAlreadyExistsException.class),
        Map.entry("ExecutionDoesNotExist", ExecutionDoesNotExistException.class),
        Map.entry("ExecutionLimitExceeded", ExecutionLimitExceededException.class),
        Map.entry("InvalidArn", InvalidArnException.class),
        Map.entry("InvalidDefinition", InvalidDefinitionException.class),
        Map.entry("InvalidExecutionInput", InvalidExecutionInputException.class),
        Map.entry("InvalidName", InvalidNameException.class),
        Map.entry("InvalidOutput", InvalidOutputException.class),
        Map.entry("InvalidToken", InvalidTokenException.class),
        Map.entry("ServiceUnavailable", ServiceUnavailableException.class),
        Map.entry("StateMachineAlreadyExists", StateMachineAlreadyExistsException.class),
        Map.entry("StateMachineDeleting", StateMachineDeletingException.class),
        Map.entry("StateMachineDoesNotExist", StateMachineDoesNotExistException.class),
        Map.entry("StateMachineTypeNotSupported", StateMachineTypeNotSupportedException.class),
        Map.entry("TaskDoesNotExist", TaskDoesNotExistException.class),
        Map.entry("TaskTimedOut", TaskTimedOutException.class),
        Map.entry("ValidationException", ValidationException.class));

    expected.forEach((name, type) -> {
      BatonException e = BatonException.from(
          FakeBroker.awsError(Status.Code.INVALID_ARGUMENT, name, "details for " + name));
      assertThat(e).isInstanceOf(type);
      assertThat(e.errorName()).isEqualTo(name);
      assertThat(e.errorMessage()).isEqualTo("details for " + name);
      assertThat(e.getMessage()).isEqualTo(name + ": details for " + name);
    });
  }

  @Test
  void otherAwsErrorsAreGenericWithTheirNameAndCode() {
    BatonException e = BatonException.from(
        FakeBroker.awsError(Status.Code.INTERNAL, "InternalFailure", "the database is read-only"));

    assertThat(e).isInstanceOf(GenericBatonException.class);
    assertThat(e.errorName()).isEqualTo("InternalFailure");
    assertThat(e.statusCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(e.getCause()).isNotNull();
  }

  @Test
  void connectionFailuresWithoutAwsErrorAreNamedAfterTheirCode() {
    assertThat(BatonException.from(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException()))
        .isInstanceOf(ServiceUnavailableException.class)
        .extracting(BatonException::errorMessage).isEqualTo("io exception");
    BatonException late = BatonException.from(Status.DEADLINE_EXCEEDED.asRuntimeException());
    assertThat(late).isInstanceOf(GenericBatonException.class);
    assertThat(late.errorName()).isEqualTo("DEADLINE_EXCEEDED");
  }
}
