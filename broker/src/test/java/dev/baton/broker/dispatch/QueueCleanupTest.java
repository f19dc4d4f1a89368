package dev.baton.broker.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review finding: GetFunctionTask accepts any valid function name without registration
 * (TaskService.getFunctionTask), and the dispatcher creates a queue per name that it never
 * removes. A client that polls (and cancels) many distinct names grows the broker's memory and
 * the per-second sweep without bound.
 */
class QueueCleanupTest {

    static final class CancelledPoll implements ActivityDispatcher.Poll {
        volatile boolean cancelled;
        @Override public String workerName() { return "w"; }
        @Override public boolean isCancelled() { return cancelled; }
        @Override public boolean deliver(ActivityDispatcher.ActivityTask task) { return false; }
        @Override public void timeout() { }
    }

    @Test
    void queuesOfNamesNobodyPollsAnyMoreDoNotAccumulate() throws Exception {
        ActivityDispatcher dispatcher = new ActivityDispatcher(InstantSource.system(), Duration.ofSeconds(60), 100);
        dispatcher.setClaims(new ActivityDispatcher.Claims() {
            @Override
            public CompletableFuture<Boolean> claim(ActivityDispatcher.ActivityTask task, String workerName) {
                return CompletableFuture.completedFuture(false);
            }

            @Override
            public void giveBack(ActivityDispatcher.ActivityTask task) {
            }
        });
        try {
            for (int i = 0; i < 20_000; i++) {
                CancelledPoll poll = new CancelledPoll();
                Runnable withdraw = dispatcher.poll("arn:aws:lambda:us-east-1:123456789012:function:f-" + i, poll);
                poll.cancelled = true;
                withdraw.run(); // the client went away
            }
            dispatcher.sweep();
            var field = ActivityDispatcher.class.getDeclaredField("queues");
            field.setAccessible(true);
            Map<?, ?> queues = (Map<?, ?>) field.get(dispatcher);
            assertThat(queues.size()).as("queues kept for names with no task and no poll").isLessThan(100);
        } finally {
            dispatcher.close();
        }
    }
}
