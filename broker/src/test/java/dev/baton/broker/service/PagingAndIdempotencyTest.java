package dev.baton.broker.service;

import dev.baton.broker.BrokerFixture;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.ExecutionListItem;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.ListActivitiesRequest;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.ListStateMachinesRequest;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** StartExecution idempotency by name, and paging/filters of the List* calls and GetExecutionHistory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagingAndIdempotencyTest {
    @TempDir
    static Path dir;
    BrokerFixture fx;
    String activity;
    String taskMachine;
    String passMachine;

    @BeforeAll
    void start() throws Exception {
        fx = new BrokerFixture(dir);
        activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("a").build()).getActivityArn();
        taskMachine = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("task").setDefinition("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(activity))
                .build()).getStateMachineArn();
        passMachine = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("pass").setDefinition("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},
                 "C":{"Type":"Pass","End":true}}}""").build()).getStateMachineArn();
    }

    @AfterAll
    void stop() throws Exception {
        fx.close();
    }

    private String start(String sm, String name, String input) {
        return fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName(name)
                .setInput(input).build()).getExecutionArn();
    }

    @Test
    void sameNameAndInputWhileRunningReturnsTheOriginal() {
        var first = fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(taskMachine)
                .setName("idem").setInput("{\"x\":1}").build());
        var again = fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(taskMachine)
                .setName("idem").setInput("{ \"x\" : 1 }").build());
        assertThat(again.getExecutionArn()).isEqualTo(first.getExecutionArn());
        assertThat(again.getStartDate()).isEqualTo(first.getStartDate());

        var differentInput = assertThrows(StatusRuntimeException.class, () -> start(taskMachine, "idem", "{\"x\":2}"));
        assertThat(BrokerFixture.awsError(differentInput)).isEqualTo("ExecutionAlreadyExists");

        // Once it has ended, even the same input is a duplicate.
        var task = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());
        fx.api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(task.getTaskToken()).setOutput("{}").build());
        var ended = assertThrows(StatusRuntimeException.class, () -> start(taskMachine, "idem", "{\"x\":1}"));
        assertThat(BrokerFixture.awsError(ended)).isEqualTo("ExecutionAlreadyExists");
    }

    private <T> List<T> all(Function<String, Page<T>> pageAfter) {
        List<T> out = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            Page<T> page = pageAfter.apply(token);
            out.addAll(page.items());
            token = page.next();
            pages++;
        } while (!token.isEmpty() && pages < 100);
        return out;
    }

    record Page<T>(List<T> items, String next) {
    }

    @Test
    void listExecutionsPagesNewestFirstAndFiltersByStatus() {
        String listed = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("listed")
                .setDefinition("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}")
                .build()).getStateMachineArn();
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            started.add(start(listed, "p" + i, "{}"));
        }
        List<ExecutionListItem> everything = all(token -> {
            var r = fx.api.listExecutions(ListExecutionsRequest.newBuilder().setStateMachineArn(listed)
                    .setMaxResults(3).setNextToken(token).build());
            assertThat(r.getExecutionsCount()).isLessThanOrEqualTo(3);
            return new Page<>(r.getExecutionsList(), r.getNextToken());
        });
        assertThat(everything).extracting(ExecutionListItem::getExecutionArn).containsExactlyInAnyOrderElementsOf(started);
        for (int i = 1; i < everything.size(); i++) {
            assertThat(com.google.protobuf.util.Timestamps.compare(everything.get(i - 1).getStartDate(),
                    everything.get(i).getStartDate())).as("newest first").isGreaterThanOrEqualTo(0);
        }
        assertThat(fx.api.listExecutions(ListExecutionsRequest.newBuilder().setStateMachineArn(listed)
                .setStatusFilter("SUCCEEDED").setMaxResults(1000).build()).getExecutionsCount()).isEqualTo(7);
        assertThat(fx.api.listExecutions(ListExecutionsRequest.newBuilder().setStateMachineArn(listed)
                .setStatusFilter("RUNNING").build()).getExecutionsCount()).isZero();

        var badFilter = assertThrows(StatusRuntimeException.class, () -> fx.api.listExecutions(
                ListExecutionsRequest.newBuilder().setStateMachineArn(listed).setStatusFilter("DONE").build()));
        assertThat(BrokerFixture.awsError(badFilter)).isEqualTo("ValidationException");
        var badToken = assertThrows(StatusRuntimeException.class, () -> fx.api.listExecutions(
                ListExecutionsRequest.newBuilder().setStateMachineArn(listed).setNextToken("garbage").build()));
        assertThat(BrokerFixture.awsError(badToken)).isEqualTo("InvalidToken");
        var tooMany = assertThrows(StatusRuntimeException.class, () -> fx.api.listExecutions(
                ListExecutionsRequest.newBuilder().setStateMachineArn(listed).setMaxResults(1001).build()));
        assertThat(BrokerFixture.awsError(tooMany)).isEqualTo("ValidationException");
    }

    @Test
    void aTokenFromOneListIsInvalidForAnother() {
        for (int i = 0; i < 3; i++) {
            start(passMachine, "t" + i, "{}");
        }
        String token = fx.api.listExecutions(ListExecutionsRequest.newBuilder().setStateMachineArn(passMachine)
                .setMaxResults(1).build()).getNextToken();
        assertThat(token).isNotEmpty();
        var e = assertThrows(StatusRuntimeException.class, () -> fx.api.listStateMachines(
                ListStateMachinesRequest.newBuilder().setNextToken(token).build()));
        assertThat(BrokerFixture.awsError(e)).isEqualTo("InvalidToken");
    }

    @Test
    void listStateMachinesAndActivitiesPage() {
        for (int i = 0; i < 4; i++) {
            fx.api.createActivity(CreateActivityRequest.newBuilder().setName("act" + i).build());
        }
        var activities = all(token -> {
            var r = fx.api.listActivities(ListActivitiesRequest.newBuilder().setMaxResults(2).setNextToken(token).build());
            return new Page<>(r.getActivitiesList(), r.getNextToken());
        });
        assertThat(activities).extracting(a -> a.getName()).contains("a", "act0", "act1", "act2", "act3")
                .doesNotHaveDuplicates();
        var machines = all(token -> {
            var r = fx.api.listStateMachines(ListStateMachinesRequest.newBuilder().setMaxResults(1).setNextToken(token).build());
            return new Page<>(r.getStateMachinesList(), r.getNextToken());
        });
        assertThat(machines).extracting(m -> m.getName()).contains("task", "pass").doesNotHaveDuplicates();
    }

    @Test
    void historyPagesForwardAndBackwardWithOrWithoutData() {
        String exec = start(passMachine, "h", "{\"big\":true}");
        List<HistoryEvent> forward = all(token -> {
            var r = fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec)
                    .setMaxResults(2).setNextToken(token).build());
            return new Page<>(r.getEventsList(), r.getNextToken());
        });
        assertThat(forward).extracting(HistoryEvent::getId).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        List<HistoryEvent> backward = all(token -> {
            var r = fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec)
                    .setMaxResults(3).setReverseOrder(true).setNextToken(token).build());
            return new Page<>(r.getEventsList(), r.getNextToken());
        });
        assertThat(backward).extracting(HistoryEvent::getId).containsExactly(8, 7, 6, 5, 4, 3, 2, 1);

        var withoutData = fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec)
                .setIncludeExecutionData(false).build()).getEventsList();
        assertThat(withoutData.getFirst().getExecutionStartedEventDetails().hasInput()).isFalse();
        assertThat(withoutData.getLast().getExecutionSucceededEventDetails().hasOutput()).isFalse();
        assertThat(forward.getFirst().getExecutionStartedEventDetails().getInput()).isEqualTo("{\"big\":true}");

        String forwardToken = fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec)
                .setMaxResults(2).build()).getNextToken();
        var mixed = assertThrows(StatusRuntimeException.class, () -> fx.api.getExecutionHistory(
                GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec).setReverseOrder(true)
                        .setNextToken(forwardToken).build()));
        assertThat(BrokerFixture.awsError(mixed)).isEqualTo("InvalidToken");
    }
}
