package dev.baton.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.worker.testing.FakeBroker;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

class BrokerErrorTest {

  @Test
  void readsTheAwsErrorDetail() {
    BrokerError error = BrokerError.of(
        FakeBroker.awsError(Status.Code.FAILED_PRECONDITION, "TaskTimedOut", "The task has timed out"));

    assertThat(error).isEqualTo(new BrokerError(
        Status.Code.FAILED_PRECONDITION, "TaskTimedOut", "The task has timed out", true));
    assertThat(error.isTaskEnded()).isTrue();
    assertThat(error.isTransient()).isFalse();
  }

  @Test
  void aTransportFailureIsNamedAfterItsCode() {
    BrokerError error = BrokerError.of(Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException());

    assertThat(error).isEqualTo(new BrokerError(Status.Code.UNAVAILABLE, "UNAVAILABLE", "connection refused", false));
    assertThat(error.isTransient()).isTrue();
    assertThat(error.isTaskEnded()).isFalse();
  }

  @Test
  void onlyTheBrokerCanSayATaskEnded() {
    BrokerError error = BrokerError.of(Status.FAILED_PRECONDITION.withDescription("TaskTimedOut").asRuntimeException());

    assertThat(error.isTaskEnded()).isFalse();
  }
}
