package dev.baton.broker.api.grpc;

import dev.baton.broker.BrokerFixture;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.RedriveExecutionRequest;
import dev.baton.proto.v1.SendTaskFailureRequest;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RedriveExecution over gRPC against the real broker, including across a restart. */
class RedriveExecutionTest {
    @TempDir
    Path dir;
    BrokerFixture fx;

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void aFailedExecutionIsRedrivenAfterARestartAndSucceeds() throws Exception {
        fx = new BrokerFixture(dir);
        String activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("flaky").build()).getActivityArn();
        String sm = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("sm").setDefinition("""
                {"StartAt":"Prepare","States":{
                  "Prepare":{"Type":"Pass","Result":1,"ResultPath":"$.prepared","Next":"Work"},
                  "Work":{"Type":"Task","Resource":"%s","ResultPath":"$.result","End":true}}}""".formatted(activity))
                .build()).getStateMachineArn();
        String exec = fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName("e")
                .setInput("{\"n\":5}").build()).getExecutionArn();
        var first = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());
        fx.api.sendTaskFailure(SendTaskFailureRequest.newBuilder().setTaskToken(first.getTaskToken())
                .setError("Flaky").setCause("try again").build());

        var failed = fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build());
        assertThat(failed.getStatus()).isEqualTo("FAILED");
        assertThat(failed.getRedriveStatus()).isEqualTo("REDRIVABLE");
        assertThat(failed.getRedriveCount()).isZero();

        fx.stop();
        fx.start();

        var redrive = fx.api.redriveExecution(RedriveExecutionRequest.newBuilder().setExecutionArn(exec).build());
        assertThat(redrive.hasRedriveDate()).isTrue();
        var second = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());
        assertThat(second.getInput()).isEqualTo("{\"n\":5,\"prepared\":1}");
        fx.api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(second.getTaskToken()).setOutput("\"ok\"").build());

        var done = fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build());
        assertThat(done.getStatus()).isEqualTo("SUCCEEDED");
        assertThat(done.getOutput()).isEqualTo("{\"n\":5,\"prepared\":1,\"result\":\"ok\"}");
        assertThat(done.getRedriveCount()).isEqualTo(1);
        assertThat(done.getRedriveDate()).isEqualTo(redrive.getRedriveDate());
        assertThat(done.getRedriveStatus()).isEqualTo("NOT_REDRIVABLE");
        assertThat(done.getRedriveStatusReason()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");

        var types = fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec).build())
                .getEventsList().stream().map(HistoryEvent::getType).toList();
        assertThat(types).containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered",
                "ActivityScheduled", "ActivityStarted", "ActivityFailed", "ExecutionFailed",
                "ExecutionRedriven", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded",
                "TaskStateExited", "ExecutionSucceeded");
        var redrivenEvent = fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec).build())
                .getEvents(8);
        assertThat(redrivenEvent.getExecutionRedrivenEventDetails().getRedriveCount()).isEqualTo(1);

        assertThat(fx.api.listExecutions(ListExecutionsRequest.newBuilder().setStateMachineArn(sm)
                .setRedriveFilter("REDRIVEN").build()).getExecutionsList())
                .singleElement().satisfies(item -> assertThat(item.getRedriveCount()).isEqualTo(1));
        assertThat(fx.api.listExecutions(ListExecutionsRequest.newBuilder().setStateMachineArn(sm)
                .setRedriveFilter("NOT_REDRIVEN").build()).getExecutionsCount()).isZero();

        var again = assertThrows(StatusRuntimeException.class, () ->
                fx.api.redriveExecution(RedriveExecutionRequest.newBuilder().setExecutionArn(exec).build()));
        assertThat(BrokerFixture.awsError(again)).isEqualTo("ExecutionNotRedrivable");
        assertThat(again.getStatus().getDescription()).contains("SUCCEEDED");
    }

    /**
     * AWS redrives only the branches and iterations that failed or were aborted: here one Map
     * iteration inside one Parallel branch. The tree kept at the failure survives the restart.
     */
    @Test
    void onlyTheFailedIterationOfAParallelBranchRunsAgainAfterARestart() throws Exception {
        fx = new BrokerFixture(dir, Duration.ofMillis(300));
        String activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("work").build()).getActivityArn();
        String sm = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("fan-out").setDefinition("""
                {"StartAt":"Prepare","States":{
                  "Prepare":{"Type":"Pass","Result":"v1","ResultPath":"$.version","Next":"Fan"},
                  "Fan":{"Type":"Parallel","End":true,"Branches":[
                    {"StartAt":"Left","States":{"Left":{"Type":"Task","Resource":"%1$s","Parameters":{"job":"left"},"End":true}}},
                    {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","End":true,
                      "ItemProcessor":{"StartAt":"Item","States":{"Item":{"Type":"Task","Resource":"%1$s",
                        "Parameters":{"item.$":"$"},"End":true}}}}}}]}}}""".formatted(activity))
                .build()).getStateMachineArn();
        String exec = fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName("e")
                .setInput("{\"items\":[1,2,3]}").build()).getExecutionArn();

        Map<String, String> tokens = new HashMap<>();
        for (int polls = 0; polls < 50 && tokens.size() < 4; polls++) {
            var task = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());
            if (!task.getTaskToken().isEmpty()) {
                tokens.put(task.getInput(), task.getTaskToken());
            }
        }
        assertThat(tokens).containsOnlyKeys("{\"job\":\"left\"}", "{\"item\":1}", "{\"item\":2}", "{\"item\":3}");
        succeed(tokens.get("{\"job\":\"left\"}"), "\"L\"");
        succeed(tokens.get("{\"item\":1}"), "\"r1\"");
        succeed(tokens.get("{\"item\":3}"), "\"r3\"");
        fx.api.sendTaskFailure(SendTaskFailureRequest.newBuilder().setTaskToken(tokens.get("{\"item\":2}"))
                .setError("Flaky").setCause("try again").build());
        var failed = fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build());
        assertThat(failed.getStatus()).isEqualTo("FAILED");
        int failedEvents = history(exec).size();

        fx.stop();
        fx.start();

        fx.api.redriveExecution(RedriveExecutionRequest.newBuilder().setExecutionArn(exec).build());
        var again = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());
        for (int polls = 0; polls < 50 && again.getTaskToken().isEmpty(); polls++) {
            again = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());
        }
        assertThat(again.getInput()).isEqualTo("{\"item\":2}");
        var none = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());
        assertThat(none.getTaskToken()).as("nothing else runs again").isEmpty();
        succeed(again.getTaskToken(), "\"r2\"");

        var done = fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build());
        assertThat(done.getStatus()).isEqualTo("SUCCEEDED");
        assertThat(done.getOutput()).isEqualTo("[\"L\",[\"r1\",\"r2\",\"r3\"]]");
        var events = history(exec);
        assertThat(events.subList(failedEvents, events.size()).stream().map(HistoryEvent::getType).toList())
                .containsExactly("ExecutionRedriven", "ParallelStateEntered", "ParallelStateStarted", "MapStateEntered",
                        "MapStateStarted", "MapIterationStarted", "TaskStateEntered", "ActivityScheduled",
                        "ActivityStarted", "ActivitySucceeded", "TaskStateExited", "MapIterationSucceeded",
                        "MapStateSucceeded", "MapStateExited", "ParallelStateSucceeded", "ParallelStateExited",
                        "ExecutionSucceeded");
        assertThat(events.get(failedEvents + 1).getStateEnteredEventDetails().getInput())
                .isEqualTo("{\"items\":[1,2,3],\"version\":\"v1\"}");
        assertThat(events.get(failedEvents + 5).getMapIterationStartedEventDetails().getIndex()).isEqualTo(1);
    }

    private void succeed(String token, String output) {
        fx.api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(token).setOutput(output).build());
    }

    private java.util.List<HistoryEvent> history(String exec) {
        return fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec).build())
                .getEventsList();
    }
}
