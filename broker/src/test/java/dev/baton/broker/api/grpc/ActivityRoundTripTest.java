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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** An activity task from StartExecution to SendTaskSuccess over gRPC against the real broker. */
class ActivityRoundTripTest {
    @TempDir
    Path dir;
    BrokerFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new BrokerFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void activityTaskThenPassSucceedsWithAwsHistory() {
        String activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("greet").build()).getActivityArn();
        String definition = """
                {"StartAt":"Greet","States":{
                  "Greet":{"Type":"Task","Resource":"%s","Parameters":{"who.$":"$.name"},"ResultPath":"$.greeting","Next":"Done"},
                  "Done":{"Type":"Pass","End":true}}}""".formatted(activity);
        String sm = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("hello")
                .setDefinition(definition).build()).getStateMachineArn();
        String exec = fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName("run1")
                .setInput("{\"name\":\"Ada\"}").build()).getExecutionArn();
        assertThat(exec).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:hello:run1");

        var task = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity)
                .setWorkerName("w1").build());
        assertThat(task.getTaskToken()).isNotEmpty();
        assertThat(task.getInput()).isEqualTo("{\"who\":\"Ada\"}");
        fx.api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(task.getTaskToken())
                .setOutput("\"Hello, Ada\"").build());

        var described = fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build());
        assertThat(described.getStatus()).isEqualTo("SUCCEEDED");
        assertThat(described.getOutput()).isEqualTo("{\"name\":\"Ada\",\"greeting\":\"Hello, Ada\"}");

        var events = fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec).build())
                .getEventsList();
        assertThat(events).extracting(HistoryEvent::getType).containsExactly("ExecutionStarted", "TaskStateEntered",
                "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "TaskStateExited", "PassStateEntered",
                "PassStateExited", "ExecutionSucceeded");
        assertThat(events).extracting(HistoryEvent::getPreviousEventId).containsExactly(0, 0, 2, 3, 4, 5, 6, 7, 8);
        assertThat(events.get(3).getActivityStartedEventDetails().getWorkerName()).isEqualTo("w1");
        assertThat(events.get(2).getActivityScheduledEventDetails().getResource()).isEqualTo(activity);
        assertThat(events.get(0).getExecutionStartedEventDetails().getInput()).isEqualTo("{\"name\":\"Ada\"}");
    }
}
