package dev.baton.e2e.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StepFunctionsGrpc;
import dev.baton.worker.ActivityWorker;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety (issue 6): the broker runs as a separate JVM and is killed with SIGKILL again and again
 * while executions are in flight with real workers; each time it is restarted on the same data
 * directory. Afterwards every started execution has ended exactly once with the right output, and no
 * history holds a duplicated transition.
 */
class CrashSafetyTest {
    /** At least 20 (issue 6); a longer soak: -Dbaton.crash.kills=100 -Dbaton.crash.executions=2000. */
    static final int KILLS = Integer.getInteger("baton.crash.kills", 20);
    static final int EXECUTIONS = Integer.getInteger("baton.crash.executions", 300);
    static final List<String> EXPECTED_HISTORY = List.of("ExecutionStarted", "TaskStateEntered", "ActivityScheduled",
            "ActivityStarted", "ActivitySucceeded", "TaskStateExited", "PassStateEntered", "PassStateExited",
            "ExecutionSucceeded");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    BrokerProcess broker;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killedBrokersLoseNothingAndDoNothingTwice() throws Exception {
        broker = new BrokerProcess(dataDir, freePort());
        broker.start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", broker.port()).usePlaintext()
                .enableRetry().build();
        var api = StepFunctionsGrpc.newBlockingStub(channel);
        String activity = retry(() -> api.createActivity(CreateActivityRequest.newBuilder().setName("double").build()))
                .getActivityArn();
        broker.ownActivity = activity;
        String sm = retry(() -> api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("crash")
                .setDefinition("""
                        {"StartAt":"Double","States":{
                          "Double":{"Type":"Task","Resource":"%s","ResultPath":"$.result","Next":"Done"},
                          "Done":{"Type":"Pass","End":true}}}""".formatted(activity)).build())).getStateMachineArn();

        AtomicLong handled = new AtomicLong();
        List<ActivityWorker> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            workers.add(ActivityWorker.builder(channel).activityArn(activity)
                    .jsonHandler((input, context) -> {
                        handled.incrementAndGet();
                        int n = input.get("n").asInt();
                        return JSON.createObjectNode().put("double", 2 * n);
                    })
                    .workerName("worker-" + i).maxConcurrentTasks(8).build().start());
        }

        AtomicInteger started = new AtomicInteger();
        String[] howStarted = new String[EXECUTIONS];
        Thread starter = Thread.ofPlatform().name("starter").start(() -> {
            for (int i = 0; i < EXECUTIONS; i++) {
                int n = i;
                howStarted[n] = startOnce(api, StartExecutionRequest.newBuilder().setStateMachineArn(sm)
                        .setName("e-" + n).setInput("{\"n\":" + n + "}").build());
                started.incrementAndGet();
                sleepQuietly(5);
            }
        });

        Random random = new Random(42);
        int kills = 0;
        while (kills < KILLS) {
            Thread.sleep(300 + random.nextInt(900));
            broker.kill();
            kills++;
            broker.start();
        }
        starter.join(TimeUnit.MINUTES.toMillis(3));
        assertThat(started.get()).isEqualTo(EXECUTIONS);

        int lost = 0;
        int duplicated = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        for (int i = 0; i < EXECUTIONS; i++) {
            String arn = sm.replace(":stateMachine:", ":execution:") + ":e-" + i;
            dev.baton.proto.v1.DescribeExecutionResponse found;
            try {
                found = retry(() -> api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(arn).build()));
            } catch (StatusRuntimeException e) {
                lost++;
                System.out.println("LOST " + arn + " (" + e.getStatus().getCode() + "), started as: " + howStarted[i]);
                continue;
            }
            var described = found;
            while (described.getStatus().equals("RUNNING") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                described = retry(() -> api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(arn).build()));
            }
            JsonNode output = described.hasOutput() ? JSON.readTree(described.getOutput()) : null;
            if (!described.getStatus().equals("SUCCEEDED") || output == null
                    || output.path("result").path("double").asInt(-1) != 2 * i || output.path("n").asInt(-1) != i) {
                lost++;
                System.out.println("LOST " + arn + " " + described.getStatus() + " " + described.getOutput());
            }
            var events = retry(() -> api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(arn)
                    .setMaxResults(1000).build())).getEventsList();
            List<String> types = events.stream().map(HistoryEvent::getType).toList();
            List<Integer> ids = events.stream().map(HistoryEvent::getId).toList();
            if (!types.equals(EXPECTED_HISTORY) || !ids.equals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9))) {
                duplicated++;
                System.out.println("HISTORY " + arn + " " + types);
            }
        }
        System.out.printf("crash safety: kills=%d executions=%d lost=%d duplicated=%d handler-runs=%d (re-runs after"
                + " crashes: %d)%n", kills, EXECUTIONS, lost, duplicated, handled.get(), handled.get() - EXECUTIONS);

        for (ActivityWorker w : workers) {
            w.shutdownNow();
        }
        channel.shutdownNow();
        broker.stop();

        if (lost + duplicated > 0) {
            java.nio.file.Files.copy(broker.log(), Path.of("target", "crash-broker.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(kills).isGreaterThanOrEqualTo(20);
        assertThat(lost).as("executions lost or wrong").isZero();
        assertThat(duplicated).as("histories with duplicated transitions").isZero();
    }

    /** Retries a call while the broker is down or restarting. */
    static <T> T retry(java.util.function.Supplier<T> call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                return call.get();
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                if ((code != Status.Code.UNAVAILABLE && code != Status.Code.DEADLINE_EXCEEDED
                        && code != Status.Code.UNKNOWN && code != Status.Code.CANCELLED) || System.nanoTime() > deadline) {
                    throw e;
                }
                sleepQuietly(100);
            }
        }
    }

    /**
     * Starts an execution, retrying while the broker restarts. Its ARN, or, when a start made before a
     * crash already created it (ALREADY_EXISTS: the start was not lost), a note saying so.
     */
    static String startOnce(dev.baton.proto.v1.StepFunctionsGrpc.StepFunctionsBlockingStub api,
                            StartExecutionRequest request) {
        return retry(() -> {
            try {
                return api.startExecution(request).getExecutionArn();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
                    return "already exists: " + e.getStatus().getDescription();
                }
                throw e;
            }
        });
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A free port below the kernel's ephemeral range, so that no other process is handed it (as an
     * ephemeral port) while the broker is down between a kill and its restart.
     */
    static int freePort() throws IOException {
        Random random = new Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 20000 + random.nextInt(10000);
            try (ServerSocket s = new ServerSocket(candidate, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port found in 20000-29999");
    }
}
