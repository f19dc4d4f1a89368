package dev.baton.broker.api.grpc;

import dev.baton.broker.BrokerFixture;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.DescribeExecutionResponse;
import dev.baton.proto.v1.DescribeMapRunRequest;
import dev.baton.proto.v1.DescribeMapRunResponse;
import dev.baton.proto.v1.ExecutionListItem;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetActivityTaskResponse;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.ListMapRunsRequest;
import dev.baton.proto.v1.MapRunCounts;
import dev.baton.proto.v1.RedriveExecutionRequest;
import dev.baton.proto.v1.SendTaskFailureRequest;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StopExecutionRequest;
import dev.baton.proto.v1.UpdateMapRunRequest;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Distributed Maps end to end over gRPC against the real broker: each item a child execution of the
 * map run, visible through DescribeExecution, GetExecutionHistory and ListExecutions; the map run
 * through DescribeMapRun, ListMapRuns and UpdateMapRun; MaxConcurrency, tolerated failures, a
 * restart in the middle of the run, a stop of the parent, a redrive.
 */
class DistributedMapTest {
    static final Duration POLL = Duration.ofMillis(300);
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    BrokerFixture fx;
    String activity;

    @BeforeEach
    void start() throws Exception {
        fx = new BrokerFixture(dir, POLL);
        activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("work").build()).getActivityArn();
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    /** A state machine whose Distributed Map hands each item to the activity. */
    String machine(String name, String settings) {
        return fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName(name).setDefinition("""
                {"StartAt":"Fan","States":{"Fan":{"Type":"Map","Label":"Items",%s"ItemsPath":"$.items","Next":"Done",
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                    "StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","End":true}}}},
                  "Done":{"Type":"Pass","End":true}}}""".formatted(settings, activity)).build()).getStateMachineArn();
    }

    String startExecution(String sm, int items) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            values.add(Integer.toString(i));
        }
        return fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName("run")
                .setInput("{\"items\":[" + String.join(",", values) + "]}").build()).getExecutionArn();
    }

    /** Takes a task if one comes within the poll timeout; null when none does. */
    GetActivityTaskResponse poll() {
        GetActivityTaskResponse task = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder()
                .setActivityArn(activity).setWorkerName("test").build());
        return task.getTaskToken().isEmpty() ? null : task;
    }

    GetActivityTaskResponse take() {
        GetActivityTaskResponse[] taken = new GetActivityTaskResponse[1];
        await().atMost(WAIT).until(() -> (taken[0] = poll()) != null);
        return taken[0];
    }

    void succeed(GetActivityTaskResponse task) {
        fx.api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(task.getTaskToken())
                .setOutput("{\"done\":" + task.getInput() + "}").build());
    }

    DescribeExecutionResponse describe(String arn) {
        return fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(arn).build());
    }

    String awaitStatus(String arn, String status) {
        await().atMost(WAIT).until(() -> describe(arn).getStatus().equals(status));
        return status;
    }

    String mapRunOf(String execution) {
        await().atMost(WAIT).until(() -> fx.api.listMapRuns(ListMapRunsRequest.newBuilder().setExecutionArn(execution)
                .build()).getMapRunsCount() == 1);
        return fx.api.listMapRuns(ListMapRunsRequest.newBuilder().setExecutionArn(execution).build())
                .getMapRuns(0).getMapRunArn();
    }

    DescribeMapRunResponse describeMapRun(String mapRun) {
        return fx.api.describeMapRun(DescribeMapRunRequest.newBuilder().setMapRunArn(mapRun).build());
    }

    List<ExecutionListItem> children(String mapRun) {
        return fx.api.listExecutions(ListExecutionsRequest.newBuilder().setMapRunArn(mapRun).build()).getExecutionsList();
    }

    static MapRunCounts counts(long pending, long running, long succeeded, long failed, long aborted, long total) {
        return MapRunCounts.newBuilder().setPending(pending).setRunning(running).setSucceeded(succeeded).setFailed(failed)
                .setAborted(aborted).setTotal(total).build();
    }

    static String error(Executable call) {
        return BrokerFixture.awsError(assertThrows(StatusRuntimeException.class, call));
    }

    @Test
    void itemsRunAsChildExecutionsListedUnderTheMapRunTwoAtATime() {
        String sm = machine("fan", "\"MaxConcurrency\":2,");
        String exec = startExecution(sm, 5);
        String mapRun = mapRunOf(exec);
        assertThat(mapRun).startsWith("arn:aws:states:us-east-1:123456789012:mapRun:fan/Items:");

        GetActivityTaskResponse first = take();
        GetActivityTaskResponse second = take();
        assertThat(poll()).as("MaxConcurrency 2: no third child runs").isNull();
        await().atMost(WAIT).until(() -> describeMapRun(mapRun).getItemCounts().equals(counts(3, 2, 0, 0, 0, 5))
                && describeMapRun(mapRun).getExecutionCounts().equals(counts(0, 2, 0, 0, 0, 2)));
        DescribeMapRunResponse running = describeMapRun(mapRun);
        assertThat(running.getStatus()).isEqualTo("RUNNING");
        assertThat(running.getExecutionArn()).isEqualTo(exec);
        assertThat(running.getMaxConcurrency()).isEqualTo(2);
        assertThat(running.getExecutionCounts()).isEqualTo(counts(0, 2, 0, 0, 0, 2));
        assertThat(running.hasStopDate()).isFalse();

        List<ExecutionListItem> children = children(mapRun);
        assertThat(children).hasSize(2).allSatisfy(c -> {
            assertThat(c.getStatus()).isEqualTo("RUNNING");
            assertThat(c.getMapRunArn()).isEqualTo(mapRun);
            assertThat(c.getItemCount()).isEqualTo(1);
            assertThat(c.getStateMachineArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:fan/Items");
            assertThat(c.getExecutionArn()).matches("arn:aws:states:us-east-1:123456789012:execution:fan/Items:[0-9a-f-]{36}");
        });
        DescribeExecutionResponse child = describe(children.getFirst().getExecutionArn());
        assertThat(child.getMapRunArn()).isEqualTo(mapRun);
        assertThat(child.getInput()).isIn("0", "1");
        assertThat(fx.api.listExecutions(ListExecutionsRequest.newBuilder().setStateMachineArn(sm).build())
                .getExecutionsList()).as("a state machine's executions do not include the map run's children")
                .extracting(ExecutionListItem::getExecutionArn).containsExactly(exec);

        succeed(first);
        succeed(second);
        for (int i = 0; i < 3; i++) {
            succeed(take());
        }
        awaitStatus(exec, "SUCCEEDED");
        assertThat(describe(exec).getOutput()).isEqualTo(
                "[{\"done\":0},{\"done\":1},{\"done\":2},{\"done\":3},{\"done\":4}]");
        DescribeMapRunResponse done = describeMapRun(mapRun);
        assertThat(done.getStatus()).isEqualTo("SUCCEEDED");
        assertThat(done.hasStopDate()).isTrue();
        assertThat(done.getItemCounts()).isEqualTo(counts(0, 0, 5, 0, 0, 5));
        assertThat(done.getExecutionCounts()).isEqualTo(counts(0, 0, 5, 0, 0, 5));

        assertThat(children(mapRun)).hasSize(5).allSatisfy(c -> assertThat(c.getStatus()).isEqualTo("SUCCEEDED"));
        String childArn = children(mapRun).getFirst().getExecutionArn();
        List<String> history = fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(childArn)
                .build()).getEventsList().stream().map(HistoryEvent::getType).toList();
        assertThat(history).containsExactly("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
                "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded");
        List<String> parent = fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec)
                .build()).getEventsList().stream().map(HistoryEvent::getType).toList();
        assertThat(parent).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
                "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "PassStateEntered", "PassStateExited",
                "ExecutionSucceeded");
    }

    @Test
    void toleratedFailuresLetTheMapRunSucceedAndTheFailedChildKeepsItsError() {
        String exec = startExecution(machine("tolerant", "\"ToleratedFailureCount\":1,"), 3);
        String mapRun = mapRunOf(exec);
        for (int i = 0; i < 3; i++) {
            GetActivityTaskResponse task = take();
            if (task.getInput().equals("1")) {
                fx.api.sendTaskFailure(SendTaskFailureRequest.newBuilder().setTaskToken(task.getTaskToken())
                        .setError("Broken").setCause("item 1 is broken").build());
            } else {
                succeed(task);
            }
        }
        awaitStatus(exec, "SUCCEEDED");
        assertThat(describe(exec).getOutput()).isEqualTo(
                "[{\"done\":0},{\"Error\":\"Broken\",\"Cause\":\"item 1 is broken\"},{\"done\":2}]");
        DescribeMapRunResponse run = describeMapRun(mapRun);
        assertThat(run.getToleratedFailureCount()).isEqualTo(1);
        assertThat(run.getItemCounts()).isEqualTo(counts(0, 0, 2, 1, 0, 3));
        ExecutionListItem failed = children(mapRun).stream().filter(c -> c.getStatus().equals("FAILED")).findFirst().orElseThrow();
        DescribeExecutionResponse child = describe(failed.getExecutionArn());
        assertThat(child.getError()).isEqualTo("Broken");
        assertThat(child.getRedriveStatus()).as("its map run succeeded: nothing will redrive it").isEqualTo("NOT_REDRIVABLE");
        assertThat(child.getRedriveStatusReason()).isEqualTo("Map Run " + mapRun + " succeeded and cannot be redriven");
        assertThat(error(() -> fx.api.redriveExecution(RedriveExecutionRequest.newBuilder()
                .setExecutionArn(failed.getExecutionArn()).build()))).isEqualTo("ExecutionNotRedrivable");
    }

    @Test
    void aRestartInTheMiddleOfTheMapRunLosesAndDuplicatesNoChild() throws Exception {
        String exec = startExecution(machine("restart", "\"MaxConcurrency\":3,"), 6);
        // Stopped at once: the children's starts may or may not have been made.
        fx.stop();
        fx.start();
        String mapRun = mapRunOf(exec);
        GetActivityTaskResponse a = take();
        GetActivityTaskResponse b = take();
        succeed(a);
        fx.stop();
        fx.start();
        // b's worker answers after the restart with the token it had.
        succeed(b);
        Set<String> inputs = new HashSet<>(List.of(a.getInput(), b.getInput()));
        while (inputs.size() < 6) {
            GetActivityTaskResponse task = take();
            inputs.add(task.getInput());
            succeed(task);
        }
        awaitStatus(exec, "SUCCEEDED");
        assertThat(describe(exec).getOutput()).isEqualTo(
                "[{\"done\":0},{\"done\":1},{\"done\":2},{\"done\":3},{\"done\":4},{\"done\":5}]");
        List<ExecutionListItem> children = children(mapRun);
        assertThat(children).hasSize(6);
        assertThat(children.stream().map(ExecutionListItem::getExecutionArn).distinct()).hasSize(6);
        assertThat(describeMapRun(mapRun).getExecutionCounts()).isEqualTo(counts(0, 0, 6, 0, 0, 6));
    }

    @Test
    void stoppingTheParentAbortsTheRunningChildren() {
        String exec = startExecution(machine("stopped", "\"MaxConcurrency\":2,"), 4);
        String mapRun = mapRunOf(exec);
        take();
        take();
        fx.api.stopExecution(StopExecutionRequest.newBuilder().setExecutionArn(exec).setError("Halt").build());
        awaitStatus(exec, "ABORTED");
        await().atMost(WAIT).until(() -> children(mapRun).stream().allMatch(c -> c.getStatus().equals("ABORTED")));
        assertThat(children(mapRun)).hasSize(2);
        DescribeMapRunResponse run = describeMapRun(mapRun);
        assertThat(run.getStatus()).isEqualTo("ABORTED");
        assertThat(run.getItemCounts()).isEqualTo(counts(2, 0, 0, 0, 2, 4));
        DescribeExecutionResponse aborted = describe(children(mapRun).getFirst().getExecutionArn());
        assertThat(aborted.getRedriveStatus()).isEqualTo("REDRIVABLE_BY_MAP_RUN");
        assertThat(aborted.getCause()).contains(mapRun);

        // The redrive redrives the aborted children and starts the others.
        fx.api.redriveExecution(RedriveExecutionRequest.newBuilder().setExecutionArn(exec).build());
        for (int i = 0; i < 4; i++) {
            succeed(take());
        }
        awaitStatus(exec, "SUCCEEDED");
        assertThat(children(mapRun)).hasSize(4);
        DescribeMapRunResponse redriven = describeMapRun(mapRun);
        assertThat(redriven.getRedriveCount()).isEqualTo(1);
        assertThat(redriven.hasRedriveDate()).isTrue();
        assertThat(children(mapRun).stream().filter(c -> c.getRedriveCount() == 1)).hasSize(2);
    }

    @Test
    void updateMapRunRaisesMaxConcurrencyWhileItRuns() {
        String exec = startExecution(machine("updated", "\"MaxConcurrency\":1,"), 4);
        String mapRun = mapRunOf(exec);
        GetActivityTaskResponse first = take();
        assertThat(poll()).isNull();
        fx.api.updateMapRun(UpdateMapRunRequest.newBuilder().setMapRunArn(mapRun).setMaxConcurrency(3)
                .setToleratedFailurePercentage(50).build());
        DescribeMapRunResponse updated = describeMapRun(mapRun);
        assertThat(updated.getMaxConcurrency()).isEqualTo(3);
        assertThat(updated.getToleratedFailurePercentage()).isEqualTo(50f);
        List<GetActivityTaskResponse> more = List.of(take(), take());
        assertThat(poll()).as("3 at a time now").isNull();
        succeed(first);
        more.forEach(this::succeed);
        succeed(take());
        awaitStatus(exec, "SUCCEEDED");
        assertThat(error(() -> fx.api.updateMapRun(UpdateMapRunRequest.newBuilder().setMapRunArn(mapRun)
                .setMaxConcurrency(2).build()))).as("the map run has ended").isEqualTo("ValidationException");
    }

    @Test
    void mapRunCallsAnswerWithAwsErrors() {
        String exec = startExecution(machine("errors", ""), 1);
        String mapRun = mapRunOf(exec);
        String unknown = mapRun.substring(0, mapRun.lastIndexOf(':') + 1) + "00000000-0000-0000-0000-000000000000";
        assertThat(error(() -> describeMapRun(unknown))).isEqualTo("ResourceNotFound");
        assertThat(error(() -> describeMapRun("not-an-arn"))).isEqualTo("InvalidArn");
        assertThat(error(() -> describeMapRun(exec))).isEqualTo("InvalidArn");
        assertThat(error(() -> fx.api.updateMapRun(UpdateMapRunRequest.newBuilder().setMapRunArn(mapRun)
                .setMaxConcurrency(-1).build()))).isEqualTo("ValidationException");
        assertThat(error(() -> fx.api.updateMapRun(UpdateMapRunRequest.newBuilder().setMapRunArn(mapRun)
                .setToleratedFailurePercentage(101).build()))).isEqualTo("ValidationException");
        assertThat(error(() -> fx.api.updateMapRun(UpdateMapRunRequest.newBuilder().setMapRunArn(unknown)
                .setMaxConcurrency(1).build()))).isEqualTo("ResourceNotFound");
        assertThat(error(() -> fx.api.listMapRuns(ListMapRunsRequest.newBuilder()
                .setExecutionArn(exec.replace(":run", ":nope")).build()))).isEqualTo("ExecutionDoesNotExist");
        assertThat(error(() -> fx.api.listExecutions(ListExecutionsRequest.newBuilder().setMapRunArn(mapRun)
                .setStateMachineArn(describe(exec).getStateMachineArn()).build()))).isEqualTo("ValidationException");
        assertThat(error(() -> fx.api.listExecutions(ListExecutionsRequest.newBuilder().build())))
                .isEqualTo("InvalidArn");
        assertThat(error(() -> children(unknown))).isEqualTo("ResourceNotFound");
        succeed(take());
        awaitStatus(exec, "SUCCEEDED");
    }
}
