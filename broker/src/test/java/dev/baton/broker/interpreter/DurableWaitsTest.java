package dev.baton.broker.interpreter;

import dev.baton.broker.BrokerFixture;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetActivityTaskResponse;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.SendTaskFailureRequest;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Waits survive a broker restart: a real broker is stopped while an execution sits in a Wait state or
 * in a Retry back-off, started again on the same data directory, and the execution ends as it would
 * have, after the full wait.
 */
class DurableWaitsTest {
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    BrokerFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new BrokerFixture(dir, POLL_TIMEOUT);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void aWaitStateResumesAfterARestart() throws Exception {
        String sm = createStateMachine("waiter", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3,"Next":"Done"},
                  "Done":{"Type":"Pass","Result":"done","End":true}}}""");
        String exec = startExecution(sm, "{}");
        awaitEvent(exec, "WaitStateEntered");

        fx.stop();
        fx.start();

        awaitStatus(exec, "SUCCEEDED");
        List<HistoryEvent> events = history(exec);
        assertThat(events).extracting(HistoryEvent::getType).containsExactly("ExecutionStarted", "WaitStateEntered",
                "WaitStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        assertThat(events).extracting(HistoryEvent::getPreviousEventId).containsExactly(0, 0, 2, 3, 4, 5);
        assertThat(millisBetween(events.get(1), events.get(2))).as("the whole wait, across the restart").isGreaterThanOrEqualTo(3_000);
        assertThat(fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build()).getOutput())
                .isEqualTo("\"done\"");
    }

    @Test
    void aRetryBackOffResumesAfterARestart() throws Exception {
        String activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("flaky").build()).getActivityArn();
        String sm = createStateMachine("retrier", """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s",
                  "Retry":[{"ErrorEquals":["Transient"],"IntervalSeconds":3,"MaxAttempts":1}],"End":true}}}""".formatted(activity));
        String exec = startExecution(sm, "{\"n\":1}");

        GetActivityTaskResponse first = poll(activity);
        fx.api.sendTaskFailure(SendTaskFailureRequest.newBuilder().setTaskToken(first.getTaskToken())
                .setError("Transient").setCause("try again").build());
        awaitEvent(exec, "ActivityFailed");

        fx.stop();
        fx.start();

        GetActivityTaskResponse second = poll(activity);
        assertThat(second.getTaskToken()).isNotEqualTo(first.getTaskToken());
        assertThat(second.getInput()).isEqualTo("{\"n\":1}");
        fx.api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(second.getTaskToken())
                .setOutput("\"second time lucky\"").build());

        awaitStatus(exec, "SUCCEEDED");
        List<HistoryEvent> events = history(exec);
        assertThat(events).extracting(HistoryEvent::getType).containsExactly("ExecutionStarted", "TaskStateEntered",
                "ActivityScheduled", "ActivityStarted", "ActivityFailed", "ActivityScheduled", "ActivityStarted",
                "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(events).extracting(HistoryEvent::getPreviousEventId).containsExactly(0, 0, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(millisBetween(events.get(4), events.get(5))).as("the whole back-off, across the restart")
                .isGreaterThanOrEqualTo(3_000);
    }

    // ---- helpers ----

    private String createStateMachine(String name, String definition) {
        return fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName(name).setDefinition(definition)
                .build()).getStateMachineArn();
    }

    private String startExecution(String sm, String input) {
        return fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName("run")
                .setInput(input).build()).getExecutionArn();
    }

    private GetActivityTaskResponse poll(String activity) {
        GetActivityTaskResponse[] task = new GetActivityTaskResponse[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            task[0] = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity)
                    .setWorkerName("w").build());
            return !task[0].getTaskToken().isEmpty();
        });
        return task[0];
    }

    private List<HistoryEvent> history(String exec) {
        return fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec).build()).getEventsList();
    }

    private void awaitEvent(String exec, String type) {
        await().atMost(Duration.ofSeconds(30)).until(() -> history(exec).stream().anyMatch(e -> e.getType().equals(type)));
    }

    private void awaitStatus(String exec, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.api.describeExecution(DescribeExecutionRequest.newBuilder()
                .setExecutionArn(exec).build()).getStatus().equals(status));
    }

    private static long millisBetween(HistoryEvent a, HistoryEvent b) {
        return toMillis(b) - toMillis(a);
    }

    private static long toMillis(HistoryEvent e) {
        return e.getTimestamp().getSeconds() * 1000 + e.getTimestamp().getNanos() / 1_000_000;
    }
}
