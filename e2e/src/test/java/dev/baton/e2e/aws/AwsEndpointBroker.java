package dev.baton.e2e.aws;

import dev.baton.broker.Broker;
import dev.baton.broker.BrokerConfig;
import dev.baton.proto.v1.StepFunctionsGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A real broker on free ports with a temporary data directory, an AWS SDK client configured as a user would
 * (only the endpoint changed) and a gRPC stub, to compare what both APIs show.
 */
final class AwsEndpointBroker implements AutoCloseable {

    /** AWS advises a socket timeout above GetActivityTask's 60 s long poll. */
    static final Duration LONG_POLL_SOCKET_TIMEOUT = Duration.ofSeconds(70);

    final Broker broker;
    final SfnClient sfn;
    final StepFunctionsGrpc.StepFunctionsBlockingStub grpc;
    private final ManagedChannel channel;

    private AwsEndpointBroker(Broker broker) {
        this.broker = broker;
        this.sfn = sfnClient(c -> {});
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", broker.grpcPort()).usePlaintext().build();
        this.grpc = StepFunctionsGrpc.newBlockingStub(channel);
    }

    static AwsEndpointBroker start(Path dataDir, Duration pollTimeout) throws IOException {
        return new AwsEndpointBroker(Broker.start(BrokerConfig.builder()
                .dataDir(dataDir).grpcPort(0).httpPort(0).pollTimeout(pollTimeout).build()));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + broker.httpPort());
    }

    /** An SDK client for this broker; {@code override} adds client options. The caller closes it. */
    SfnClient sfnClient(Consumer<ClientOverrideConfiguration.Builder> override) {
        return SfnClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                // Signed as for AWS; Baton does not check signatures.
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("baton-e2e", "not-checked")))
                .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(LONG_POLL_SOCKET_TIMEOUT))
                .overrideConfiguration(c -> {
                    c.apiCallAttemptTimeout(LONG_POLL_SOCKET_TIMEOUT);
                    override.accept(c);
                })
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        sfn.close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        broker.close();
    }
}
