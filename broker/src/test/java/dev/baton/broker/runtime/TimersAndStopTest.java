package dev.baton.broker.runtime;

import dev.baton.broker.BrokerFixture;
import dev.baton.broker.SettableClock;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.DescribeExecutionResponse;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.SendTaskHeartbeatRequest;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StopExecutionRequest;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.awaitility.Awaitility.await;

/**
 * Durable timers of every kind across a broker restart (task TimeoutSeconds, HeartbeatSeconds, the
 * execution's TimeoutSeconds), heartbeats keeping a task alive, and StopExecution withdrawing tasks and
 * cancelling timers. Time is a clock the test moves: nothing here sleeps out a timeout.
 */
class TimersAndStopTest {
    @TempDir
    Path dir;
    final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    BrokerFixture fx;
    String activity;

    @BeforeEach
    void start() throws Exception {
        fx = new BrokerFixture(dir, Duration.ofSeconds(1), clock);
        activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("work").build()).getActivityArn();
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private String run(String name, String definition) {
        String sm = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName(name)
                .setDefinition(definition.formatted(activity)).build()).getStateMachineArn();
        return fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName(name)
                .setInput("{}").build()).getExecutionArn();
    }

    private DescribeExecutionResponse describe(String exec) {
        return fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build());
    }

    private DescribeExecutionResponse awaitStatus(String exec, String status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> describe(exec).getStatus().equals(status));
        return describe(exec);
    }

    private List<String> types(String exec) {
        return fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec).build())
                .getEventsList().stream().map(HistoryEvent::getType).toList();
    }

    private void restart() throws Exception {
        fx.stop();
        fx.start();
    }

    @Test
    void aTaskTimeoutArmedBeforeARestartFiresAfterIt() throws Exception {
        String exec = run("task-timeout", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","TimeoutSeconds":30,"End":true}}}""");
        restart();
        clock.advance(Duration.ofSeconds(29));
        assertThat(describe(exec).getStatus()).isEqualTo("RUNNING");
        clock.advance(Duration.ofSeconds(2));
        var failed = awaitStatus(exec, "FAILED");
        assertThat(failed.getError()).isEqualTo("States.Timeout");
        assertThat(types(exec)).contains("ActivityTimedOut").last().isEqualTo("ExecutionFailed");
        assertThat(fx.broker.armedTimersForTests()).isZero();
    }

    @Test
    void heartbeatsKeepATaskAliveAndTheirAbsenceAcrossARestartTimesItOut() throws Exception {
        String exec = run("heartbeat", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","TimeoutSeconds":300,
                  "HeartbeatSeconds":10,"End":true}}}""");
        var task = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(8));
            fx.api.sendTaskHeartbeat(SendTaskHeartbeatRequest.newBuilder().setTaskToken(task.getTaskToken()).build());
        }
        assertThat(describe(exec).getStatus()).as("32 s with a heartbeat every 8 s").isEqualTo("RUNNING");

        restart();
        clock.advance(Duration.ofSeconds(11));
        var failed = awaitStatus(exec, "FAILED");
        assertThat(failed.getError()).isEqualTo("States.Timeout");
        var late = assertThrows(StatusRuntimeException.class, () -> fx.api.sendTaskSuccess(
                SendTaskSuccessRequest.newBuilder().setTaskToken(task.getTaskToken()).setOutput("{}").build()));
        assertThat(BrokerFixture.awsError(late)).isEqualTo("TaskTimedOut");
        var lateBeat = assertThrows(StatusRuntimeException.class, () -> fx.api.sendTaskHeartbeat(
                SendTaskHeartbeatRequest.newBuilder().setTaskToken(task.getTaskToken()).build()));
        assertThat(BrokerFixture.awsError(lateBeat)).isEqualTo("TaskTimedOut");
    }

    @Test
    void theExecutionTimeoutFiresAfterARestartAndCancelsTheWait() throws Exception {
        String exec = run("execution-timeout", """
                {"TimeoutSeconds":20,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1000,"End":true}}}""");
        assertThat(fx.broker.armedTimersForTests()).isEqualTo(2);
        restart();
        clock.advance(Duration.ofSeconds(21));
        awaitStatus(exec, "TIMED_OUT");
        assertThat(types(exec)).last().isEqualTo("ExecutionTimedOut");
        assertThat(fx.broker.armedTimersForTests()).as("the Wait's timer is cancelled").isZero();
    }

    @Test
    void stopWithdrawsWaitingAndStartedTasksAndCancelsTimers() throws Exception {
        String started = run("stop-started", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","TimeoutSeconds":60,"End":true}}}""");
        var task = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());
        String waiting = run("stop-waiting", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","TimeoutSeconds":60,"End":true}}}""");
        assertThat(fx.broker.dispatcherForTests().waitingTasks(activity)).isEqualTo(1);

        fx.api.stopExecution(StopExecutionRequest.newBuilder().setExecutionArn(started).setError("Cancelled")
                .setCause("the customer changed their mind").build());
        fx.api.stopExecution(StopExecutionRequest.newBuilder().setExecutionArn(waiting).build());

        var aborted = describe(started);
        assertThat(aborted.getStatus()).isEqualTo("ABORTED");
        assertThat(aborted.getError()).isEqualTo("Cancelled");
        assertThat(aborted.getCause()).isEqualTo("the customer changed their mind");
        assertThat(types(started)).last().isEqualTo("ExecutionAborted");
        assertThat(describe(waiting).getStatus()).isEqualTo("ABORTED");

        assertThat(fx.broker.dispatcherForTests().waitingTasks(activity)).as("never handed out afterwards").isZero();
        assertThat(fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build())
                .getTaskToken()).isEmpty();
        var late = assertThrows(StatusRuntimeException.class, () -> fx.api.sendTaskSuccess(
                SendTaskSuccessRequest.newBuilder().setTaskToken(task.getTaskToken()).setOutput("{}").build()));
        assertThat(BrokerFixture.awsError(late)).isEqualTo("TaskTimedOut");
        assertThat(fx.broker.armedTimersForTests()).isZero();

        restart();
        assertThat(fx.broker.dispatcherForTests().waitingTasks(activity)).as("nor after a restart").isZero();
        assertThat(fx.broker.armedTimersForTests()).isZero();
    }
}
