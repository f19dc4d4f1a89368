package dev.baton.e2e.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetActivityTaskResponse;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.StepFunctionsGrpc;
import dev.baton.worker.client.Activity;
import dev.baton.worker.client.ActivityDoesNotExistException;
import dev.baton.worker.client.BatonClient;
import dev.baton.worker.client.Execution;
import dev.baton.worker.client.ExecutionAlreadyExistsException;
import dev.baton.worker.client.ExecutionDoesNotExistException;
import dev.baton.worker.client.ExecutionStatus;
import dev.baton.worker.client.ExecutionSummary;
import dev.baton.worker.client.HistoryQuery;
import dev.baton.worker.client.InvalidArnException;
import dev.baton.worker.client.InvalidDefinitionException;
import dev.baton.worker.client.InvalidExecutionInputException;
import dev.baton.worker.client.InvalidNameException;
import dev.baton.worker.client.InvalidOutputException;
import dev.baton.worker.client.InvalidTokenException;
import dev.baton.worker.client.Page;
import dev.baton.worker.client.StateMachine;
import dev.baton.worker.client.StateMachineAlreadyExistsException;
import dev.baton.worker.client.StateMachineDoesNotExistException;
import dev.baton.worker.client.StateMachineSummary;
import dev.baton.worker.client.StateMachineTypeNotSupportedException;
import dev.baton.worker.client.StateMachineType;
import dev.baton.worker.client.TaskTimedOutException;
import dev.baton.worker.client.TaskTokenClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BatonClient and TaskTokenClient against the real broker. */
class BatonClientE2ETest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PASS = """
      {"StartAt":"Done","States":{"Done":{"Type":"Pass","Result":{"ok":true},"End":true}}}""";
  private static final String UNKNOWN_SM = "arn:aws:states:us-east-1:123456789012:stateMachine:nope";

  @TempDir
  Path dataDir;

  private RunningBroker broker;
  private BatonClient baton;

  @BeforeEach
  void start() throws Exception {
    broker = new RunningBroker(dataDir, Duration.ofSeconds(2));
    baton = BatonClient.connect(broker.target());
  }

  @AfterEach
  void stop() throws Exception {
    baton.close();
    broker.close();
  }

  private Execution awaitEnd(String executionArn) {
    return await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> baton.describeExecution(executionArn), e -> e.status().isFinal());
  }

  @Test
  void stateMachinesAreCreatedDescribedListedAndDeleted() {
    Instant before = Instant.now().minusSeconds(5);
    StateMachineSummary created = baton.createStateMachine("orders", PASS);
    baton.createStateMachine("billing", PASS, StateMachineType.STANDARD, "arn:aws:iam::123456789012:role/baton");

    assertThat(created.stateMachineArn()).endsWith(":stateMachine:orders");
    assertThat(created.creationDate()).isAfter(before);
    StateMachine described = baton.describeStateMachine(created.stateMachineArn());
    assertThat(described.name()).isEqualTo("orders");
    assertThat(described.status()).isEqualTo(StateMachine.Status.ACTIVE);
    assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
    assertThat(described.definition()).isEqualTo(PASS);
    // Same name, same definition: the existing state machine, as on AWS.
    assertThat(baton.createStateMachine("orders", PASS).stateMachineArn()).isEqualTo(created.stateMachineArn());
    assertThat(baton.stateMachines().map(StateMachineSummary::name)).contains("orders", "billing");

    baton.deleteStateMachine(created.stateMachineArn());

    await().atMost(WAIT).until(() -> baton.stateMachines().noneMatch(s -> s.name().equals("orders")));
  }

  @Test
  void refusalsAreTypedExceptions() {
    String sm = baton.createStateMachine("orders", PASS).stateMachineArn();

    assertThatThrownBy(() -> baton.createStateMachine("orders", PASS.replace("\"ok\"", "\"ko\"")))
        .isInstanceOf(StateMachineAlreadyExistsException.class);
    assertThatThrownBy(() -> baton.createStateMachine("fast", PASS, StateMachineType.EXPRESS, null))
        .isInstanceOf(StateMachineTypeNotSupportedException.class);
    assertThatThrownBy(() -> baton.createStateMachine("bad name!", PASS))
        .isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> baton.createStateMachine("broken", PASS.replace("\"End\":true", "\"Next\":\"Nowhere\"")))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("Nowhere");
    assertThatThrownBy(() -> baton.describeStateMachine(UNKNOWN_SM))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(() -> baton.describeStateMachine("not-an-arn"))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(() -> baton.startExecution(sm, "{not json"))
        .isInstanceOf(InvalidExecutionInputException.class);
    assertThatThrownBy(() -> baton.describeExecution(
        sm.replace(":stateMachine:", ":execution:") + ":missing"))
        .isInstanceOf(ExecutionDoesNotExistException.class);
    assertThatThrownBy(() -> baton.describeActivity("arn:aws:states:us-east-1:123456789012:activity:nope"))
        .isInstanceOf(ActivityDoesNotExistException.class);
  }

  @Test
  void executionsStartRunAndAreListedWithTheirHistory() {
    String sm = baton.createStateMachine("orders", PASS).stateMachineArn();

    String run = baton.startExecution(sm, "run-1", "{\"a\":1}").executionArn();
    List<String> more = IntStream.range(0, 4).mapToObj(i -> baton.startExecution(sm, null).executionArn()).toList();

    Execution done = awaitEnd(run);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.name()).isEqualTo("run-1");
    assertThat(done.input()).contains("{\"a\":1}");
    assertThat(done.output()).contains("{\"ok\":true}");
    assertThat(done.stopDate()).isPresent();
    more.forEach(this::awaitEnd);

    assertThatThrownBy(() -> baton.startExecution(sm, "run-1", "{\"a\":2}"))
        .isInstanceOf(ExecutionAlreadyExistsException.class);

    Page<ExecutionSummary> page = baton.listExecutions(sm, ExecutionStatus.SUCCEEDED, 2, "");
    assertThat(page.items()).hasSize(2);
    assertThat(page.hasNext()).isTrue();
    assertThat(baton.executions(sm, null).map(ExecutionSummary::executionArn))
        .containsExactlyInAnyOrderElementsOf(concat(run, more));
    assertThat(baton.executions(sm, ExecutionStatus.RUNNING)).isEmpty();

    List<HistoryEvent> history = baton.getExecutionHistory(run);
    assertThat(history).extracting(HistoryEvent::getType)
        .startsWith("ExecutionStarted").endsWith("ExecutionSucceeded");
    Page<HistoryEvent> newestFirst = baton.getExecutionHistory(run,
        HistoryQuery.FIRST_PAGE.withReverseOrder(true).withMaxResults(1));
    assertThat(newestFirst.items()).extracting(HistoryEvent::getType).containsExactly("ExecutionSucceeded");
    assertThat(newestFirst.hasNext()).isTrue();
    assertThatThrownBy(() -> baton.getExecutionHistory(run, HistoryQuery.FIRST_PAGE.withNextToken("forged")))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void runningExecutionsCanBeStopped() throws InterruptedException {
    String activity = baton.createActivity("never-polled").activityArn();
    String sm = baton.createStateMachine("waits", """
        {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(activity))
        .stateMachineArn();
    String run = baton.startExecution(sm, "{}").executionArn();
    assertThat(baton.describeExecution(run).status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(baton.executions(sm, ExecutionStatus.RUNNING).map(ExecutionSummary::executionArn)).containsExactly(run);
    assertThat(baton.awaitExecution(run, Duration.ofMillis(200)).status())
        .as("awaitExecution gives up at its timeout and returns the execution still running")
        .isEqualTo(ExecutionStatus.RUNNING);

    Instant stopped = baton.stopExecution(run, "Operator.Cancelled", "customer withdrew");

    Execution done = baton.awaitExecution(run, WAIT);
    assertThat(done.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(done.stopDate()).contains(stopped);
    assertThat(done.error()).contains("Operator.Cancelled");
    assertThat(done.cause()).contains("customer withdrew");
  }

  @Test
  void activitiesAreCreatedDescribedListedAndDeleted() {
    Activity created = baton.createActivity("approve");

    assertThat(baton.createActivity("approve").activityArn()).isEqualTo(created.activityArn());
    assertThat(baton.describeActivity(created.activityArn()).name()).isEqualTo("approve");
    assertThat(baton.activities().map(Activity::activityArn)).containsExactly(created.activityArn());

    baton.deleteActivity(created.activityArn());

    assertThat(baton.activities()).isEmpty();
    assertThatThrownBy(() -> baton.describeActivity(created.activityArn()))
        .isInstanceOf(ActivityDoesNotExistException.class);
  }

  @Test
  void aTaskTokenCompletesOnceThroughTheTaskTokenClient() throws Exception {
    String activity = baton.createActivity("approval").activityArn();
    String sm = baton.createStateMachine("approvals", """
        {"StartAt":"Approve","States":{"Approve":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(activity))
        .stateMachineArn();
    String run = baton.startExecution(sm, "{\"amount\":120}").executionArn();
    // An approval page gets the token somehow; here a raw poll plays that part.
    GetActivityTaskResponse task = StepFunctionsGrpc.newBlockingStub(broker.channel())
        .withDeadlineAfter(70, TimeUnit.SECONDS)
        .getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).setWorkerName("ui").build());
    assertThat(task.getTaskToken()).isNotEmpty();

    try (TaskTokenClient tasks = TaskTokenClient.connect(broker.target())) {
      tasks.sendHeartbeat(task.getTaskToken());
      assertThatThrownBy(() -> tasks.sendSuccess(task.getTaskToken(), "not json"))
          .isInstanceOf(InvalidOutputException.class);
      tasks.sendSuccess(task.getTaskToken(), "{\"approved\":true}");

      assertThatThrownBy(() -> tasks.sendFailure(task.getTaskToken(), "Rejected", "too late"))
          .isInstanceOf(TaskTimedOutException.class);
      assertThatThrownBy(() -> tasks.sendHeartbeat(task.getTaskToken()))
          .isInstanceOf(TaskTimedOutException.class);
      assertThatThrownBy(() -> tasks.sendSuccess("forged-token", "{}"))
          .isInstanceOf(InvalidTokenException.class);
    }
    assertThat(awaitEnd(run).output()).contains("{\"approved\":true}");
  }

  @Test
  void aTaskFailedByTokenFailsTheExecution() throws Exception {
    String activity = baton.createActivity("approval").activityArn();
    String sm = baton.createStateMachine("approvals", """
        {"StartAt":"Approve","States":{"Approve":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(activity))
        .stateMachineArn();
    String run = baton.startExecution(sm, "{}").executionArn();
    GetActivityTaskResponse task = StepFunctionsGrpc.newBlockingStub(broker.channel())
        .withDeadlineAfter(70, TimeUnit.SECONDS)
        .getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());

    baton.tasks().sendFailure(task.getTaskToken(), "Rejected", "over budget");

    Execution done = awaitEnd(run);
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).contains("Rejected");
    assertThat(done.cause()).contains("over budget");
  }

  private static List<String> concat(String first, List<String> rest) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
  }
}
