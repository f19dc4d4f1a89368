package dev.baton.broker.api.grpc;

import dev.baton.broker.BrokerFixture;
import dev.baton.broker.interpreter.TaskTokens;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.GetFunctionTaskRequest;
import dev.baton.proto.v1.GetFunctionTaskResponse;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** GetFunctionTask over gRPC: names, its errors, an empty answer, and an invocation answered by token. */
class FunctionTaskRpcTest {
    @TempDir
    Path dir;
    BrokerFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new BrokerFixture(dir, Duration.ofMillis(300));
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private GetFunctionTaskResponse poll(String functionName) {
        return fx.api.getFunctionTask(GetFunctionTaskRequest.newBuilder().setFunctionName(functionName)
                .setWorkerName("w").build());
    }

    @Test
    void aPollWithNothingToDoEndsWithAnEmptyToken() {
        assertThat(poll("charge").getTaskToken()).isEmpty();
    }

    @Test
    void namesThatAreNotFunctionsOrCarryAQualifierAreRefused() {
        for (String bad : new String[] {"", "no spaces", "charge:prod", "arn:aws:lambda:us-east-1:1:function:x"}) {
            assertThatThrownBy(() -> poll(bad)).as(bad).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(BrokerFixture.awsError(e)).isEqualTo("ValidationException");
                assertThat(e.getStatus().getDescription()).contains("functionName");
            });
        }
        assertThatThrownBy(() -> fx.api.getFunctionTask(GetFunctionTaskRequest.newBuilder().setFunctionName("charge")
                .setWorkerName("w".repeat(81)).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(BrokerFixture.awsError(e)).isEqualTo("ValidationException"));
    }

    @Test
    void anInvocationIsFoundByNamePartialOrFullArnAndAnsweredByToken() throws Exception {
        String sm = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("sm").setDefinition("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"FunctionName":"charge:live","Payload":{"n":1}},"End":true}}}""").build())
                .getStateMachineArn();
        String execution = fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).build())
                .getExecutionArn();
        GetFunctionTaskResponse task = await().atMost(Duration.ofSeconds(10)).until(
                () -> poll("arn:aws:lambda:us-east-1:123456789012:function:charge"), t -> !t.getTaskToken().isEmpty());
        assertThat(task.getPayload()).isEqualTo("{\"n\":1}");
        assertThat(task.getFunctionArn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:charge");
        assertThat(task.getRequestId()).isEqualTo(TaskTokens.requestId(task.getTaskToken()));
        fx.api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(task.getTaskToken())
                .setOutput("\"paid\"").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.api.describeExecution(DescribeExecutionRequest.newBuilder()
                .setExecutionArn(execution).build()).getStatus(), "SUCCEEDED"::equals);
        HistoryEvent succeeded = fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder()
                .setExecutionArn(execution).build()).getEventsList().stream()
                .filter(e -> e.getType().equals("TaskSucceeded")).findFirst().orElseThrow();
        assertThat(succeeded.getTaskSucceededEventDetails().getResourceType()).isEqualTo("lambda");
        assertThat(succeeded.getTaskSucceededEventDetails().getOutput()).contains("\"Payload\":\"paid\"",
                "\"RequestId\":\"" + task.getRequestId() + "\"");
    }
}
