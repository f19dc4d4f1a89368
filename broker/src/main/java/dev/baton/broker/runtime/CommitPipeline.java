package dev.baton.broker.runtime;

import dev.baton.broker.persistence.ExecutionStore;
import dev.baton.broker.persistence.ExecutionWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: one writer thread takes every decision waiting to be written and commits them in one
 * transaction. Idle, a decision is written at once; under load, hundreds share a commit, which is
 * what makes durable throughput possible on storage that commits a few thousand times a second.
 * A write's future completes only after its transaction has committed.
 */
public final class CommitPipeline {
    /** Most decisions written in one transaction. */
    public static final int DEFAULT_MAX_BATCH = 1000;

    private static final Logger log = LoggerFactory.getLogger(CommitPipeline.class);

    private record Pending(ExecutionWrite write, CompletableFuture<Void> done) {
    }

    /** The write could not be committed because another writer changed the execution first. */
    public static final class ConflictException extends RuntimeException {
        ConflictException(long executionId) {
            super("execution " + executionId + " was changed by another writer", null, false, false);
        }
    }

    private final ExecutionStore store;
    private final Executor completions;
    private final int maxBatch;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closing;

    public CommitPipeline(ExecutionStore store, Executor completions) {
        this(store, completions, DEFAULT_MAX_BATCH);
    }

    public CommitPipeline(ExecutionStore store, Executor completions, int maxBatch) {
        this.store = store;
        this.completions = completions;
        this.maxBatch = maxBatch;
        this.writer = Thread.ofPlatform().name("baton-commit").daemon(true).unstarted(this::run);
        writer.start();
    }

    /** Queues a write; the future completes once it is committed, or exceptionally if it could not be. */
    public CompletableFuture<Void> submit(ExecutionWrite write) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closing) {
            done.completeExceptionally(new IllegalStateException("the broker is shutting down"));
            return done;
        }
        queue.add(new Pending(write, done));
        return done;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                if (closing) {
                    return;
                }
            } catch (Throwable e) {
                // Whatever happened (even an Error), the writer must live on: it is the only one.
                log.error("Commit pipeline failure", e);
                fail(batch, e);
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        List<ExecutionWrite> writes = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            writes.add(p.write());
        }
        try {
            store.commit(writes);
            for (Pending p : batch) {
                completions.execute(() -> p.done().complete(null));
            }
        } catch (ExecutionStore.VersionConflict conflict) {
            List<Pending> retry = new ArrayList<>(batch);
            for (int i : conflict.indexes().reversed()) {
                Pending p = retry.remove(i);
                completions.execute(() -> p.done().completeExceptionally(new ConflictException(p.write().executionId())));
            }
            if (!retry.isEmpty()) {
                commit(retry);
            }
        } catch (SQLException e) {
            if (batch.size() == 1) {
                Pending p = batch.getFirst();
                completions.execute(() -> p.done().completeExceptionally(e));
            } else {
                // Isolate the write that failed (e.g. a duplicate execution name) so the others still commit.
                for (Pending p : batch) {
                    commit(List.of(p));
                }
            }
        }
    }

    private void fail(List<Pending> batch, Throwable e) {
        for (Pending p : batch) {
            completions.execute(() -> p.done().completeExceptionally(e));
        }
    }

    /**
     * Writes what is queued, then stops the writer.
     *
     * @return true when everything queued was written and the writer stopped in time
     */
    public boolean close() {
        closing = true;
        boolean stopped;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
            stopped = !writer.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = false;
        }
        // A submit that passed its check just before `closing` was set may have queued after the writer left.
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, new IllegalStateException("the broker is shutting down"));
        if (stopped) {
            store.close();
        }
        return stopped && left.isEmpty();
    }
}
