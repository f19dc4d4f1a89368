package dev.baton.broker.lifecycle;

import dev.baton.broker.Broker;
import dev.baton.broker.BrokerConfig;
import dev.baton.broker.BrokerFixture;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Found by review: a broker that fails to start (its port is taken) after a crash writes the clean-shutdown
 * marker in its close(); the next start then believes the previous run stopped gracefully and does not
 * offer again the tasks that were handed out before the crash.
 */
class FailedStartMarkerTest {
    @TempDir
    Path dir;

    @Test
    void aStartThatFailsAfterACrashDoesNotHideTheCrashFromTheNextStart() throws Exception {
        BrokerFixture fx = new BrokerFixture(dir, Duration.ofSeconds(2));
        String activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("work").build()).getActivityArn();
        String sm = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("sm").setDefinition("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(activity))
                .build()).getStateMachineArn();
        fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName("e").build());
        var lost = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());
        assertThat(lost.getTaskToken()).isNotEmpty();
        fx.stop();
        // What a crash leaves behind: no marker of a graceful stop (as RestartTest simulates it).
        Files.delete(dir.resolve("clean-shutdown"));

        // The operator restarts it, but the gRPC port is taken: start-up fails.
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> Broker.start(BrokerConfig.builder().dataDir(dir).grpcPort(taken.getLocalPort())
                    .httpPort(-1).pollTimeout(Duration.ofSeconds(2)).build())).isInstanceOf(IOException.class);
        }
        boolean markerAfterFailedStart = Files.exists(dir.resolve("clean-shutdown"));

        // Started again properly: the task lost in the crash must be offered again.
        fx.start();
        try {
            var again = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder().setActivityArn(activity).build());
            org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
            soft.assertThat(markerAfterFailedStart).as("a failed start is not a graceful stop: no marker").isFalse();
            soft.assertThat(again.getTaskToken()).as("the task handed out before the crash is offered again")
                    .isEqualTo(lost.getTaskToken());
            soft.assertAll();
        } finally {
            fx.stop();
        }
    }
}
