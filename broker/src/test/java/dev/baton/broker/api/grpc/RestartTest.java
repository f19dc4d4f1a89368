package dev.baton.broker.api.grpc;

import dev.baton.broker.BrokerFixture;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Executions survive a broker stop and start on the same data directory. */
class RestartTest {
    @TempDir
    Path dir;
    BrokerFixture fx;

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void aTaskScheduledButNotPolledSurvivesARestartAndCompletes() throws Exception {
        fx = new BrokerFixture(dir);
        String activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("work").build()).getActivityArn();
        String sm = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("sm").setDefinition("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","Next":"P"},"P":{"Type":"Pass","End":true}}}"""
                .formatted(activity)).build()).getStateMachineArn();
        String exec = fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName("e")
                .setInput("{\"k\":1}").build()).getExecutionArn();

        fx.stop();
        fx.start();

        var task = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity)
                .setWorkerName("after-restart").build());
        assertThat(task.getInput()).isEqualTo("{\"k\":1}");
        fx.api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(task.getTaskToken())
                .setOutput("{\"done\":true}").build());

        var described = fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build());
        assertThat(described.getStatus()).isEqualTo("SUCCEEDED");
        assertThat(described.getOutput()).isEqualTo("{\"done\":true}");
        var types = fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec).build())
                .getEventsList().stream().map(HistoryEvent::getType).toList();
        assertThat(types).containsExactly("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
                "ActivitySucceeded", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
    }

    @Test
    void aTaskTakenBeforeTheRestartCanBeCompletedAfterIt() throws Exception {
        fx = new BrokerFixture(dir);
        String activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("work").build()).getActivityArn();
        String sm = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("sm").setDefinition("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(activity))
                .build()).getStateMachineArn();
        String exec = fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName("e")
                .build()).getExecutionArn();
        var task = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());

        fx.stop();
        fx.start();

        fx.api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(task.getTaskToken()).setOutput("7").build());
        var described = fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build());
        assertThat(described.getStatus()).isEqualTo("SUCCEEDED");
        assertThat(described.getOutput()).isEqualTo("7");
        assertThat(fx.broker.dispatcherForTests().waitingTasks(activity)).as("a started task is not offered again").isZero();
    }

    @Test
    void afterACrashATaskAlreadyHandedOutIsOfferedAgainAndCompletesOnce() throws Exception {
        fx = new BrokerFixture(dir);
        String activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("work").build()).getActivityArn();
        String sm = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("sm").setDefinition("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(activity))
                .build()).getStateMachineArn();
        String exec = fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName("e")
                .build()).getExecutionArn();
        var lost = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());

        fx.stop();
        // What a crash leaves behind: no marker of a graceful stop.
        java.nio.file.Files.delete(dir.resolve("clean-shutdown"));
        fx.start();

        var again = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity)
                .setWorkerName("second").build());
        assertThat(again.getTaskToken()).isEqualTo(lost.getTaskToken());
        fx.api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(again.getTaskToken()).setOutput("1").build());
        var late = org.junit.jupiter.api.Assertions.assertThrows(io.grpc.StatusRuntimeException.class, () ->
                fx.api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(lost.getTaskToken()).setOutput("2").build()));
        assertThat(BrokerFixture.awsError(late)).isEqualTo("TaskTimedOut");

        assertThat(fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build()).getOutput())
                .isEqualTo("1");
        var types = fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec).build())
                .getEventsList().stream().map(HistoryEvent::getType).toList();
        assertThat(types).as("no duplicated events").containsExactly("ExecutionStarted", "TaskStateEntered",
                "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded");
    }
}
