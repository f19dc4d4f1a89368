package dev.baton.e2e.durability;

import static dev.baton.e2e.durability.CrashSafetyTest.freePort;
import static dev.baton.e2e.durability.CrashSafetyTest.retry;
import static dev.baton.e2e.durability.CrashSafetyTest.sleepQuietly;
import static dev.baton.e2e.durability.CrashSafetyTest.startOnce;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.DescribeExecutionResponse;
import dev.baton.proto.v1.ExecutionListItem;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.ListExecutionsResponse;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StepFunctionsGrpc;
import dev.baton.worker.FunctionWorker;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of nested executions: parents start unnamed {@code .sync} children (each runs a
 * function on a real FunctionWorker) while the broker, a separate JVM, is killed with SIGKILL again
 * and again. Afterwards every parent has succeeded once with its child's output, and there is
 * exactly one child per parent: a crash between a parent's decision and its child's start neither
 * loses nor duplicates the child, and a child that ends around a crash still reaches its parent.
 */
class NestedCrashSafetyTest {
    static final int KILLS = Integer.getInteger("baton.crash.nested.kills", 8);
    static final int PARENTS = Integer.getInteger("baton.crash.nested.parents", 80);
    static final List<String> PARENT_HISTORY = List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled",
            "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    static final List<String> CHILD_HISTORY = List.of("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
            "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killedBrokersNeitherLoseNorDuplicateChildren() throws Exception {
        BrokerProcess broker = new BrokerProcess(dataDir, freePort());
        broker.start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", broker.port()).usePlaintext().build();
        var api = StepFunctionsGrpc.newBlockingStub(channel);
        broker.ownActivity = retry(() -> api.createActivity(CreateActivityRequest.newBuilder().setName("marker").build()))
                .getActivityArn();
        String child = retry(() -> api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("child")
                .setDefinition("""
                        {"StartAt":"Double","States":{"Double":{"Type":"Task",
                          "Resource":"arn:aws:lambda:us-east-1:123456789012:function:double","End":true}}}""")
                .build())).getStateMachineArn();
        String parent = retry(() -> api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("parent")
                .setDefinition("""
                        {"StartAt":"Run","States":{"Run":{"Type":"Task",
                          "Resource":"arn:aws:states:::states:startExecution.sync:2",
                          "Parameters":{"StateMachineArn":"%s","Input.$":"$"},"End":true}}}""".formatted(child))
                .build())).getStateMachineArn();
        FunctionWorker worker = FunctionWorker.builder(channel).functionName("double")
                .jsonHandler((payload, context) -> JSON.createObjectNode().put("n", payload.path("n").asInt())
                        .put("double", 2 * payload.path("n").asInt()))
                .maxConcurrentTasks(8).build().start();

        Thread starter = Thread.ofPlatform().name("starter").start(() -> {
            for (int i = 0; i < PARENTS; i++) {
                int n = i;
                startOnce(api, StartExecutionRequest.newBuilder().setStateMachineArn(parent)
                        .setName("p-" + n).setInput("{\"n\":" + n + "}").build());
                sleepQuietly(10);
            }
        });
        Random random = new Random(7);
        for (int kills = 0; kills < KILLS; kills++) {
            Thread.sleep(300 + random.nextInt(700));
            broker.kill();
            broker.start();
        }
        starter.join(TimeUnit.MINUTES.toMillis(3));

        List<String> problems = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        for (int i = 0; i < PARENTS; i++) {
            String arn = parent.replace(":stateMachine:", ":execution:") + ":p-" + i;
            DescribeExecutionResponse d = describe(api, arn);
            while (d.getStatus().equals("RUNNING") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                d = describe(api, arn);
            }
            JsonNode output = d.hasOutput() ? JSON.readTree(d.getOutput()) : null;
            if (!d.getStatus().equals("SUCCEEDED") || output == null
                    || output.path("Output").path("double").asInt(-1) != 2 * i) {
                problems.add(arn + " " + d.getStatus() + " " + d.getOutput() + " " + d.getCause());
            } else if (!types(api, arn).equals(PARENT_HISTORY)) {
                problems.add(arn + " history " + types(api, arn));
            }
        }
        List<ExecutionListItem> children = new ArrayList<>();
        String next = "";
        do {
            String page = next;
            ListExecutionsResponse r = retry(() -> api.listExecutions(ListExecutionsRequest.newBuilder()
                    .setStateMachineArn(child).setMaxResults(1000).setNextToken(page).build()));
            children.addAll(r.getExecutionsList());
            next = r.getNextToken();
        } while (!next.isEmpty());
        for (ExecutionListItem c : children) {
            if (!types(api, c.getExecutionArn()).equals(CHILD_HISTORY)) {
                problems.add(c.getExecutionArn() + " history " + types(api, c.getExecutionArn()));
            }
        }
        worker.shutdownNow();
        worker.awaitTermination(java.time.Duration.ofSeconds(30));
        channel.shutdownNow();
        broker.stop();
        if (!problems.isEmpty()) {
            java.nio.file.Files.copy(broker.log(), Path.of("target", "nested-crash-broker.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.printf("nested crash safety: kills=%d parents=%d children=%d problems=%d%n", KILLS, PARENTS,
                children.size(), problems.size());
        assertThat(problems).as("parents that did not succeed once with their child's output").isEmpty();
        assertThat(children).as("one child per parent").hasSize(PARENTS);
    }

    static DescribeExecutionResponse describe(StepFunctionsGrpc.StepFunctionsBlockingStub api, String arn) {
        return retry(() -> api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(arn).build()));
    }

    static List<String> types(StepFunctionsGrpc.StepFunctionsBlockingStub api, String arn) {
        return retry(() -> api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(arn)
                .setMaxResults(1000).build())).getEventsList().stream().map(HistoryEvent::getType).toList();
    }
}
