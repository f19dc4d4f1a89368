package dev.baton.broker.lifecycle;

import dev.baton.broker.BrokerFixture;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import static org.assertj.core.api.Assertions.assertThat;
import dev.baton.broker.Broker;
import dev.baton.broker.BrokerConfig;
import java.net.ServerSocket;

/** Found by review: what the broker accepts it can read back, restart on, and a failed start cleans up. */
class StartAndRecoveryTest {
    @TempDir
    Path dir;

    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void anInputAsDeepAsTheApiAcceptsCanBeReadBackAndSurvivesARestart() throws Exception {
        BrokerFixture fx = new BrokerFixture(dir);
        try {
            String activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("work").build()).getActivityArn();
            String sm = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("sm").setDefinition("""
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(activity))
                    .build()).getStateMachineArn();
            String exec = fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName("deep")
                    .setInput(nested(254)).build()).getExecutionArn();
            assertThat(fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build())
                    .getStatus()).isEqualTo("RUNNING");
            fx.stop();
            fx.start(); // recovery reads the snapshot of every execution with an open task
            assertThat(fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build())
                    .getInput()).isEqualTo(nested(254));
        } finally {
            fx.stop();
        }
    }

    static long batonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("baton-commit") || t.getName().startsWith("baton-poll-timer")
                        || t.getName().startsWith("baton-runtime") || t.getName().startsWith("baton-timers"))
                .count();
    }

    @Test
    void aStartThatFailsLeavesNoThreadBehind() throws Exception {
        long before = batonThreads();
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            BrokerConfig config = BrokerConfig.builder().dataDir(dir).grpcPort(taken.getLocalPort()).httpPort(-1).build();
            org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> Broker.start(config));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> batonThreads() == before);
    }
}
