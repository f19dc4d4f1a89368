package dev.baton.broker;

import dev.baton.proto.v1.AwsError;
import dev.baton.proto.v1.StepFunctionsGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real broker on free ports with its own data directory, and a gRPC channel to it. */
public final class BrokerFixture implements AutoCloseable {
    public final Path dataDir;
    public Broker broker;
    public ManagedChannel channel;
    public StepFunctionsGrpc.StepFunctionsBlockingStub api;
    private final Duration pollTimeout;
    private final java.time.InstantSource clock;
    /** Most executions the broker keeps in memory (tests lower it to exercise eviction). */
    private final int maxCachedExecutions;

    public BrokerFixture(Path dataDir) throws IOException {
        this(dataDir, BrokerConfig.DEFAULT_POLL_TIMEOUT);
    }

    public BrokerFixture(Path dataDir, Duration pollTimeout) throws IOException {
        this(dataDir, pollTimeout, java.time.InstantSource.system());
    }

    /** A broker whose clock the test controls (timers fire when the test moves it). */
    public BrokerFixture(Path dataDir, Duration pollTimeout, java.time.InstantSource clock) throws IOException {
        this(dataDir, pollTimeout, clock, dev.baton.broker.runtime.ExecutionRuntime.DEFAULT_MAX_CACHED_EXECUTIONS);
    }

    public BrokerFixture(Path dataDir, Duration pollTimeout, java.time.InstantSource clock, int maxCachedExecutions)
            throws IOException {
        this.dataDir = dataDir;
        this.pollTimeout = pollTimeout;
        this.clock = clock;
        this.maxCachedExecutions = maxCachedExecutions;
        start();
    }

    /** Starts (or restarts) the broker on the same data directory. */
    public void start() throws IOException {
        broker = Broker.start(BrokerConfig.builder().dataDir(dataDir).grpcPort(0).httpPort(-1)
                .pollTimeout(pollTimeout).clock(clock).maxCachedExecutions(maxCachedExecutions).build());
        channel = NettyChannelBuilder.forAddress("127.0.0.1", broker.grpcPort()).usePlaintext().build();
        api = StepFunctionsGrpc.newBlockingStub(channel);
    }

    /** Stops the broker gracefully. */
    public void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        broker.close();
    }

    /** The AWS error name carried by a failed call. */
    public static String awsError(StatusRuntimeException e) {
        var status = StatusProto.fromThrowable(e);
        if (status == null) {
            return null;
        }
        for (var any : status.getDetailsList()) {
            if (any.is(AwsError.class)) {
                try {
                    return any.unpack(AwsError.class).getErrorName();
                } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
