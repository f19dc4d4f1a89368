package dev.baton.worker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.DescribeExecutionResponse;
import dev.baton.proto.v1.ExecutionListItem;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.ListExecutionsResponse;
import dev.baton.proto.v1.StepFunctionsGrpc;
import dev.baton.worker.testing.FakeBroker;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the client maps the API's messages to records and pages through lists; its behaviour against
 * the real broker is covered by the end-to-end tests.
 */
class BatonClientTest {

  private static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";

  private final List<ListExecutionsRequest> listRequests = new CopyOnWriteArrayList<>();
  private Server server;
  private ManagedChannel channel;
  private BatonClient client;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(new StepFunctionsGrpc.StepFunctionsImplBase() {
      @Override
      public void describeExecution(DescribeExecutionRequest request, StreamObserver<DescribeExecutionResponse> observer) {
        if (request.getExecutionArn().endsWith(":missing")) {
          observer.onError(FakeBroker.awsError(Status.Code.NOT_FOUND, "ExecutionDoesNotExist",
              "Execution does not exist: " + request.getExecutionArn()));
          return;
        }
        DescribeExecutionResponse.Builder response = DescribeExecutionResponse.newBuilder()
            .setExecutionArn(request.getExecutionArn())
            .setStateMachineArn(SM)
            .setName("run-1")
            .setStartDate(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(5_000_000))
            .setInput("{\"a\":1}");
        if (request.getExecutionArn().endsWith(":done")) {
          response.setStatus("FAILED")
              .setStopDate(Timestamp.newBuilder().setSeconds(1_700_000_010))
              .setError("States.TaskFailed")
              .setCause("boom");
        } else {
          response.setStatus("RUNNING");
        }
        observer.onNext(response.build());
        observer.onCompleted();
      }

      @Override
      public void listExecutions(ListExecutionsRequest request, StreamObserver<ListExecutionsResponse> observer) {
        listRequests.add(request);
        int page = request.getNextToken().isEmpty() ? 0 : Integer.parseInt(request.getNextToken());
        ListExecutionsResponse.Builder response = ListExecutionsResponse.newBuilder();
        for (int i = 0; i < (page == 2 ? 1 : 2); i++) {
          response.addExecutions(ExecutionListItem.newBuilder()
              .setExecutionArn(SM.replace("stateMachine", "execution") + ":e" + page + i)
              .setStateMachineArn(SM)
              .setName("e" + page + i)
              .setStatus("SUCCEEDED")
              .setStartDate(Timestamp.newBuilder().setSeconds(1_700_000_000)));
        }
        if (page < 2) {
          response.setNextToken(Integer.toString(page + 1));
        }
        observer.onNext(response.build());
        observer.onCompleted();
      }
    }).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
    client = BatonClient.create(channel);
  }

  @AfterEach
  void stop() {
    client.close();
    channel.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void describeExecutionMapsOptionalFields() {
    Execution running = client.describeExecution(SM + ":running");
    assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(running.startDate()).isEqualTo(Instant.ofEpochSecond(1_700_000_000, 5_000_000));
    assertThat(running.stopDate()).isEmpty();
    assertThat(running.output()).isEmpty();
    assertThat(running.input()).contains("{\"a\":1}");

    Execution done = client.describeExecution(SM + ":done");
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.status().isFinal()).isTrue();
    assertThat(done.stopDate()).contains(Instant.ofEpochSecond(1_700_000_010));
    assertThat(done.error()).isEqualTo(Optional.of("States.TaskFailed"));
    assertThat(done.cause()).contains("boom");
  }

  @Test
  void refusalsBecomeTypedExceptions() {
    assertThatThrownBy(() -> client.describeExecution(SM + ":missing"))
        .isInstanceOf(ExecutionDoesNotExistException.class)
        .hasMessageContaining("Execution does not exist");
  }

  @Test
  void unimplementedCallsAreGenericErrors() {
    assertThatThrownBy(() -> client.describeActivity("arn:aws:states:us-east-1:123456789012:activity:a"))
        .isInstanceOf(GenericBatonException.class)
        .extracting(e -> ((BatonException) e).errorName()).isEqualTo("UNIMPLEMENTED");
  }

  @Test
  void listsPageAndStreamsFollowTheTokens() {
    Page<ExecutionSummary> first = client.listExecutions(SM, ExecutionStatus.SUCCEEDED, 2, "");
    assertThat(first.items()).extracting(ExecutionSummary::name).containsExactly("e00", "e01");
    assertThat(first.nextToken()).contains("1");
    assertThat(listRequests.get(0).getStatusFilter()).isEqualTo("SUCCEEDED");
    assertThat(listRequests.get(0).getMaxResults()).isEqualTo(2);

    List<String> all = client.executions(SM, null).map(ExecutionSummary::name).toList();

    assertThat(all).containsExactly("e00", "e01", "e10", "e11", "e20");
    assertThat(listRequests.get(1).getStatusFilter()).isEmpty();
  }

  @Test
  void streamsFetchOnlyThePagesConsumed() {
    assertThat(client.executions(SM, null).findFirst()).isPresent();

    assertThat(listRequests).hasSize(1);
  }
}
