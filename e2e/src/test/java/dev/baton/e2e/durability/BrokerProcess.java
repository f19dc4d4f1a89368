package dev.baton.e2e.durability;

import dev.baton.proto.v1.StepFunctionsGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The broker as a separate JVM on a fixed port and data directory, to be killed with SIGKILL and
 * started again. Once told of an activity only it knows, it checks on each start that the broker
 * answering on the port is ours.
 */
final class BrokerProcess {
    private final Path dataDir;
    private final int port;
    private Process process;
    /** Once set: an activity only our broker knows, to tell it from another process on the port. */
    volatile String ownActivity;

    BrokerProcess(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    int port() {
        return port;
    }

    Path log() {
        return dataDir.resolve("broker.log");
    }

    /** Starts the broker and returns once it serves. */
    void start() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", classpath,
                "-DBATON_LOG_LEVEL=WARN", "-Dlogback.configurationFile=baton-logback.xml",
                "dev.baton.broker.BrokerMain", "--data-dir", dataDir.toString(), "--grpc-port", Integer.toString(port),
                "--http-port", "-1")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dataDir.toFile(), "broker.log")))
                .start();
        ManagedChannel probe = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    var status = HealthGrpc.newBlockingStub(probe).withDeadlineAfter(1, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance()).getStatus();
                    if (status == HealthCheckResponse.ServingStatus.SERVING) {
                        // Make sure the broker answering is ours, not another process that took the port.
                        if (!process.isAlive() || (ownActivity != null && !isOurs(probe))) {
                            throw new IllegalStateException("another process answers on port " + port
                                    + "; see " + log());
                        }
                        return;
                    }
                } catch (StatusRuntimeException e) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the broker exited with " + process.exitValue()
                                + "; see " + log());
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not become healthy in 60 s");
                }
                Thread.sleep(50);
            }
        } finally {
            probe.shutdownNow();
        }
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** A graceful stop. */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private boolean isOurs(ManagedChannel probe) {
        try {
            StepFunctionsGrpc.newBlockingStub(probe).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .describeActivity(dev.baton.proto.v1.DescribeActivityRequest.newBuilder().setActivityArn(ownActivity).build());
            return true;
        } catch (StatusRuntimeException e) {
            return false;
        }
    }
}
