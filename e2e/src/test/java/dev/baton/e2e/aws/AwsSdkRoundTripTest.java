package dev.baton.e2e.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StopExecutionResponse;

/** Baton driven only by the AWS SDK for Java v2, against a real broker; checked against the gRPC view. */
class AwsSdkRoundTripTest {

    /** Short, so a worker that stops polling is released quickly; AWS's 60 s is the broker's default. */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(5);
    private static final String ROLE = "arn:aws:iam::123456789012:role/baton-e2e";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static AwsEndpointBroker baton;
    static SfnClient sfn;

    @BeforeAll
    static void startBroker() throws IOException {
        baton = AwsEndpointBroker.start(dataDir, POLL_TIMEOUT);
        sfn = baton.sfn;
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        baton.close();
    }

    private static String activityMachine(String name, String activityArn) {
        String definition = """
                {"Comment":"one activity task","StartAt":"Resize","States":{
                  "Resize":{"Type":"Task","Resource":"%s","ResultPath":"$.thumbnail","TimeoutSeconds":120,"End":true}}}"""
                .formatted(activityArn);
        return sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    private static String resize(String input) {
        try {
            return JSON.writeValueAsString("small-" + JSON.readTree(input).get("image").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DescribeExecutionResponse awaitEnd(String executionArn) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> sfn.describeExecution(r -> r.executionArn(executionArn)),
                described -> described.status() != ExecutionStatus.RUNNING);
    }

    @Test
    void aWorkerMadeOfSdkCallsCompletesExecutionsStartedWithTheSdk() throws Exception {
        String activityArn = sfn.createActivity(r -> r.name("resize")).activityArn();
        String machineArn = activityMachine("thumbnails", activityArn);
        assertThat(activityArn).isEqualTo("arn:aws:states:us-east-1:123456789012:activity:resize");
        assertThat(machineArn).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:thumbnails");

        List<String> executions = new ArrayList<>();
        try (SdkActivityWorker worker = SdkActivityWorker.start(sfn, activityArn, 2, AwsSdkRoundTripTest::resize)) {
            // The workers are already parked in long polls when the executions start.
            for (int i = 1; i <= 4; i++) {
                String image = "cat-" + i + ".png";
                executions.add(sfn.startExecution(r -> r.stateMachineArn(machineArn)
                        .input("{\"image\":\"" + image + "\"}")).executionArn());
            }
            for (int i = 0; i < executions.size(); i++) {
                DescribeExecutionResponse described = awaitEnd(executions.get(i));
                assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(JSON.readTree(described.output())).isEqualTo(JSON.readTree(
                        "{\"image\":\"cat-" + (i + 1) + ".png\",\"thumbnail\":\"small-cat-" + (i + 1) + ".png\"}"));
            }
            assertThat(worker.completed()).isEqualTo(4);
            assertThat(worker.failures()).isEmpty();
        }

        String executionArn = executions.get(0);
        DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(executionArn));
        assertThat(described.stateMachineArn()).isEqualTo(machineArn);
        assertThat(described.startDate()).isBefore(described.stopDate()).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        List<HistoryEvent> history = sfn.getExecutionHistory(r -> r.executionArn(executionArn)).events();
        assertThat(history).extracting(HistoryEvent::type).containsExactly(
                HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.ACTIVITY_SCHEDULED,
                HistoryEventType.ACTIVITY_STARTED, HistoryEventType.ACTIVITY_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(history.get(0).previousEventId()).isZero();
        assertThat(history.get(2).activityScheduledEventDetails().resource()).isEqualTo(activityArn);
        assertThat(history.get(3).activityStartedEventDetails().workerName()).startsWith("sdk-worker-");

        // The AWS endpoint shows exactly what the gRPC API shows.
        var grpcDescribed = baton.grpc.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(executionArn).build());
        assertThat(ComparableView.of(described)).isEqualTo(ComparableView.of(grpcDescribed));
        var grpcHistory = baton.grpc.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(executionArn).build());
        assertThat(history).hasSameSizeAs(grpcHistory.getEventsList());
        for (int i = 0; i < history.size(); i++) {
            assertThat(ComparableView.of(history.get(i))).as("event %d", i + 1)
                    .isEqualTo(ComparableView.of(grpcHistory.getEvents(i)));
        }
    }

    @Test
    void aWaitingPollGetsTheTaskAndTheHistoryCanBeReadBackwardsInPages() throws Exception {
        String activityArn = sfn.createActivity(r -> r.name("paged")).activityArn();
        String machineArn = activityMachine("paged", activityArn);
        var poll = CompletableFuture.supplyAsync(
                () -> sfn.getActivityTask(r -> r.activityArn(activityArn).workerName("early-bird")));
        // Parked on the broker before there is any task: the task goes straight to it.
        await().atMost(Duration.ofSeconds(10)).until(() -> baton.broker.dispatcherForTests().waitingPolls(activityArn) == 1);

        String executionArn = sfn.startExecution(r -> r.stateMachineArn(machineArn).name("paged-1")
                .input("{\"image\":\"dog.png\"}")).executionArn();
        GetActivityTaskResponse task = poll.get(10, TimeUnit.SECONDS);
        assertThat(task.taskToken()).isNotNull();
        assertThat(JSON.readTree(task.input())).isEqualTo(JSON.readTree("{\"image\":\"dog.png\"}"));
        sfn.sendTaskSuccess(r -> r.taskToken(task.taskToken()).output("\"small-dog.png\""));
        assertThat(awaitEnd(executionArn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

        List<Long> ids = new ArrayList<>();
        sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn).reverseOrder(true).maxResults(2))
                .events().forEach(event -> ids.add(event.id()));
        assertThat(ids).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void aPollWithNoTaskEndsWithNoTokenAfterThePollTimeout() {
        String activityArn = sfn.createActivity(r -> r.name("idle")).activityArn();

        GetActivityTaskResponse task = sfn.getActivityTask(r -> r.activityArn(activityArn).workerName("idle-worker"));

        assertThat(task.taskToken()).isNull();
        assertThat(task.input()).isNull();
    }

    @Test
    void failuresHeartbeatsAndStopsReachTheExecution() throws Exception {
        String activityArn = sfn.createActivity(r -> r.name("fragile")).activityArn();
        String machineArn = activityMachine("fragile", activityArn);

        String failing = sfn.startExecution(r -> r.stateMachineArn(machineArn).input("{\"image\":\"x.png\"}")).executionArn();
        GetActivityTaskResponse task = sfn.getActivityTask(r -> r.activityArn(activityArn).workerName("w"));
        assertThat(task.taskToken()).isNotNull();
        sfn.sendTaskHeartbeat(r -> r.taskToken(task.taskToken()));
        sfn.sendTaskFailure(r -> r.taskToken(task.taskToken()).error("Image.Corrupt").cause("x.png is not a PNG"));
        DescribeExecutionResponse failed = awaitEnd(failing);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Image.Corrupt");
        assertThat(failed.cause()).isEqualTo("x.png is not a PNG");

        String stopped = sfn.startExecution(r -> r.stateMachineArn(machineArn).input("{\"image\":\"y.png\"}")).executionArn();
        StopExecutionResponse stop = sfn.stopExecution(r -> r.executionArn(stopped).error("Operator.Cancelled").cause("not needed"));
        DescribeExecutionResponse aborted = awaitEnd(stopped);
        assertThat(aborted.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(aborted.stopDate()).isEqualTo(stop.stopDate());
        assertThat(sfn.getExecutionHistory(r -> r.executionArn(stopped).reverseOrder(true)).events().get(0).type())
                .isEqualTo(HistoryEventType.EXECUTION_ABORTED);
    }

    @Test
    void listsPageThroughTheSdkPaginators() {
        String activityArn = sfn.createActivity(r -> r.name("listed")).activityArn();
        List<String> created = IntStream.rangeClosed(1, 5).mapToObj(i -> activityMachine("listed-" + i, activityArn)).toList();
        String firstMachine = created.get(0);
        List<String> started = IntStream.rangeClosed(1, 3).mapToObj(i -> sfn.startExecution(
                r -> r.stateMachineArn(firstMachine).name("run-" + i).input("{\"image\":\"i.png\"}")).executionArn()).toList();

        List<String> machines = sfn.listStateMachinesPaginator(r -> r.maxResults(2)).stateMachines().stream()
                .map(StateMachineListItem::stateMachineArn).toList();
        List<String> executions = new ArrayList<>();
        sfn.listExecutionsPaginator(r -> r.stateMachineArn(firstMachine).maxResults(1)).executions()
                .forEach(e -> executions.add(e.executionArn()));
        List<String> activities = new ArrayList<>();
        sfn.listActivitiesPaginator(r -> r.maxResults(1)).activities().forEach(a -> activities.add(a.activityArn()));

        assertThat(machines).containsAll(created).doesNotHaveDuplicates();
        assertThat(executions).containsExactlyInAnyOrderElementsOf(started);
        assertThat(activities).contains(activityArn).doesNotHaveDuplicates();
        for (String executionArn : started) {
            sfn.stopExecution(r -> r.executionArn(executionArn));
        }
    }

    @Test
    void describedStateMachinesAndActivitiesMatchTheGrpcView() {
        String activityArn = sfn.createActivity(r -> r.name("described")).activityArn();
        String machineArn = activityMachine("described", activityArn);

        var machine = sfn.describeStateMachine(r -> r.stateMachineArn(machineArn));
        var activity = sfn.describeActivity(r -> r.activityArn(activityArn));

        assertThat(machine.roleArn()).isEqualTo(ROLE);
        assertThat(machine.definition()).contains(activityArn);
        assertThat(ComparableView.of(machine)).isEqualTo(ComparableView.of(baton.grpc.describeStateMachine(
                dev.baton.proto.v1.DescribeStateMachineRequest.newBuilder().setStateMachineArn(machineArn).build())));
        assertThat(ComparableView.of(activity)).isEqualTo(ComparableView.of(baton.grpc.describeActivity(
                dev.baton.proto.v1.DescribeActivityRequest.newBuilder().setActivityArn(activityArn).build())));
    }
}
