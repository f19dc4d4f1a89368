package dev.baton.broker;

import dev.baton.broker.api.aws.AwsJsonServer;
import dev.baton.broker.api.grpc.StepFunctionsService;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.DefinitionResult;
import dev.baton.broker.definition.Definitions;
import dev.baton.broker.dispatch.ActivityDispatcher;
import dev.baton.broker.interpreter.Command;
import dev.baton.broker.interpreter.Decision;
import dev.baton.broker.interpreter.ExecutionSnapshot;
import dev.baton.broker.interpreter.Interpreter;
import dev.baton.broker.interpreter.TaskTokens;
import dev.baton.broker.interpreter.Trigger;
import dev.baton.broker.persistence.ActivityRepository;
import dev.baton.broker.persistence.ActivityTaskRepository;
import dev.baton.broker.persistence.BrokerCallRepository;
import dev.baton.broker.persistence.Database;
import dev.baton.broker.persistence.DefinitionRepository;
import dev.baton.broker.persistence.ExecutionRepository;
import dev.baton.broker.persistence.MapRunRepository;
import dev.baton.broker.persistence.ExecutionStore;
import dev.baton.broker.persistence.HistoryRepository;
import dev.baton.broker.persistence.SecretRepository;
import dev.baton.broker.persistence.StateMachineRepository;
import dev.baton.broker.persistence.TimerRepository;
import dev.baton.broker.runtime.CommitPipeline;
import dev.baton.broker.runtime.DefinitionCache;
import dev.baton.broker.runtime.ExecutionRuntime;
import dev.baton.broker.service.ActivityService;
import dev.baton.broker.service.Arns;
import dev.baton.broker.service.AwsException;
import dev.baton.broker.service.ExecutionService;
import dev.baton.broker.service.MapRunService;
import dev.baton.broker.service.StateMachineService;
import dev.baton.broker.service.TaskCalls;
import dev.baton.broker.service.TaskService;
import dev.baton.broker.timers.TimerService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A running Baton broker: database, runtime, dispatcher, timers, the gRPC API and the AWS-protocol
 * HTTP endpoint. Embeddable (tests start one on free ports with a temporary data directory);
 * {@link BrokerMain} runs one from the command line.
 */
public final class Broker implements AutoCloseable {
    /** Bytes of the HMAC key that signs task tokens. */
    static final int TASK_TOKEN_KEY_BYTES = 32;
    /** File a graceful stop leaves in the data directory (see {@link #recover}). */
    static final String CLEAN_SHUTDOWN_MARKER = "clean-shutdown";
    /** How long shutdown waits for calls in progress. */
    static final long SHUTDOWN_GRACE_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final Database db;
    private final ExecutorService runtimeExecutor;
    private final CommitPipeline pipeline;
    private final ActivityDispatcher dispatcher;
    private final TimerService timers;
    private final ExecutionRuntime runtime;
    private final TaskCalls taskCalls;
    private final HealthStatusManager health = new HealthStatusManager();
    private final Server grpcServer;
    private final Server inProcessServer;
    private final ManagedChannel inProcessChannel;
    private final AwsJsonServer awsServer;
    private volatile boolean closed;
    /** Set once the broker has started serving (see {@link #CLEAN_SHUTDOWN_MARKER}). */
    private volatile boolean serving;

    private Broker(BrokerConfig config) {
        this.config = config;
        this.db = Database.openEmbedded(config.dataDir());
        // What to stop if the broker cannot be assembled (a failed start must leave no thread behind).
        java.util.ArrayDeque<Runnable> undo = new java.util.ArrayDeque<>();
        try {
            TaskTokens tokens = new TaskTokens(new SecretRepository(db).getOrCreate("task-token-key", TASK_TOKEN_KEY_BYTES));
            Arns arns = new Arns(config.region(), config.account());
            var stateMachineRepo = new StateMachineRepository(db);
            var definitionRepo = new DefinitionRepository(db);
            var executionRepo = new ExecutionRepository(db);
            var definitions = new DefinitionCache(definitionRepo, text -> {
                DefinitionResult r = Definitions.load(text);
                if (!r.ok()) {
                    throw new IllegalStateException("A stored definition no longer validates: " + r.invalidDefinitionMessage());
                }
                return r.stateMachine();
            });

            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            runtimeExecutor = Executors.newFixedThreadPool(threads, r -> Thread.ofPlatform().name("baton-runtime-", 0)
                    .daemon(true).unstarted(r));
            undo.push(runtimeExecutor::shutdownNow);
            pipeline = new CommitPipeline(new ExecutionStore(db), runtimeExecutor);
            undo.push(pipeline::close);
            runtime = new ExecutionRuntime(new Interpreter(tokens), executionRepo, definitions, pipeline, config.clock(),
                    runtimeExecutor, config.maxCachedExecutions());
            dispatcher = new ActivityDispatcher(config.clock(), config.pollTimeout(),
                    ActivityDispatcher.DEFAULT_MAX_WAITING_POLLS);
            undo.push(dispatcher::close);
            timers = new TimerService(config.clock());
            wireRuntime();

            var stateMachines = new StateMachineService(arns, config.defaultRoleArn(), stateMachineRepo, definitionRepo,
                    definitions, Broker::loadDefinition, config.clock());
            var activities = new ActivityService(arns, new ActivityRepository(db), config.clock());
            var mapRunRepo = new MapRunRepository(db);
            var executions = new ExecutionService(arns, stateMachines, executionRepo, new HistoryRepository(db),
                    mapRunRepo, definitions, runtime, config.clock());
            var tasks = new TaskService(activities, dispatcher, runtime, tokens, arns);
            taskCalls = new TaskCalls(executions, tasks, runtime, executionRepo, new BrokerCallRepository(db), mapRunRepo);
            var mapRuns = new MapRunService(arns, mapRunRepo, executionRepo, runtime);
            var api = new StepFunctionsService(stateMachines, activities, executions, tasks, mapRuns);

            recover(takeCleanShutdownMarker(config.dataDir()), executionRepo);

            grpcServer = NettyServerBuilder.forAddress(new InetSocketAddress(config.bind(), config.grpcPort()))
                    .addService(api)
                    .addService(health.getHealthService())
                    .addService(ProtoReflectionServiceV1.newInstance())
                    .permitKeepAliveTime(10, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true)
                    .build();
            String inProcessName = "baton-" + UUID.randomUUID();
            inProcessServer = InProcessServerBuilder.forName(inProcessName).addService(api).build();
            inProcessChannel = InProcessChannelBuilder.forName(inProcessName).build();
            awsServer = config.httpPort() < 0 ? null : new AwsJsonServer(config.bind(), config.httpPort(), inProcessChannel);
        } catch (RuntimeException e) {
            undo.forEach(Runnable::run);
            db.close();
            throw e;
        }
    }

    private static dev.baton.broker.definition.model.StateMachine loadDefinition(String text) {
        DefinitionResult r = Definitions.load(text);
        if (!r.ok()) {
            throw new AwsException("InvalidDefinition", r.invalidDefinitionMessage());
        }
        return r.stateMachine();
    }

    /** Connects the runtime's committed commands to the dispatcher and timers, and back. */
    private void wireRuntime() {
        runtime.setEffects(this::apply);
        dispatcher.setClaims(new ActivityDispatcher.Claims() {
            @Override
            public CompletableFuture<Boolean> claim(ActivityDispatcher.ActivityTask task, String workerName) {
                return runtime.submit(task.executionId(), new Trigger.ActivityTaskStarted(task.token(), workerName))
                        .thenApply(Decision::accepted);
            }

            @Override
            public void giveBack(ActivityDispatcher.ActivityTask task) {
                giveBack(task, 1);
            }

            /**
             * Records that the task went back to its queue. If that write fails the task would be started
             * with no worker and in no queue, so it is tried again (1 s, doubling to 30 s) until it is
             * recorded or the broker stops.
             */
            private void giveBack(ActivityDispatcher.ActivityTask task, int attempt) {
                runtime.submit(task.executionId(), new Trigger.ActivityTaskReturned(task.token())).whenComplete((d, e) -> {
                    if (e != null && !closed) {
                        long delay = Math.min(30, 1L << Math.min(attempt - 1, 5));
                        log.warn("Returning a task of execution {} to its queue failed ({}); retrying in {} s",
                                task.executionId(), e.toString(), delay);
                        CompletableFuture.runAsync(() -> giveBack(task, attempt + 1),
                                CompletableFuture.delayedExecutor(delay, TimeUnit.SECONDS, runtimeExecutor));
                    }
                });
            }
        });
    }

    private void apply(ExecutionSnapshot snapshot, String definitionHash, List<Command> commands) {
        for (Command c : commands) {
            switch (c) {
                case Command.ScheduleActivityTask t -> dispatcher.offer(new ActivityDispatcher.ActivityTask(
                        t.taskToken(), snapshot.executionId, t.activityArn(), Json.write(t.input())));
                case Command.ReleaseActivityTask t -> dispatcher.offer(new ActivityDispatcher.ActivityTask(
                        t.taskToken(), snapshot.executionId, t.activityArn(), Json.write(t.input())));
                case Command.WithdrawActivityTask t -> dispatcher.withdraw(t.activityArn(), t.taskToken());
                case Command.ClaimActivityTask t -> {
                    // Already out of the queue: the dispatcher removed it when it handed it over.
                }
                case Command.StartTimer t -> timers.arm(snapshot.executionId, t.timerId(), t.dueAt());
                case Command.CancelTimer t -> timers.cancel(t.timerId());
                case Command.StartChildExecution t -> taskCalls.apply(snapshot, definitionHash, t);
                case Command.CallApi t -> taskCalls.apply(snapshot, definitionHash, t);
                case Command.CloseCall t -> taskCalls.apply(snapshot, definitionHash, t);
                case Command.NotifyParent t -> taskCalls.apply(snapshot, definitionHash, t);
                case Command.StartMapRunChild t -> taskCalls.apply(snapshot, definitionHash, t);
                case Command.RedriveMapRunChild t -> taskCalls.apply(snapshot, definitionHash, t);
                case Command.AbortMapRunChild t -> taskCalls.apply(snapshot, definitionHash, t);
                case Command.SaveMapRun t -> {
                    // Written with the decision; nothing to do once it is committed.
                }
            }
        }
    }

    /**
     * Rebuilds what lives in memory from the database: waiting activity tasks and armed timers.
     *
     * <p>After a crash, tasks already handed to a worker are offered again too: the broker cannot know
     * whether its last hand-offs reached their workers, and a task that did not would wait forever.
     * So delivery is at least once across a crash; the first completion wins and a later one gets
     * TaskTimedOut. After a graceful stop every answered poll was delivered, and nothing is offered twice.
     */
    private void recover(boolean cleanShutdown, ExecutionRepository executions) {
        int waiting = 0;
        int redelivered = 0;
        java.util.Map<Long, ExecutionSnapshot> snapshots = new java.util.HashMap<>();
        for (var t : new ActivityTaskRepository(db).all()) {
            ExecutionSnapshot snapshot;
            try {
                snapshot = snapshots.computeIfAbsent(t.executionId(), id -> executions.find(id)
                        .map(row -> dev.baton.broker.runtime.SnapshotCodec.decode(row.snapshot())).orElse(null));
            } catch (RuntimeException e) {
                // One unreadable execution must not keep the broker from starting: leave its task be.
                log.error("Execution {} could not be read; its task {} is not offered: {}", t.executionId(),
                        t.token().substring(0, 8) + "...", e.toString());
                continue;
            }
            boolean started = snapshot != null && snapshot.runs.values().stream()
                    .anyMatch(run -> run.task != null && run.task.answersTo(t.token()) && run.task.started());
            if (started && cleanShutdown) {
                continue;
            }
            if (started) {
                redelivered++;
            } else {
                waiting++;
            }
            dispatcher.offer(new ActivityDispatcher.ActivityTask(t.token(), t.executionId(), t.activityArn(), t.input()));
        }
        var armed = new TimerRepository(db).all();
        for (var t : armed) {
            timers.arm(t.executionId(), t.id(), t.dueAt());
        }
        if (waiting + redelivered > 0 || !armed.isEmpty()) {
            log.info("Recovered {} waiting activity tasks, {} started before a crash (offered again) and {} timers",
                    waiting, redelivered, armed.size());
        }
    }

    /** Reads and clears the marker a graceful stop leaves in the data directory. */
    private static boolean takeCleanShutdownMarker(Path dataDir) {
        try {
            return Files.deleteIfExists(dataDir.resolve(CLEAN_SHUTDOWN_MARKER));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write in the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Starts a broker and returns once it serves. */
    public static Broker start(BrokerConfig config) throws IOException {
        Broker broker = new Broker(config);
        try {
            broker.grpcServer.start();
            broker.inProcessServer.start();
            if (broker.awsServer != null) {
                broker.awsServer.start();
            }
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        // A firing is decided on the runtime's threads, never on the timer thread: one slow decision must
        // not hold up every other timer.
        broker.timers.start((executionId, timerId) -> CompletableFuture.supplyAsync(
                        () -> broker.runtime.submit(executionId, new Trigger.TimerFired(timerId)), broker.runtimeExecutor)
                .thenCompose(f -> f)
                .exceptionally(e -> {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause() : e;
                    if (cause instanceof ExecutionRuntime.ExecutionNotFoundException) {
                        return null; // the execution is gone; so is its timer
                    }
                    throw e instanceof RuntimeException r ? r : new RuntimeException(e);
                }));
        int calls = broker.taskCalls.recover();
        if (calls > 0) {
            log.info("Took up {} calls for tasks (child executions, API calls) left open by the last run", calls);
        }
        broker.health.setStatus("", ServingStatus.SERVING);
        broker.serving = true;
        log.info("Baton broker serving gRPC on {}:{}{}, data in {}", config.bind(), broker.grpcPort(),
                broker.awsServer == null ? "" : ", AWS endpoint on http://" + config.bind() + ":" + broker.httpPort(),
                config.dataDir().toAbsolutePath());
        return broker;
    }

    public BrokerConfig config() {
        return config;
    }

    public int grpcPort() {
        return grpcServer.getPort();
    }

    /** The AWS-protocol endpoint's port, or -1 when it is off. */
    public int httpPort() {
        return awsServer == null ? -1 : awsServer.port();
    }

    /** The activity dispatcher, for tests that look at queues and parked polls. */
    public ActivityDispatcher dispatcherForTests() {
        return dispatcher;
    }

    /** Number of executions held in memory, for tests. */
    public int cachedExecutionsForTests() {
        return runtime.cachedExecutions();
    }

    /** Number of armed timers, for tests. */
    public int armedTimersForTests() {
        return timers.size();
    }

    /** Stops serving: answers waiting polls, lets calls in progress finish, writes what is queued. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        health.enterTerminalState();
        dispatcher.close();
        if (awsServer != null) {
            awsServer.close();
        }
        grpcServer.shutdown();
        inProcessServer.shutdown();
        try {
            if (!grpcServer.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)) {
                grpcServer.shutdownNow();
            }
        } catch (InterruptedException e) {
            grpcServer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        inProcessChannel.shutdownNow();
        inProcessServer.shutdownNow();
        timers.close();
        boolean drained = pipeline.close();
        runtimeExecutor.shutdown();
        try {
            drained &= runtimeExecutor.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            drained = false;
            Thread.currentThread().interrupt();
        }
        db.close();
        // Only a broker that served and then wrote everything it had queued stopped gracefully; a start
        // that failed must not hide an earlier crash from the next start.
        if (serving && drained) {
            try {
                Files.writeString(config.dataDir().resolve(CLEAN_SHUTDOWN_MARKER), "stopped gracefully\n");
            } catch (IOException e) {
                log.warn("Could not record the graceful stop in {}: {}", config.dataDir(), e.getMessage());
            }
        }
        log.info("Baton broker stopped");
    }

    /** Blocks until the gRPC server has terminated. */
    public void awaitTermination() throws InterruptedException {
        grpcServer.awaitTermination();
    }
}
