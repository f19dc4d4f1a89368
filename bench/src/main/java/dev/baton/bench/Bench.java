package dev.baton.bench;

import dev.baton.broker.Broker;
import dev.baton.broker.BrokerConfig;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.DefinitionResult;
import dev.baton.broker.definition.Definitions;
import dev.baton.broker.definition.model.StateMachine;
import dev.baton.broker.interpreter.Decision;
import dev.baton.broker.interpreter.ExecutionSnapshot;
import dev.baton.broker.interpreter.Interpreter;
import dev.baton.broker.interpreter.TaskTokens;
import dev.baton.broker.interpreter.Trigger;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StartExecutionResponse;
import dev.baton.proto.v1.StepFunctionsGrpc;
import dev.baton.worker.ActivityWorker;
import dev.baton.worker.ActivityWorkerListener;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Baton's benchmarks (issue 6): runnable, printing figures; not tests. Each scenario starts its own
 * broker in this JVM (durable H2 storage in a temporary directory, gRPC on loopback), so the broker,
 * its clients and its workers share the machine, as the targets assume.
 *
 * <pre>
 * bench/run [a|b|c|d|all] [--seconds N]
 *   a  executions/s of Task(activity) -> Pass, 4 workers, 64 executions in flight
 *   b  latency start -> worker receives the task, start -> execution complete; one in flight (p50/p99)
 *   c  durable transitions/s of a 10-Pass-state machine, 64 executions in flight
 *   d  in-memory interpreter alone on a 1000-state Pass chain (transitions/s)
 * </pre>
 */
public final class Bench {
    static final int IN_FLIGHT = 64;
    static final int WORKERS = 4;

    private Bench() {
    }

    /** CPU time of this process so far (all threads: broker, workers, clients), in nanoseconds. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        String which = "all";
        int seconds = 20;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seconds")) {
                seconds = Integer.parseInt(args[++i]);
            } else {
                which = args[i];
            }
        }
        System.out.printf("Baton benchmarks: %d cores, Java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        if (which.equals("all") || which.equals("d")) {
            interpreterOnly(seconds);
        }
        if (which.equals("all") || which.equals("c")) {
            passChainDurable(seconds);
        }
        if (which.equals("all") || which.equals("b")) {
            latency(seconds);
        }
        if (which.equals("all") || which.equals("a")) {
            activityThroughput(seconds);
        }
        System.exit(0);
    }

    // ---- d) the interpreter alone ----

    static void interpreterOnly(int seconds) {
        int states = 1000;
        StateMachine machine = load(passChain(states));
        Interpreter interpreter = new Interpreter(new TaskTokens(new byte[32]));
        ExecutionSnapshot fresh = Interpreter.newExecution(1, "arn:aws:states:us-east-1:123456789012:execution:b:e",
                "e", "arn:aws:states:us-east-1:123456789012:stateMachine:b", "b", "arn:aws:iam::123456789012:role/r",
                Json.MAPPER.createObjectNode().put("k", 1), "{\"k\":1}", 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(3, seconds / 4));
        while (System.nanoTime() < deadline) { // warm-up
            interpreter.decide(machine, fresh, new Trigger.Start(), 0);
        }
        long runs = 0;
        long start = System.nanoTime();
        deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        long blackhole = 0;
        while (System.nanoTime() < deadline) {
            Decision d = interpreter.decide(machine, fresh, new Trigger.Start(), 0);
            blackhole += d.events().size();
            runs++;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("d) interpreter only, %d-state Pass chain: %,d transitions in %.1f s = %,.0f transitions/s"
                + " (%,d events)%n", states, runs * states, secs, runs * states / secs, blackhole);
    }

    // ---- c) durable Pass chain ----

    static void passChainDurable(int seconds) throws Exception {
        try (Env env = new Env()) {
            String sm = env.createStateMachine("chain10", passChain(10));
            var stub = StepFunctionsGrpc.newStub(env.channel);
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            AtomicLong done = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            run(seconds / 4, inFlight, () -> startAsync(stub, sm, inFlight, null, failure));
            long before = done.get();
            long cpu = cpuNanos();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline && failure.get() == null) {
                inFlight.acquire();
                startAsync(stub, sm, inFlight, done, failure);
            }
            inFlight.acquire(IN_FLIGHT);
            double secs = (System.nanoTime() - start) / 1e9;
            long executions = done.get() - before;
            double cpuMicros = (cpuNanos() - cpu) / 1e3 / executions;
            check(failure);
            System.out.printf("c) durable 10-Pass machine, %d in flight: %,d executions in %.1f s = %,.0f executions/s"
                    + " = %,.0f transitions/s; CPU %.0f us per execution (%.0f us per transition)%n", IN_FLIGHT,
                    executions, secs, executions / secs, executions * 10 / secs, cpuMicros, cpuMicros / 10);
        }
    }

    private static void startAsync(StepFunctionsGrpc.StepFunctionsStub stub, String sm, Semaphore inFlight,
                                   AtomicLong done, AtomicReference<Throwable> failure) {
        stub.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setInput("{\"k\":1}").build(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(StartExecutionResponse value) {
                        if (done != null) {
                            done.incrementAndGet();
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        failure.compareAndSet(null, t);
                        inFlight.release();
                    }

                    @Override
                    public void onCompleted() {
                        inFlight.release();
                    }
                });
    }

    /** Runs a warm-up loop for {@code seconds}. */
    private static void run(int seconds, Semaphore inFlight, Runnable start) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(2, seconds));
        while (System.nanoTime() < deadline) {
            inFlight.acquire();
            start.run();
        }
        inFlight.acquire(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);
    }

    // ---- b) latency ----

    static void latency(int seconds) throws Exception {
        try (Env env = new Env()) {
            String activity = env.createActivity("latency");
            String sm = env.createStateMachine("latency", taskThenPass(activity));
            AtomicLong received = new AtomicLong();
            AtomicReference<CountDownLatch> completed = new AtomicReference<>();
            ActivityWorker worker = ActivityWorker.builder(env.channel).activityArn(activity)
                    .jsonHandler((input, context) -> {
                        received.set(System.nanoTime());
                        return input;
                    })
                    .maxConcurrentTasks(1).pollers(1)
                    .listener(new ActivityWorkerListener() {
                        @Override
                        public void taskSucceeded(String activityArn, Duration duration) {
                            completed.get().countDown();
                        }
                    })
                    .build().start();
            try {
                var api = StepFunctionsGrpc.newBlockingStub(env.channel);
                List<Long> toWorker = new ArrayList<>();
                List<Long> toComplete = new ArrayList<>();
                long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(2, seconds / 4));
                long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
                while (System.nanoTime() < end) {
                    CountDownLatch latch = new CountDownLatch(1);
                    completed.set(latch);
                    long t0 = System.nanoTime();
                    api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setInput("{\"k\":1}").build());
                    if (!latch.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("an execution did not complete within 30 s");
                    }
                    long t2 = System.nanoTime();
                    if (t0 > warmupEnd) {
                        toWorker.add(received.get() - t0);
                        toComplete.add(t2 - t0);
                    }
                }
                System.out.printf("b) latency, one execution in flight (%,d executions): start -> worker receives task"
                                + " p50 %.2f ms p99 %.2f ms; start -> execution complete p50 %.2f ms p99 %.2f ms%n",
                        toWorker.size(), pct(toWorker, 50), pct(toWorker, 99), pct(toComplete, 50), pct(toComplete, 99));
            } finally {
                worker.shutdownNow();
                worker.awaitTermination(Duration.ofSeconds(5));
            }
        }
    }

    // ---- a) activity throughput ----

    static void activityThroughput(int seconds) throws Exception {
        try (Env env = new Env()) {
            String activity = env.createActivity("throughput");
            String sm = env.createStateMachine("throughput", taskThenPass(activity));
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            AtomicLong completed = new AtomicLong();
            List<ActivityWorker> workers = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", env.broker.grpcPort()).usePlaintext().build();
                workers.add(ActivityWorker.builder(ch).activityArn(activity)
                        .jsonHandler((input, context) -> input)
                        .workerName("w" + i)
                        .maxConcurrentTasks(IN_FLIGHT / WORKERS).pollers(IN_FLIGHT / WORKERS)
                        .listener(new ActivityWorkerListener() {
                            @Override
                            public void taskSucceeded(String activityArn, Duration duration) {
                                completed.incrementAndGet();
                                inFlight.release();
                            }
                        })
                        .build().start());
            }
            try {
                var stub = StepFunctionsGrpc.newStub(env.channel);
                AtomicReference<Throwable> failure = new AtomicReference<>();
                long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(2, seconds / 4));
                while (System.nanoTime() < warmupEnd) {
                    inFlight.acquire();
                    startOnly(stub, sm, inFlight, failure);
                }
                long before = completed.get();
                long cpu = cpuNanos();
                long start = System.nanoTime();
                long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
                while (System.nanoTime() < deadline && failure.get() == null) {
                    inFlight.acquire();
                    startOnly(stub, sm, inFlight, failure);
                }
                double secs = (System.nanoTime() - start) / 1e9;
                long executions = completed.get() - before;
                double cpuMicros = (cpuNanos() - cpu) / 1e3 / executions;
                if (!inFlight.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("executions still in flight after 60 s");
                }
                check(failure);
                long succeeded = env.count(sm, "SUCCEEDED");
                long total = env.count(sm, "");
                System.out.printf("a) Task(activity) -> Pass, %d workers, %d in flight: %,d executions in %.1f s ="
                                + " %,.0f executions/s; CPU %.0f us per execution, broker and workers together"
                                + " (check: %,d of %,d executions SUCCEEDED)%n", WORKERS, IN_FLIGHT,
                        executions, secs, executions / secs, cpuMicros, succeeded, total);
            } finally {
                for (ActivityWorker w : workers) {
                    w.shutdownNow();
                }
            }
        }
    }

    private static void startOnly(StepFunctionsGrpc.StepFunctionsStub stub, String sm, Semaphore inFlight,
                                  AtomicReference<Throwable> failure) {
        stub.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setInput("{\"k\":1}").build(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(StartExecutionResponse value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        failure.compareAndSet(null, t);
                        inFlight.release();
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
    }

    // ---- helpers ----

    static String passChain(int states) {
        StringBuilder sb = new StringBuilder("{\"StartAt\":\"S0\",\"States\":{");
        for (int i = 0; i < states; i++) {
            sb.append(i == 0 ? "" : ",").append("\"S").append(i).append("\":{\"Type\":\"Pass\",");
            sb.append(i == states - 1 ? "\"End\":true}" : "\"Next\":\"S" + (i + 1) + "\"}");
        }
        return sb.append("}}").toString();
    }

    static String taskThenPass(String activity) {
        return """
                {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","Next":"Done"},
                 "Done":{"Type":"Pass","End":true}}}""".formatted(activity);
    }

    static StateMachine load(String definition) {
        DefinitionResult r = Definitions.load(definition);
        if (!r.ok()) {
            throw new IllegalStateException(r.invalidDefinitionMessage());
        }
        return r.stateMachine();
    }

    static double pct(List<Long> nanos, int percentile) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    static void check(AtomicReference<Throwable> failure) {
        if (failure.get() != null) {
            throw new IllegalStateException("a call failed during the run", failure.get());
        }
    }

    /** A broker on free ports with a temporary data directory, and a channel to it. */
    static final class Env implements AutoCloseable {
        final Path dir;
        final Broker broker;
        final ManagedChannel channel;
        final StepFunctionsGrpc.StepFunctionsBlockingStub api;

        Env() throws Exception {
            dir = Files.createTempDirectory("baton-bench");
            broker = Broker.start(BrokerConfig.builder().dataDir(dir).grpcPort(0).httpPort(-1).build());
            channel = NettyChannelBuilder.forAddress("127.0.0.1", broker.grpcPort()).usePlaintext().build();
            api = StepFunctionsGrpc.newBlockingStub(channel);
        }

        String createActivity(String name) {
            return api.createActivity(CreateActivityRequest.newBuilder().setName(name).build()).getActivityArn();
        }

        String createStateMachine(String name, String definition) {
            return api.createStateMachine(CreateStateMachineRequest.newBuilder().setName(name).setDefinition(definition)
                    .build()).getStateMachineArn();
        }

        long count(String sm, String status) {
            long n = 0;
            String token = "";
            do {
                var page = api.listExecutions(ListExecutionsRequest.newBuilder().setStateMachineArn(sm)
                        .setStatusFilter(status).setMaxResults(1000).setNextToken(token).build());
                n += page.getExecutionsCount();
                token = page.getNextToken();
            } while (!token.isEmpty());
            return n;
        }

        @Override
        public void close() throws Exception {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            broker.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
