package dev.baton.e2e.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.worker.FunctionFailure;
import dev.baton.worker.FunctionWorker;
import dev.baton.worker.Worker;
import dev.baton.worker.client.BatonClient;
import dev.baton.worker.client.Execution;
import dev.baton.worker.client.ExecutionStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions and nested executions against the real broker: Lambda-style Task states served by
 * real FunctionWorkers, states:startExecution children, and a parent that waits for its child
 * across a broker restart.
 */
class FunctionWorkerE2ETest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dataDir;

  private RunningBroker broker;
  private BatonClient baton;
  private final List<Worker> workers = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    broker = new RunningBroker(dataDir, POLL_TIMEOUT);
    baton = BatonClient.create(broker.channel());
  }

  @AfterEach
  void stop() throws Exception {
    for (Worker worker : workers) {
      worker.shutdownNow();
      assertThat(worker.awaitTermination(WAIT)).isTrue();
    }
    broker.close();
  }

  record Charge(String card, int amount) {}

  record Receipt(String card, int charged) {}

  private FunctionWorker serve(FunctionWorker worker) {
    workers.add(worker);
    return worker.start();
  }

  private FunctionWorker charger() {
    return serve(FunctionWorker.builder(broker.target())
        .functionName("charge-card")
        .handler(Charge.class, (charge, context) -> {
          if (charge.amount() > 100) {
            throw new FunctionFailure("CardDeclined", "The card " + charge.card() + " is over its limit");
          }
          return new Receipt(charge.card(), charge.amount());
        })
        .workerName("charger-1")
        .build());
  }

  private String machine(String name, String definition) {
    return baton.createStateMachine(name, definition).stateMachineArn();
  }

  private Execution run(String stateMachineArn, String input) {
    return awaitEnd(baton.startExecution(stateMachineArn, input).executionArn());
  }

  private Execution awaitEnd(String executionArn) {
    return await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> baton.describeExecution(executionArn), e -> e.status().isFinal());
  }

  private List<String> types(Execution e) {
    return baton.getExecutionHistory(e.executionArn()).stream().map(HistoryEvent::getType).toList();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void aFunctionArnTaskRunsOnAFunctionWorker() throws Exception {
    charger();
    String sm = machine("pay", """
        {"StartAt":"Charge","States":{"Charge":{"Type":"Task",
          "Resource":"arn:aws:lambda:us-east-1:123456789012:function:charge-card:live","End":true}}}""");
    Execution done = run(sm, "{\"card\":\"c-1\",\"amount\":5}");
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(json(done.output().orElseThrow())).isEqualTo(json("{\"card\":\"c-1\",\"charged\":5}"));
    assertThat(types(done)).containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
        "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
  }

  @Test
  void lambdaInvokeReturnsInvokesResponseAndAFunctionErrorIsCaughtByItsType() throws Exception {
    charger();
    String sm = machine("pay-invoke", """
        {"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Parameters":{"FunctionName":"charge-card","Payload.$":"$"},
          "Catch":[{"ErrorEquals":["CardDeclined"],"ResultPath":"$.declined","Next":"Declined"}],
          "ResultSelector":{"receipt.$":"$.Payload","status.$":"$.StatusCode","version.$":"$.ExecutedVersion",
                            "requestId.$":"$.SdkResponseMetadata.RequestId"},"End":true},
          "Declined":{"Type":"Pass","End":true}}}""");
    Execution paid = run(sm, "{\"card\":\"c-2\",\"amount\":7}");
    JsonNode out = json(paid.output().orElseThrow());
    assertThat(out.path("receipt")).isEqualTo(json("{\"card\":\"c-2\",\"charged\":7}"));
    assertThat(out.path("status").asInt()).isEqualTo(200);
    assertThat(out.path("version").asText()).isEqualTo("$LATEST");
    assertThat(out.path("requestId").asText()).matches("[0-9a-f-]{36}");
    assertThat(types(paid)).containsSubsequence("TaskScheduled", "TaskStarted", "TaskSucceeded");

    Execution declined = run(sm, "{\"card\":\"c-3\",\"amount\":500}");
    assertThat(declined.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode error = json(declined.output().orElseThrow()).path("declined");
    assertThat(error.path("Error").asText()).isEqualTo("CardDeclined");
    JsonNode cause = json(error.path("Cause").asText());
    assertThat(cause.path("errorType").asText()).isEqualTo("CardDeclined");
    assertThat(cause.path("errorMessage").asText()).isEqualTo("The card c-3 is over its limit");
    assertThat(cause.path("requestId").asText()).matches("[0-9a-f-]{36}");
    assertThat(cause.path("stackTrace").isArray()).isTrue();
    assertThat(types(declined)).containsSubsequence("TaskStarted", "TaskFailed", "TaskStateExited", "PassStateEntered");
  }

  @Test
  void waitForTaskTokenHandsTheTokenToTheFunctionAndWaitsForItsCallback() throws Exception {
    BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
    serve(FunctionWorker.builder(broker.target())
        .functionName("ask-approver")
        .jsonHandler((payload, context) -> {
          tokens.add(payload.path("token").asText());
          return JSON.createObjectNode().put("asked", true);
        })
        .build());
    String sm = machine("approve", """
        {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
          "HeartbeatSeconds":30,"TimeoutSeconds":60,
          "Parameters":{"FunctionName":"ask-approver","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}""");
    String executionArn = baton.startExecution(sm, "{}").executionArn();
    String token = tokens.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(token).isNotNull();
    await().atMost(WAIT).until(() -> baton.getExecutionHistory(executionArn).stream()
        .anyMatch(e -> e.getType().equals("TaskSubmitted")));
    baton.tasks().sendHeartbeat(token);
    baton.tasks().sendSuccess(token, "{\"approved\":true}");
    Execution done = awaitEnd(executionArn);
    assertThat(json(done.output().orElseThrow())).isEqualTo(json("{\"approved\":true}"));
    assertThat(types(done)).containsSubsequence("TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded");
  }

  @Test
  void aSyncParentGetsItsChildsOutputAndItsFailure() throws Exception {
    charger();
    String child = machine("child", """
        {"StartAt":"Charge","States":{"Charge":{"Type":"Task",
          "Resource":"arn:aws:lambda:us-east-1:123456789012:function:charge-card","End":true}}}""");
    String parent = machine("parent", """
        {"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
          "Parameters":{"StateMachineArn":"%s",
                        "Input":{"card.$":"$.card","amount.$":"$.amount",
                                 "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}},"End":true}}}"""
        .formatted(child));
    Execution done = run(parent, "{\"card\":\"c-4\",\"amount\":9}");
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode out = json(done.output().orElseThrow());
    assertThat(out.path("Status").asText()).isEqualTo("SUCCEEDED");
    assertThat(out.path("Output")).isEqualTo(json("{\"card\":\"c-4\",\"charged\":9}"));
    assertThat(out.path("Input")).as("AWS's convention: the parent's execution id travels in the child's input")
        .isEqualTo(json("{\"card\":\"c-4\",\"amount\":9,\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID\":\""
            + done.executionArn() + "\"}"));
    assertThat(baton.describeExecution(out.path("ExecutionArn").asText()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(types(done)).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
        "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");

    Execution failed = run(parent, "{\"card\":\"c-5\",\"amount\":900}");
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.error()).contains("States.TaskFailed");
    JsonNode cause = json(failed.cause().orElseThrow());
    assertThat(cause.path("Status").asText()).isEqualTo("FAILED");
    assertThat(cause.path("Error").asText()).isEqualTo("CardDeclined");
  }

  @Test
  void aChildNameTheApiRefusesFailsTheTaskWithInvalidName() {
    String child = machine("named-child", """
        {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
    String parent = machine("bad-name", """
        {"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
          "Parameters":{"StateMachineArn":"%s","Name":"no spaces allowed"},"End":true}}}""".formatted(child));
    Execution failed = run(parent, "{}");
    assertThat(failed.error()).contains("StepFunctions.InvalidNameException");
    assertThat(failed.cause().orElseThrow()).startsWith("Invalid Name: 'no spaces allowed' (Service: AWSStepFunctions;");
  }

  @Test
  void aMissingStateMachineFailsTheTaskWithTheIntegrationsError() {
    String parent = machine("lost", """
        {"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
          "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:nowhere"},"End":true}}}""");
    Execution failed = run(parent, "{}");
    assertThat(failed.error()).contains("StepFunctions.StateMachineDoesNotExistException");
    assertThat(failed.cause().orElseThrow()).startsWith("State Machine Does Not Exist: "
        + "'arn:aws:states:us-east-1:123456789012:stateMachine:nowhere' (Service: AWSStepFunctions; Status Code: 400; "
        + "Error Code: StateMachineDoesNotExist; Request ID: ");
  }

  @Test
  void stoppingTheParentStopsTheChildItWaitsFor() {
    String child = machine("slow-child", """
        {"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":3600,"End":true}}}""");
    String parent = machine("impatient", """
        {"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync",
          "Parameters":{"StateMachineArn":"%s","Name":"kid-1"},"End":true}}}""".formatted(child));
    String parentArn = baton.startExecution(parent, "{}").executionArn();
    String childArn = "arn:aws:states:us-east-1:123456789012:execution:slow-child:kid-1";
    await().atMost(WAIT).until(() -> baton.getExecutionHistory(parentArn).stream()
        .anyMatch(e -> e.getType().equals("TaskSubmitted")));
    assertThat(baton.describeExecution(childArn).status()).isEqualTo(ExecutionStatus.RUNNING);
    baton.stopExecution(parentArn);
    assertThat(awaitEnd(childArn).status()).isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void aSyncParentHearsOfItsChildAfterABrokerRestart() throws Exception {
    String child = machine("restart-child", """
        {"StartAt":"Charge","States":{"Charge":{"Type":"Task",
          "Resource":"arn:aws:lambda:us-east-1:123456789012:function:charge-card","End":true}}}""");
    String parent = machine("restart-parent", """
        {"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync",
          "Parameters":{"StateMachineArn":"%s","Input.$":"$"},"End":true}}}""".formatted(child));
    String parentArn = baton.startExecution(parent, "{\"card\":\"c-6\",\"amount\":3}").executionArn();
    await().atMost(WAIT).until(() -> baton.getExecutionHistory(parentArn).stream()
        .anyMatch(e -> e.getType().equals("TaskSubmitted")));

    broker.restart();
    // The child's function is served only now, after the restart: the child ends, and its parent hears of it.
    charger();
    Execution done = awaitEnd(parentArn);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode out = json(done.output().orElseThrow());
    assertThat(out.path("Status").asText()).isEqualTo("SUCCEEDED");
    assertThat(json(out.path("Output").asText())).isEqualTo(json("{\"card\":\"c-6\",\"charged\":3}"));
  }
}
