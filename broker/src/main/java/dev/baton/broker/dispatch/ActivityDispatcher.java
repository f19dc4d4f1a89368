package dev.baton.broker.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Activity task queues and long polling. A GetActivityTask call with no task waiting is parked: it
 * holds no thread, only a queue entry and a timer. A task scheduled while polls wait goes straight
 * to the oldest one. Every hand-off is first claimed through the runtime (ActivityStarted is
 * committed) and only then answered, so a task is handed to one worker at a time; if the poller's
 * call was cancelled meanwhile, the task is returned and offered again. A periodic sweep matches
 * anything a missed wake-up left behind.
 */
public final class ActivityDispatcher implements AutoCloseable {
    /** How long a GetActivityTask call waits for a task (AWS: 60 s). */
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(60);
    /** Most polls that may wait on one activity at once. */
    public static final int DEFAULT_MAX_WAITING_POLLS = 10_000;
    /** How often queues are checked for a task and a poll that missed each other, or a held task now due. */
    public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    /** First wait before a task whose hand-off failed is offered again; it doubles up to the maximum. */
    public static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);
    public static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ActivityDispatcher.class);

    /** A task ready to be handed to a worker. */
    public record ActivityTask(String token, long executionId, String activityArn, String input) {
    }

    /** One waiting GetActivityTask call, whatever its transport. */
    public interface Poll {
        String workerName();

        /** True once the caller has gone away. */
        boolean isCancelled();

        /** Answers the call with the task; false when the caller had gone away and did not get it. */
        boolean deliver(ActivityTask task);

        /** Answers the call with no task (the poll timed out). */
        void timeout();
    }

    /** Claims tasks for pollers: records ActivityStarted, or learns the task has ended. */
    public interface Claims {
        /** Completes true when the poller now has the task, false when the task has ended. */
        CompletableFuture<Boolean> claim(ActivityTask task, String workerName);

        /** The claimed task's poller went away before it was answered: put the task back. */
        void giveBack(ActivityTask task);
    }

    /** Thrown by {@link #poll} when too many polls wait on the activity. */
    public static final class TooManyPollsException extends RuntimeException {
        TooManyPollsException(String activityArn, int limit) {
            super("More than " + limit + " polls are waiting on " + activityArn
                    + "; reduce the number of pollers or wait for tasks", null, false, false);
        }
    }

    private final class Parked {
        final Poll poll;
        final long deadline;
        ScheduledFuture<?> timer;

        Parked(Poll poll, long deadline) {
            this.poll = poll;
            this.deadline = deadline;
        }
    }

    /**
     * A task in its queue. After a failed hand-off (the runtime could not record the claim) it is held
     * until {@code notBefore}, so one broken execution cannot keep a poller busy.
     */
    private static final class Queued {
        final ActivityTask task;
        long notBefore;
        int failures;

        Queued(ActivityTask task) {
            this.task = task;
        }
    }

    private final class Queue {
        final String activityArn;
        final ArrayDeque<Queued> tasks = new ArrayDeque<>();
        final ArrayDeque<Parked> polls = new ArrayDeque<>();
        /**
         * Dropped from the map (it was empty): whoever still holds it looks the activity up again. Set
         * and read under the queue's lock, so nothing is ever added to a dropped queue.
         */
        boolean removed;

        /** The oldest task that may be handed out now, taken off the queue; null when none is due. */
        Queued takeDue(long now) {
            for (Iterator<Queued> it = tasks.iterator(); it.hasNext(); ) {
                Queued q = it.next();
                if (q.notBefore <= now) {
                    it.remove();
                    return q;
                }
            }
            return null;
        }

        Queue(String activityArn) {
            this.activityArn = activityArn;
        }
    }

    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final InstantSource clock;
    private final Duration pollTimeout;
    private final int maxWaitingPolls;
    private volatile Claims claims;
    private volatile boolean closed;

    public ActivityDispatcher(InstantSource clock) {
        this(clock, DEFAULT_POLL_TIMEOUT, DEFAULT_MAX_WAITING_POLLS);
    }

    public ActivityDispatcher(InstantSource clock, Duration pollTimeout, int maxWaitingPolls) {
        this.clock = clock;
        this.pollTimeout = pollTimeout;
        this.maxWaitingPolls = maxWaitingPolls;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("baton-poll-timer").daemon(true).unstarted(r));
        scheduler.scheduleWithFixedDelay(this::sweep, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public void setClaims(Claims claims) {
        this.claims = claims;
    }

    private Queue queue(String activityArn) {
        return queues.computeIfAbsent(activityArn, Queue::new);
    }

    /** Offers a scheduled task: to a waiting poll if there is one, else to the queue. */
    public void offer(ActivityTask task) {
        Queued queued = new Queued(task);
        while (true) {
            Queue q = queue(task.activityArn());
            Parked match;
            synchronized (q) {
                if (q.removed) {
                    continue;
                }
                match = nextLivePoll(q);
                if (match == null) {
                    q.tasks.add(queued);
                    return;
                }
            }
            handOff(q, queued, match);
            return;
        }
    }

    /** Removes a task that ended before any worker took it. */
    public void withdraw(String activityArn, String token) {
        Queue q = queues.get(activityArn);
        if (q != null) {
            synchronized (q) {
                q.tasks.removeIf(t -> t.task.token().equals(token));
            }
        }
    }

    /**
     * Parks a poll until a task arrives or the poll times out; answers at once if a task is waiting.
     *
     * @return a handle that withdraws the poll when its caller goes away
     * @throws TooManyPollsException when too many polls already wait on this activity
     */
    public Runnable poll(String activityArn, Poll poll) {
        return park(activityArn, new Parked(poll, clock.millis() + pollTimeout.toMillis()), true);
    }

    /** Parks a poll; with {@code match}, hands it a due task at once if there is one. */
    private Runnable park(String activityArn, Parked parked, boolean match) {
        if (closed) {
            throw new IllegalStateException("the broker is shutting down");
        }
        while (true) {
            Queue q = queue(activityArn);
            Queued task = null;
            synchronized (q) {
                if (q.removed) {
                    continue;
                }
                if (match) {
                    task = q.takeDue(clock.millis());
                }
                if (task == null) {
                    if (q.polls.size() >= maxWaitingPolls) {
                        throw new TooManyPollsException(q.activityArn, maxWaitingPolls);
                    }
                    q.polls.add(parked);
                    long delay = Math.max(0, parked.deadline - clock.millis());
                    parked.timer = scheduler.schedule(() -> expire(q, parked), delay, TimeUnit.MILLISECONDS);
                }
            }
            if (task != null) {
                handOff(q, task, parked);
            }
            return () -> cancel(q, parked);
        }
    }

    private Parked nextLivePoll(Queue q) {
        for (Iterator<Parked> it = q.polls.iterator(); it.hasNext(); ) {
            Parked p = it.next();
            it.remove();
            if (p.timer != null) {
                p.timer.cancel(false);
            }
            if (!p.poll.isCancelled()) {
                return p;
            }
        }
        return null;
    }

    private void handOff(Queue q, Queued queued, Parked parked) {
        Claims c = claims;
        ActivityTask task = queued.task;
        c.claim(task, parked.poll.workerName()).whenComplete((claimed, error) -> {
            if (error != null) {
                // Not recorded: the task is still open in the database. Hold it back a while (a failure
                // that repeats must not keep this poller or the machine busy) and let the poll wait on.
                hold(q, queued, error);
                repark(q, parked, false);
            } else if (!claimed) {
                // The task ended (execution stopped, timed out) before the hand-off: this poll keeps waiting.
                repark(q, parked, true);
            } else if (!parked.poll.deliver(task)) {
                c.giveBack(task);
            }
        });
    }

    private void hold(Queue q, Queued queued, Throwable error) {
        queued.failures++;
        long delay = Math.min(MAX_RETRY_DELAY.toMillis(),
                FIRST_RETRY_DELAY.toMillis() << Math.min(queued.failures - 1, 20));
        queued.notBefore = clock.millis() + delay;
        if (queued.failures == 1 || Integer.bitCount(queued.failures) == 1) {
            log.warn("Handing a task of {} to a worker failed ({} time(s)): {}; offering it again in {} ms",
                    q.activityArn, queued.failures, error.toString(), delay);
        }
        while (true) {
            Queue current = queue(q.activityArn);
            synchronized (current) {
                if (!current.removed) {
                    current.tasks.add(queued);
                    return;
                }
            }
        }
    }

    /**
     * Puts a poll back to wait (until its own deadline). Without {@code match} it is not handed a task
     * now: after a failed hand-off the sweep does that, so failures never recurse or spin.
     */
    private void repark(Queue q, Parked parked, boolean match) {
        if (parked.poll.isCancelled()) {
            return;
        }
        if (clock.millis() >= parked.deadline) {
            parked.poll.timeout();
            return;
        }
        try {
            park(q.activityArn, new Parked(parked.poll, parked.deadline), match);
        } catch (TooManyPollsException | IllegalStateException e) {
            parked.poll.timeout();
        }
    }

    private void expire(Queue q, Parked parked) {
        boolean removed;
        synchronized (q) {
            removed = q.polls.remove(parked);
        }
        if (removed) {
            parked.poll.timeout();
        }
    }

    private void cancel(Queue q, Parked parked) {
        synchronized (q) {
            if (q.polls.remove(parked) && parked.timer != null) {
                parked.timer.cancel(false);
            }
        }
    }

    /** Safety net: matches due tasks and polls that are both waiting in a queue (missed wake-ups, held tasks). */
    void sweep() {
        long now = clock.millis();
        for (Queue q : queues.values()) {
            synchronized (q) {
                q.polls.removeIf(p -> p.poll.isCancelled());
                if (q.tasks.isEmpty() && q.polls.isEmpty()) {
                    // Nobody waits and nothing waits: forget the queue (names are the callers' to choose).
                    q.removed = true;
                    queues.remove(q.activityArn, q);
                    continue;
                }
            }
            while (true) {
                Queued task;
                Parked poll;
                synchronized (q) {
                    q.polls.removeIf(p -> p.poll.isCancelled());
                    if (q.polls.isEmpty()) {
                        break;
                    }
                    task = q.takeDue(now);
                    if (task == null) {
                        break;
                    }
                    poll = nextLivePoll(q);
                    if (poll == null) {
                        q.tasks.addFirst(task);
                        break;
                    }
                }
                handOff(q, task, poll);
            }
        }
    }

    /** Number of tasks waiting for a worker on the activity (for tests and metrics). */
    public int waitingTasks(String activityArn) {
        Queue q = queues.get(activityArn);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            return q.tasks.size();
        }
    }

    /** Number of polls waiting on the activity (for tests and metrics). */
    public int waitingPolls(String activityArn) {
        Queue q = queues.get(activityArn);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            return q.polls.size();
        }
    }

    /** Answers every waiting poll with no task, and stops the timers. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        for (Queue q : queues.values()) {
            ArrayDeque<Parked> polls;
            synchronized (q) {
                polls = new ArrayDeque<>(q.polls);
                q.polls.clear();
            }
            for (Parked p : polls) {
                if (!p.poll.isCancelled()) {
                    p.poll.timeout();
                }
            }
        }
    }
}
