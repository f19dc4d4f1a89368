package dev.baton.broker.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim that fails (the runtime cannot load the execution, its stored definition no longer
 * validates, the interpreter throws, ...) makes the dispatcher offer the task again and re-park the
 * same poll at once, which takes the task again: a hot loop, and with a failure reported synchronously
 * (an already-failed future) an unbounded recursion.
 */
class ClaimFailureTest {

    static final class RecordingPoll implements ActivityDispatcher.Poll {
        final AtomicInteger delivered = new AtomicInteger();
        final AtomicInteger timedOut = new AtomicInteger();

        @Override public String workerName() { return "w"; }
        @Override public boolean isCancelled() { return false; }
        @Override public boolean deliver(ActivityDispatcher.ActivityTask task) { delivered.incrementAndGet(); return true; }
        @Override public void timeout() { timedOut.incrementAndGet(); }
    }

    @Test
    void aClaimThatFailsAtOnceDoesNotLoopOnTheSamePoll() {
        ActivityDispatcher dispatcher = new ActivityDispatcher(InstantSource.system(), Duration.ofSeconds(60), 100);
        AtomicInteger claims = new AtomicInteger();
        dispatcher.setClaims(new ActivityDispatcher.Claims() {
            @Override
            public CompletableFuture<Boolean> claim(ActivityDispatcher.ActivityTask task, String workerName) {
                claims.incrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException("A stored definition no longer validates"));
            }

            @Override
            public void giveBack(ActivityDispatcher.ActivityTask task) {
            }
        });
        dispatcher.offer(new ActivityDispatcher.ActivityTask("tok", 1, "arn:act", "{}"));
        RecordingPoll poll = new RecordingPoll();
        dispatcher.poll("arn:act", poll);

        // Expected: the failed hand-off is tried a bounded number of times (or later, by the sweep);
        // the poll stays parked until its timeout and the task stays queued.
        int tasks = dispatcher.waitingTasks("arn:act");
        int polls = dispatcher.waitingPolls("arn:act");
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        soft.assertThat(claims.get()).as("claims made by one GetActivityTask call").isLessThan(10);
        soft.assertThat(tasks).as("the task is still queued").isEqualTo(1);
        soft.assertThat(polls).as("the poll is still parked").isEqualTo(1);
        soft.assertAll();
        dispatcher.close();
    }

    @Test
    void aClaimThatFailsLaterDoesNotSpin() throws Exception {
        ActivityDispatcher dispatcher = new ActivityDispatcher(InstantSource.system(), Duration.ofSeconds(60), 100);
        AtomicInteger claims = new AtomicInteger();
        dispatcher.setClaims(new ActivityDispatcher.Claims() {
            @Override
            public CompletableFuture<Boolean> claim(ActivityDispatcher.ActivityTask task, String workerName) {
                claims.incrementAndGet();
                return CompletableFuture.supplyAsync(() -> {
                    throw new IllegalStateException("the interpreter failed");
                });
            }

            @Override
            public void giveBack(ActivityDispatcher.ActivityTask task) {
            }
        });
        dispatcher.offer(new ActivityDispatcher.ActivityTask("tok", 1, "arn:act", "{}"));
        dispatcher.poll("arn:act", new RecordingPoll());
        Thread.sleep(500); // observe the rate; not a correctness wait
        assertThat(claims.get()).as("claims in half a second for one task and one poll").isLessThan(10);
        dispatcher.close();
    }
}
