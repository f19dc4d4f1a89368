package dev.baton.broker.timers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Fires durable timers (Wait states, retry back-off, timeouts) at their due time. Timers are rows in
 * the database, written with the decision that armed them; this service only holds them in a heap
 * and wakes one thread at the earliest due time, so any number of timers costs one thread. After a
 * restart the broker re-arms every stored timer; one that came due while the broker was down fires
 * at once.
 */
public final class TimerService implements AutoCloseable {
    /** Longest the scheduler thread sleeps without checking the clock again (tests move the clock). */
    public static final Duration MAX_SLEEP = Duration.ofMillis(250);
    /** Delay before a timer whose firing failed (e.g. the database was unavailable) is tried again. */
    public static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(TimerService.class);

    /** Delivers a due timer to its execution; the future completes once the firing is recorded. */
    public interface Fire {
        CompletableFuture<?> fire(long executionId, String timerId);
    }

    private record Timer(String id, long executionId, long dueAt) {
    }

    private final InstantSource clock;
    private final PriorityQueue<Timer> heap = new PriorityQueue<>((a, b) -> Long.compare(a.dueAt, b.dueAt));
    private final Map<String, Timer> byId = new HashMap<>();
    private final Thread thread;
    private volatile Fire fire;
    private volatile boolean closed;

    public TimerService(InstantSource clock) {
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("baton-timers").daemon(true).unstarted(this::run);
    }

    /** Starts firing timers through {@code fire}. */
    public void start(Fire fire) {
        this.fire = fire;
        thread.start();
    }

    /** Arms (or re-arms) a timer. */
    public synchronized void arm(long executionId, String timerId, long dueAt) {
        Timer old = byId.remove(timerId);
        if (old != null) {
            heap.remove(old);
        }
        Timer t = new Timer(timerId, executionId, dueAt);
        byId.put(timerId, t);
        heap.add(t);
        if (heap.peek() == t) {
            notifyAll();
        }
    }

    public synchronized void cancel(String timerId) {
        Timer t = byId.remove(timerId);
        if (t != null) {
            heap.remove(t);
        }
    }

    /** Number of armed timers. */
    public synchronized int size() {
        return heap.size();
    }

    /** Checks the clock now (tests call it after moving a settable clock). */
    public synchronized void wakeUp() {
        notifyAll();
    }

    private void run() {
        while (!closed) {
            Timer due;
            synchronized (this) {
                Timer next = heap.peek();
                long now = clock.millis();
                if (next == null || next.dueAt > now) {
                    long sleep = next == null ? MAX_SLEEP.toMillis() : Math.min(MAX_SLEEP.toMillis(), next.dueAt - now);
                    try {
                        wait(Math.max(1, sleep));
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                due = heap.poll();
                byId.remove(due.id);
            }
            deliver(due);
        }
    }

    private void deliver(Timer t) {
        CompletableFuture<?> f;
        try {
            f = fire.fire(t.executionId, t.id);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((ok, error) -> {
            if (error != null && !closed) {
                log.warn("Timer {} of execution {} could not fire ({}); retrying", t.id, t.executionId, error.toString());
                arm(t.executionId, t.id, clock.millis() + RETRY_DELAY.toMillis());
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
