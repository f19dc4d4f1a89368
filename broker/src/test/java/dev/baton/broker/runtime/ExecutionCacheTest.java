package dev.baton.broker.runtime;

import dev.baton.broker.BrokerFixture;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The runtime keeps a bounded number of executions in memory; evicted ones continue from the database. */
class ExecutionCacheTest {
    static final int LIMIT = 5;

    @TempDir
    Path dir;

    @Test
    void idleExecutionsBeyondTheLimitAreEvictedAndStillComplete() throws Exception {
        try (BrokerFixture fx = new BrokerFixture(dir, Duration.ofSeconds(1), java.time.InstantSource.system(), LIMIT)) {
            String activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("a").build()).getActivityArn();
            String sm = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("sm").setDefinition("""
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","ResultPath":"$.r","End":true}}}"""
                    .formatted(activity)).build()).getStateMachineArn();
            List<String> executions = new ArrayList<>();
            AtomicInteger n = new AtomicInteger();
            // Eviction runs at most once a second, after a commit: keep starting executions until it has.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                executions.add(fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm)
                        .setName("e" + n.getAndIncrement()).setInput("{\"i\":" + n.get() + "}").build()).getExecutionArn());
                return executions.size() > 2 * LIMIT && fx.broker.cachedExecutionsForTests() <= LIMIT;
            });

            for (int i = 0; i < executions.size(); i++) {
                var task = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());
                assertThat(task.getTaskToken()).isNotEmpty();
                fx.api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(task.getTaskToken())
                        .setOutput("\"done\"").build());
            }
            for (String exec : executions) {
                var d = fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build());
                assertThat(d.getStatus()).as(exec).isEqualTo("SUCCEEDED");
                assertThat(d.getOutput()).endsWith(",\"r\":\"done\"}");
            }
        }
    }
}
