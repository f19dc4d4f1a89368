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
    /** How often queues are checked for a task and a poll that missed each other. */
    public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);

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
            super("More than " + limit + " GetActivityTask calls are waiting on " + activityArn
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

    private final class Queue {
        final String activityArn;
        final ArrayDeque<ActivityTask> tasks = new ArrayDeque<>();
        final ArrayDeque<Parked> polls = new ArrayDeque<>();

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
        Queue q = queue(task.activityArn());
        Parked match;
        synchronized (q) {
            match = nextLivePoll(q);
            if (match == null) {
                q.tasks.add(task);
                return;
            }
        }
        handOff(q, task, match);
    }

    /** Removes a task that ended before any worker took it. */
    public void withdraw(String activityArn, String token) {
        Queue q = queues.get(activityArn);
        if (q != null) {
            synchronized (q) {
                q.tasks.removeIf(t -> t.token().equals(token));
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
        return park(queue(activityArn), poll, clock.millis() + pollTimeout.toMillis());
    }

    private Runnable park(Queue q, Poll poll, long deadline) {
        if (closed) {
            throw new IllegalStateException("the broker is shutting down");
        }
        Parked parked = new Parked(poll, deadline);
        ActivityTask task;
        synchronized (q) {
            task = q.tasks.pollFirst();
            if (task == null) {
                if (q.polls.size() >= maxWaitingPolls) {
                    throw new TooManyPollsException(q.activityArn, maxWaitingPolls);
                }
                q.polls.add(parked);
                long delay = Math.max(0, deadline - clock.millis());
                parked.timer = scheduler.schedule(() -> expire(q, parked), delay, TimeUnit.MILLISECONDS);
            }
        }
        if (task != null) {
            handOff(q, task, parked);
        }
        return () -> cancel(q, parked);
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

    private void handOff(Queue q, ActivityTask task, Parked parked) {
        Claims c = claims;
        c.claim(task, parked.poll.workerName()).whenComplete((claimed, error) -> {
            if (error != null) {
                // Not recorded: the task is still scheduled in the database; keep offering it.
                log.warn("Handing task of {} to a worker failed: {}", q.activityArn, error.toString());
                offer(task);
                repark(q, parked);
            } else if (!claimed) {
                // The task ended (execution stopped, timed out) before the hand-off: this poll keeps waiting.
                repark(q, parked);
            } else if (!parked.poll.deliver(task)) {
                c.giveBack(task);
            }
        });
    }

    private void repark(Queue q, Parked parked) {
        if (parked.poll.isCancelled()) {
            return;
        }
        if (clock.millis() >= parked.deadline) {
            parked.poll.timeout();
            return;
        }
        try {
            park(q, parked.poll, parked.deadline);
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

    /** Safety net: matches tasks and polls that are both waiting in a queue. */
    void sweep() {
        for (Queue q : queues.values()) {
            while (true) {
                ActivityTask task;
                Parked poll;
                synchronized (q) {
                    if (q.tasks.isEmpty()) {
                        q.polls.removeIf(p -> p.poll.isCancelled());
                        break;
                    }
                    poll = nextLivePoll(q);
                    if (poll == null) {
                        break;
                    }
                    task = q.tasks.pollFirst();
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
