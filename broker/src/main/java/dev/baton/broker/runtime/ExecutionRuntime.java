package dev.baton.broker.runtime;

import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.model.StateMachine;
import dev.baton.broker.interpreter.Command;
import dev.baton.broker.interpreter.Decision;
import dev.baton.broker.interpreter.ExecutionSnapshot;
import dev.baton.broker.interpreter.HistoryEvent;
import dev.baton.broker.interpreter.Interpreter;
import dev.baton.broker.interpreter.Trigger;
import dev.baton.broker.persistence.ExecutionRepository;
import dev.baton.broker.persistence.ExecutionWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Applies triggers to executions: one trigger at a time per execution (so the interpreter needs no
 * locks), any number of executions at once. For each trigger it asks the interpreter for a decision,
 * hands the decision's rows to the {@link CommitPipeline}, and only after the commit applies the
 * decision's commands ({@link Effects}) and answers the caller. Running executions stay in memory;
 * any other is loaded from the database on demand, so a restarted broker continues where it stopped.
 */
public final class ExecutionRuntime {
    private static final Logger log = LoggerFactory.getLogger(ExecutionRuntime.class);

    /** What happens after a decision is committed: tasks handed to pollers, timers armed. */
    public interface Effects {
        /** @param definitionHash the stored definition the execution runs (its map run's children run a part of it) */
        void afterCommit(ExecutionSnapshot snapshot, String definitionHash, List<Command> commands);
    }

    /** The execution does not exist (e.g. a task token of a deleted execution). */
    public static final class ExecutionNotFoundException extends RuntimeException {
        public ExecutionNotFoundException(long executionId) {
            super("execution " + executionId + " does not exist", null, false, false);
        }
    }

    private static final class Entry {
        final long id;
        final String definitionHash;
        final StateMachine machine;
        ExecutionSnapshot snapshot;
        int version;
        boolean busy;
        /** Out of the map (closed, evicted, or abandoned after a failed write): look the execution up again. */
        boolean retired;
        /** System.nanoTime() of the last trigger, for evicting the least recently used. */
        volatile long lastUsed = System.nanoTime();
        final ArrayDeque<Job> queue = new ArrayDeque<>();

        Entry(long id, String definitionHash, StateMachine machine, ExecutionSnapshot snapshot, int version) {
            this.id = id;
            this.definitionHash = definitionHash;
            this.machine = machine;
            this.snapshot = snapshot;
            this.version = version;
        }
    }

    private record Job(Trigger trigger, CompletableFuture<Decision> future) {
    }

    private final Interpreter interpreter;
    private final ExecutionRepository executions;
    private final DefinitionCache definitions;
    private final CommitPipeline pipeline;
    private final InstantSource clock;
    private final Executor executor;
    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
    private final int maxCached;
    private final java.util.concurrent.atomic.AtomicLong lastEviction = new java.util.concurrent.atomic.AtomicLong();
    private volatile Effects effects = (snapshot, definitionHash, commands) -> {
    };

    /** Default for the most executions kept in memory; idle ones beyond it are reloaded on demand. */
    public static final int DEFAULT_MAX_CACHED_EXECUTIONS = 50_000;
    private static final long EVICTION_INTERVAL_NANOS = 1_000_000_000L;

    public ExecutionRuntime(Interpreter interpreter, ExecutionRepository executions, DefinitionCache definitions,
                            CommitPipeline pipeline, InstantSource clock, Executor executor, int maxCached) {
        this.maxCached = maxCached;
        this.interpreter = interpreter;
        this.executions = executions;
        this.definitions = definitions;
        this.pipeline = pipeline;
        this.clock = clock;
        this.executor = executor;
    }

    /** Executions held in memory now. */
    public int cachedExecutions() {
        return entries.size();
    }

    public void setEffects(Effects effects) {
        this.effects = effects;
    }

    /**
     * Starts a new execution: records it and runs it until it first waits. Completes once the
     * execution row and its first events are committed; fails if the row cannot be inserted (for
     * example another execution of that name was created first).
     */
    public CompletableFuture<Decision> start(ExecutionSnapshot fresh, String definitionHash, StateMachine machine) {
        Entry entry = new Entry(fresh.executionId, definitionHash, machine, fresh, 0);
        entry.busy = true;
        entries.put(entry.id, entry);
        CompletableFuture<Decision> future = new CompletableFuture<>();
        synchronized (entry) {
            entry.queue.add(new Job(new Trigger.Start(), future));
        }
        drain(entry);
        return future;
    }

    /** Applies a trigger to an execution, after the triggers already queued for it. */
    public CompletableFuture<Decision> submit(long executionId, Trigger trigger) {
        CompletableFuture<Decision> future = new CompletableFuture<>();
        while (true) {
            Entry entry;
            try {
                entry = entry(executionId);
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
                return future;
            }
            boolean run;
            synchronized (entry) {
                if (entry.retired) {
                    continue; // it left the map after we found it: use the one there now (or load it)
                }
                entry.queue.add(new Job(trigger, future));
                entry.lastUsed = System.nanoTime();
                run = !entry.busy;
                entry.busy = true;
            }
            if (run) {
                drain(entry);
            }
            return future;
        }
    }

    /** Takes an entry out of the map; the caller holds its lock. */
    private void retire(Entry entry) {
        entry.retired = true;
        entries.remove(entry.id, entry);
    }

    /**
     * Keeps at most {@code maxCached} executions in memory: when over, the least recently used idle
     * ones are dropped (they are loaded again from the database when a trigger comes). Runs at most
     * once a second, on whichever thread finishes a commit.
     */
    private void evictIfOverLimit() {
        if (entries.size() <= maxCached) {
            return;
        }
        long now = System.nanoTime();
        long last = lastEviction.get();
        if (now - last < EVICTION_INTERVAL_NANOS || !lastEviction.compareAndSet(last, now)) {
            return;
        }
        int target = (int) (maxCached * 0.9);
        List<Entry> candidates = new ArrayList<>(entries.values());
        candidates.sort(java.util.Comparator.comparingLong(e -> e.lastUsed));
        for (Entry e : candidates) {
            if (entries.size() <= target) {
                break;
            }
            synchronized (e) {
                if (!e.busy && e.queue.isEmpty() && !e.retired) {
                    retire(e);
                }
            }
        }
    }

    private Entry entry(long executionId) {
        Entry entry = entries.get(executionId);
        if (entry != null) {
            return entry;
        }
        // One load per execution at a time: a slow read must not put an older copy in the map after a
        // newer one was written and retired (computeIfAbsent holds the key while it loads).
        return entries.computeIfAbsent(executionId, id -> {
            ExecutionRepository.ExecutionRecord row = executions.find(id)
                    .orElseThrow(() -> new ExecutionNotFoundException(id));
            ExecutionSnapshot snapshot = SnapshotCodec.decode(row.snapshot());
            return new Entry(row.id(), row.definitionHash(), definitions.get(row.definitionHash(), snapshot.processorPath),
                    snapshot, row.version());
        });
    }

    /** Decides the entry's queued triggers one by one; returns when one is being committed or none is left. */
    private void drain(Entry entry) {
        while (true) {
            Job job;
            synchronized (entry) {
                job = entry.queue.poll();
                if (job == null) {
                    entry.busy = false;
                    return;
                }
            }
            Decision decision;
            ExecutionWrite write;
            try {
                MDC.put("executionArn", entry.snapshot.executionArn);
                decision = interpreter.decide(entry.machine, entry.snapshot, job.trigger(), clock.millis());
                if (!decision.accepted() || (decision.isEmpty() && entry.version > 0)) {
                    job.future().complete(decision);
                    continue;
                }
                write = toWrite(entry, decision, job.trigger());
            } catch (RuntimeException e) {
                log.error("The interpreter failed on {} for execution {}", job.trigger().getClass().getSimpleName(),
                        entry.snapshot.executionArn, e);
                job.future().completeExceptionally(e);
                continue;
            } finally {
                MDC.remove("executionArn");
            }
            Decision committed = decision;
            pipeline.submit(write).whenCompleteAsync((ok, error) -> {
                if (error != null) {
                    abandon(entry, job, error);
                    return;
                }
                entry.snapshot = committed.snapshot();
                entry.version = write.version();
                if (committed.snapshot().status.isClosed()) {
                    synchronized (entry) {
                        if (entry.queue.isEmpty()) {
                            retire(entry);
                        }
                    }
                }
                try {
                    effects.afterCommit(committed.snapshot(), entry.definitionHash, committed.commands());
                } catch (RuntimeException e) {
                    log.error("Applying the commands of execution {} failed", entry.snapshot.executionArn, e);
                }
                job.future().complete(committed);
                drain(entry);
                evictIfOverLimit();
            }, executor);
            return;
        }
    }

    /**
     * A write failed: the in-memory entry may be ahead of the database, so drop it; the triggers still
     * queued are submitted again and will run against the execution as stored.
     */
    private void abandon(Entry entry, Job failed, Throwable error) {
        List<Job> rest;
        synchronized (entry) {
            retire(entry);
            rest = new ArrayList<>(entry.queue);
            entry.queue.clear();
        }
        failed.future().completeExceptionally(error);
        if (entry.version == 0) {
            // The execution was never stored: nothing to resubmit against.
            rest.forEach(j -> j.future().completeExceptionally(error));
            return;
        }
        for (Job j : rest) {
            submit(entry.id, j.trigger()).whenComplete((d, e) -> {
                if (e != null) {
                    j.future().completeExceptionally(e);
                } else {
                    j.future().complete(d);
                }
            });
        }
    }

    private ExecutionWrite toWrite(Entry entry, Decision d, Trigger trigger) {
        ExecutionSnapshot s = d.snapshot();
        List<ExecutionWrite.StoredEvent> events = new ArrayList<>(d.events().size());
        for (HistoryEvent e : d.events()) {
            events.add(new ExecutionWrite.StoredEvent(e.id(), e.previousEventId(), e.type().name(), e.timestamp(),
                    e.details() == null ? null : SnapshotCodec.details(e.details())));
        }
        List<ExecutionWrite.ActivityTaskRecord> tasksToInsert = new ArrayList<>();
        List<String> tasksToDelete = new ArrayList<>();
        List<ExecutionWrite.TimerRecord> timersToInsert = new ArrayList<>();
        List<String> timersToDelete = new ArrayList<>();
        List<ExecutionWrite.CallRecord> callsToInsert = new ArrayList<>();
        List<String> callsToDelete = new ArrayList<>();
        List<ExecutionWrite.CallEnded> callsEnded = new ArrayList<>();
        List<ExecutionWrite.MapRunRow> mapRuns = new ArrayList<>();
        if (trigger instanceof Trigger.TimerFired fired) {
            timersToDelete.add(fired.timerId());
        }
        long now = clock.millis();
        for (Command c : d.commands()) {
            switch (c) {
                case Command.ScheduleActivityTask t -> tasksToInsert.add(new ExecutionWrite.ActivityTaskRecord(
                        t.taskToken(), entry.id, t.activityArn(), Json.write(t.input()), now));
                case Command.ClaimActivityTask t -> {
                    // The snapshot records that the task is started; its row stays until the task ends.
                }
                case Command.ReleaseActivityTask t -> {
                    // Likewise: only the queue in memory changes.
                }
                case Command.WithdrawActivityTask t -> tasksToDelete.add(t.taskToken());
                case Command.StartTimer t -> timersToInsert.add(new ExecutionWrite.TimerRecord(t.timerId(), entry.id, t.dueAt()));
                case Command.CancelTimer t -> timersToDelete.add(t.timerId());
                case Command.StartChildExecution t -> callsToInsert.add(new ExecutionWrite.CallRecord(t.taskToken(),
                        entry.id, BrokerCalls.encode(t)));
                case Command.CallApi t -> callsToInsert.add(new ExecutionWrite.CallRecord(t.taskToken(), entry.id,
                        BrokerCalls.encode(t)));
                case Command.CloseCall t -> callsToDelete.add(t.taskToken());
                case Command.NotifyParent t -> callsEnded.add(new ExecutionWrite.CallEnded(t.parentTaskToken(),
                        s.executionArn));
                case Command.StartMapRunChild t -> callsToInsert.add(new ExecutionWrite.CallRecord(t.taskToken(),
                        entry.id, BrokerCalls.encode(t)));
                case Command.RedriveMapRunChild t -> callsToInsert.add(new ExecutionWrite.CallRecord(t.taskToken(),
                        entry.id, BrokerCalls.encode(t)));
                case Command.AbortMapRunChild t -> callsToDelete.add(t.taskToken());
                case Command.SaveMapRun t -> mapRuns.add(MapRunRows.of(entry.id, t));
            }
        }
        return new ExecutionWrite(entry.id, entry.version == 0, s.executionArn, s.stateMachineArn, entry.definitionHash,
                s.name, s.mapRunArn, s.status.name(), s.startTime, s.status.isClosed() ? s.stopTime : null, s.redriveCount,
                s.redriveTime == 0 ? null : s.redriveTime, entry.version + 1,
                SnapshotCodec.encode(s), events, tasksToInsert, tasksToDelete, timersToInsert, timersToDelete,
                callsToInsert, callsToDelete, callsEnded, mapRuns);
    }
}
