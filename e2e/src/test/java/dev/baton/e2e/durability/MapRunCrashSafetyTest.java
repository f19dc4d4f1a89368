package dev.baton.e2e.durability;

import static dev.baton.e2e.durability.CrashSafetyTest.freePort;
import static dev.baton.e2e.durability.CrashSafetyTest.retry;
import static dev.baton.e2e.durability.CrashSafetyTest.sleepQuietly;
import static dev.baton.e2e.durability.CrashSafetyTest.startOnce;
import static dev.baton.e2e.durability.NestedCrashSafetyTest.describe;
import static dev.baton.e2e.durability.NestedCrashSafetyTest.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionResponse;
import dev.baton.proto.v1.DescribeMapRunRequest;
import dev.baton.proto.v1.DescribeMapRunResponse;
import dev.baton.proto.v1.ExecutionListItem;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.ListMapRunsRequest;
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
 * Crash safety of distributed Maps: parents run map runs whose items are child executions (each
 * runs a function on a real FunctionWorker), a few at a time, while the broker, a separate JVM, is
 * killed with SIGKILL again and again. Afterwards every parent has succeeded once with every item's
 * output in order, and every map run has exactly one child per item, each with a clean history: a
 * crash between a parent's decision and a child's start, or between a child's end and its parent
 * hearing of it, neither loses nor duplicates a child.
 */
class MapRunCrashSafetyTest {
    static final int KILLS = Integer.getInteger("baton.crash.maprun.kills", 6);
    static final int PARENTS = Integer.getInteger("baton.crash.maprun.parents", 12);
    static final int ITEMS = 8;
    static final List<String> CHILD_HISTORY = List.of("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
            "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killedBrokersNeitherLoseNorDuplicateMapRunChildren() throws Exception {
        BrokerProcess broker = new BrokerProcess(dataDir, freePort());
        broker.start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", broker.port()).usePlaintext().build();
        var api = StepFunctionsGrpc.newBlockingStub(channel);
        broker.ownActivity = retry(() -> api.createActivity(CreateActivityRequest.newBuilder().setName("marker").build()))
                .getActivityArn();
        String parent = retry(() -> api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("fan")
                .setDefinition("""
                        {"StartAt":"Fan","States":{"Fan":{"Type":"Map","MaxConcurrency":3,"ItemsPath":"$.items",
                          "ItemSelector":{"n.$":"$$.Map.Item.Value"},"End":true,
                          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                            "StartAt":"Double","States":{"Double":{"Type":"Task",
                              "Resource":"arn:aws:lambda:us-east-1:123456789012:function:double","End":true}}}}}}""")
                .build())).getStateMachineArn();
        FunctionWorker worker = FunctionWorker.builder(channel).functionName("double")
                .jsonHandler((payload, context) -> JSON.getNodeFactory().numberNode(2 * payload.path("n").asInt()))
                .maxConcurrentTasks(8).build().start();

        Thread starter = Thread.ofPlatform().name("starter").start(() -> {
            for (int i = 0; i < PARENTS; i++) {
                String input = items(i);
                int n = i;
                startOnce(api, StartExecutionRequest.newBuilder().setStateMachineArn(parent)
                        .setName("p-" + n).setInput(input).build());
                sleepQuietly(20);
            }
        });
        Random random = new Random(11);
        for (int kills = 0; kills < KILLS; kills++) {
            Thread.sleep(300 + random.nextInt(700));
            broker.kill();
            broker.start();
        }
        starter.join(TimeUnit.MINUTES.toMillis(3));

        List<String> problems = new ArrayList<>();
        int children = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        for (int i = 0; i < PARENTS; i++) {
            String arn = parent.replace(":stateMachine:", ":execution:") + ":p-" + i;
            DescribeExecutionResponse d = describe(api, arn);
            while (d.getStatus().equals("RUNNING") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                d = describe(api, arn);
            }
            if (!d.getStatus().equals("SUCCEEDED") || !d.getOutput().equals(doubled(i))) {
                problems.add(arn + " " + d.getStatus() + " " + d.getOutput() + " " + d.getCause());
                continue;
            }
            var runs = retry(() -> api.listMapRuns(ListMapRunsRequest.newBuilder().setExecutionArn(arn).build()))
                    .getMapRunsList();
            if (runs.size() != 1) {
                problems.add(arn + " has " + runs.size() + " map runs");
                continue;
            }
            String mapRun = runs.getFirst().getMapRunArn();
            List<ExecutionListItem> kids = retry(() -> api.listExecutions(ListExecutionsRequest.newBuilder()
                    .setMapRunArn(mapRun).setMaxResults(1000).build())).getExecutionsList();
            children += kids.size();
            if (kids.size() != ITEMS) {
                problems.add(mapRun + " has " + kids.size() + " children");
            }
            for (ExecutionListItem kid : kids) {
                List<String> types = types(api, kid.getExecutionArn());
                if (!types.equals(CHILD_HISTORY)) {
                    problems.add(kid.getExecutionArn() + " history " + types);
                }
            }
            DescribeMapRunResponse run = retry(() -> api.describeMapRun(DescribeMapRunRequest.newBuilder()
                    .setMapRunArn(mapRun).build()));
            if (!run.getStatus().equals("SUCCEEDED") || run.getItemCounts().getSucceeded() != ITEMS
                    || run.getExecutionCounts().getTotal() != ITEMS) {
                problems.add(mapRun + " " + run);
            }
        }
        worker.shutdownNow();
        worker.awaitTermination(java.time.Duration.ofSeconds(30));
        channel.shutdownNow();
        broker.stop();
        if (!problems.isEmpty()) {
            java.nio.file.Files.copy(broker.log(), Path.of("target", "maprun-crash-broker.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.printf("map run crash safety: kills=%d parents=%d children=%d problems=%d%n", KILLS, PARENTS,
                children, problems.size());
        assertThat(problems).as("parents, map runs and children that did not end as they would have").isEmpty();
        assertThat(children).as("one child per item").isEqualTo(PARENTS * ITEMS);
    }

    private static String items(int parent) {
        List<String> values = new ArrayList<>();
        for (int k = 0; k < ITEMS; k++) {
            values.add(Integer.toString(parent * 100 + k));
        }
        return "{\"items\":[" + String.join(",", values) + "]}";
    }

    private static String doubled(int parent) {
        List<String> values = new ArrayList<>();
        for (int k = 0; k < ITEMS; k++) {
            values.add(Integer.toString(2 * (parent * 100 + k)));
        }
        return "[" + String.join(",", values) + "]";
    }
}
