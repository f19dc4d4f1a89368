package dev.baton.broker.api.grpc;

import dev.baton.broker.BrokerFixture;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeActivityRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.DescribeStateMachineRequest;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.SendTaskFailureRequest;
import dev.baton.proto.v1.SendTaskHeartbeatRequest;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StopExecutionRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad input gets AWS's error name with the documented gRPC code and a useful message; never INTERNAL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    @TempDir
    static Path dir;
    BrokerFixture fx;
    String activity;
    String stateMachine;
    static final String PREFIX = "arn:aws:states:us-east-1:123456789012:";

    @BeforeAll
    void start() throws Exception {
        fx = new BrokerFixture(dir);
        activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("a").build()).getActivityArn();
        stateMachine = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("sm").setDefinition("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(activity))
                .build()).getStateMachineArn();
    }

    @AfterAll
    void stop() throws Exception {
        fx.close();
    }

    private void expect(String awsError, Status.Code code, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertThat(BrokerFixture.awsError(e)).isEqualTo(awsError);
        assertThat(e.getStatus().getCode()).isEqualTo(code);
        assertThat(e.getStatus().getDescription()).isNotBlank().doesNotContain("Exception:").doesNotContain("\tat ");
    }

    @Test
    void unknownArnsAreDoesNotExist() {
        expect("StateMachineDoesNotExist", Status.Code.NOT_FOUND, () -> fx.api.describeStateMachine(
                DescribeStateMachineRequest.newBuilder().setStateMachineArn(PREFIX + "stateMachine:nope").build()));
        expect("ActivityDoesNotExist", Status.Code.NOT_FOUND, () -> fx.api.describeActivity(
                DescribeActivityRequest.newBuilder().setActivityArn(PREFIX + "activity:nope").build()));
        expect("ExecutionDoesNotExist", Status.Code.NOT_FOUND, () -> fx.api.describeExecution(
                DescribeExecutionRequest.newBuilder().setExecutionArn(PREFIX + "execution:sm:nope").build()));
        expect("StateMachineDoesNotExist", Status.Code.NOT_FOUND, () -> fx.api.startExecution(
                StartExecutionRequest.newBuilder().setStateMachineArn(PREFIX + "stateMachine:nope").build()));
        expect("ActivityDoesNotExist", Status.Code.NOT_FOUND, () -> fx.api.getActivityTask(
                GetActivityTaskRequest.newBuilder().setActivityArn(PREFIX + "activity:nope").build()));
        expect("ExecutionDoesNotExist", Status.Code.NOT_FOUND, () -> fx.api.stopExecution(
                StopExecutionRequest.newBuilder().setExecutionArn(PREFIX + "execution:sm:nope").build()));
    }

    @Test
    void malformedArnsAreInvalidArn() {
        expect("InvalidArn", Status.Code.INVALID_ARGUMENT, () -> fx.api.describeStateMachine(
                DescribeStateMachineRequest.newBuilder().setStateMachineArn("not-an-arn").build()));
        expect("InvalidArn", Status.Code.INVALID_ARGUMENT, () -> fx.api.describeExecution(
                DescribeExecutionRequest.newBuilder().setExecutionArn(stateMachine).build()));
        expect("InvalidArn", Status.Code.INVALID_ARGUMENT, () -> fx.api.getActivityTask(
                GetActivityTaskRequest.newBuilder().setActivityArn(stateMachine).build()));
        expect("InvalidArn", Status.Code.INVALID_ARGUMENT, () -> fx.api.listExecutions(
                ListExecutionsRequest.newBuilder().setStateMachineArn("").build()));
    }

    @Test
    void inputThatIsNotJsonIsInvalidExecutionInput() {
        expect("InvalidExecutionInput", Status.Code.INVALID_ARGUMENT, () -> fx.api.startExecution(
                StartExecutionRequest.newBuilder().setStateMachineArn(stateMachine).setInput("{not json").build()));
        expect("InvalidExecutionInput", Status.Code.INVALID_ARGUMENT, () -> fx.api.startExecution(
                StartExecutionRequest.newBuilder().setStateMachineArn(stateMachine)
                        .setInput("\"" + "x".repeat(256 * 1024) + "\"").build()));
    }

    @Test
    void badDefinitionsAreInvalidDefinitionNamingTheProblemAndPlace() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> fx.api.createStateMachine(
                CreateStateMachineRequest.newBuilder().setName("bad").setDefinition("""
                        {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Missing"}}}""").build()));
        assertThat(BrokerFixture.awsError(e)).isEqualTo("InvalidDefinition");
        assertThat(e.getStatus().getDescription()).contains("MISSING_TRANSITION_TARGET").contains("/States/A/Next");
        expect("InvalidDefinition", Status.Code.INVALID_ARGUMENT, () -> fx.api.createStateMachine(
                CreateStateMachineRequest.newBuilder().setName("bad2").setDefinition("{\"StartAt\":").build()));
    }

    @Test
    void invalidNamesAreInvalidName() {
        expect("InvalidName", Status.Code.INVALID_ARGUMENT, () -> fx.api.createActivity(
                CreateActivityRequest.newBuilder().setName("has space").build()));
        expect("InvalidName", Status.Code.INVALID_ARGUMENT, () -> fx.api.createActivity(
                CreateActivityRequest.newBuilder().setName("x".repeat(81)).build()));
        expect("InvalidName", Status.Code.INVALID_ARGUMENT, () -> fx.api.startExecution(
                StartExecutionRequest.newBuilder().setStateMachineArn(stateMachine).setName("a/b").build()));
    }

    @Test
    void duplicatesAreAlreadyExists() {
        fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(stateMachine).setName("dup")
                .setInput("{\"a\":1}").build());
        expect("ExecutionAlreadyExists", Status.Code.ALREADY_EXISTS, () -> fx.api.startExecution(
                StartExecutionRequest.newBuilder().setStateMachineArn(stateMachine).setName("dup")
                        .setInput("{\"a\":2}").build()));
        expect("StateMachineAlreadyExists", Status.Code.ALREADY_EXISTS, () -> fx.api.createStateMachine(
                CreateStateMachineRequest.newBuilder().setName("sm").setDefinition("""
                        {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""").build()));
    }

    @Test
    void badTaskTokensAreInvalidToken() {
        expect("InvalidToken", Status.Code.INVALID_ARGUMENT, () -> fx.api.sendTaskSuccess(
                SendTaskSuccessRequest.newBuilder().setTaskToken("forged").setOutput("{}").build()));
        expect("InvalidToken", Status.Code.INVALID_ARGUMENT, () -> fx.api.sendTaskFailure(
                SendTaskFailureRequest.newBuilder().setTaskToken("").build()));
        expect("InvalidToken", Status.Code.INVALID_ARGUMENT, () -> fx.api.sendTaskHeartbeat(
                SendTaskHeartbeatRequest.newBuilder().setTaskToken("A".repeat(38)).build()));
    }
}
