package dev.baton.samples.hello;

import dev.baton.broker.Broker;
import dev.baton.broker.BrokerConfig;
import dev.baton.worker.ActivityWorker;
import dev.baton.worker.client.BatonClient;
import dev.baton.worker.client.Execution;
import dev.baton.worker.client.ExecutionStatus;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample, end to end: a real broker, the sample's worker and starter. */
class HelloActivityTest {
    @TempDir
    Path dir;

    @Test
    void greetsThroughTheActivityWorker() throws Exception {
        try (Broker broker = Broker.start(BrokerConfig.builder().dataDir(dir).grpcPort(0).httpPort(-1).build())) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", broker.grpcPort()).usePlaintext().build();
            try (BatonClient client = BatonClient.create(channel)) {
                HelloActivity.Resources resources = HelloActivity.ensureResources(client);
                assertThat(HelloActivity.ensureResources(client)).as("setting up twice is harmless").isEqualTo(resources);
                ActivityWorker worker = HelloActivity.worker(channel, resources.activityArn()).start();
                try {
                    Execution ok = HelloActivity.greet(client, resources.stateMachineArn(), "Ada", Duration.ofSeconds(30));
                    assertThat(ok.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                    assertThat(ok.output()).contains("{\"message\":\"Hello, Ada!\",\"for\":\"Ada\"}");

                    Execution failed = HelloActivity.greet(client, resources.stateMachineArn(), " ", Duration.ofSeconds(30));
                    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
                    assertThat(failed.error()).contains("IllegalArgumentException");
                    assertThat(failed.cause()).contains("a greeting needs a name");
                } finally {
                    // Nothing is running any more: no need to wait for the polls in flight to return.
                    worker.shutdownNow();
                    worker.awaitTermination(Duration.ofSeconds(10));
                }
            } finally {
                channel.shutdownNow();
            }
        }
    }
}
