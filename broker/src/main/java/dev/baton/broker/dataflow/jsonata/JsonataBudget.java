package dev.baton.broker.dataflow.jsonata;

import java.time.Duration;

/**
 * How long one decision may spend evaluating JSONata, all expressions together. Each evaluation has
 * its own timeout ({@link JsonataLimits#timeout()}), but a decision can evaluate many (a Map's items,
 * a Catch that loops back to its state): without a shared budget one decision could hold its thread,
 * and everything queued behind it, for as long as it kept finding expressions to run.
 */
public final class JsonataBudget {
    /** The default budget of one decision. */
    public static final Duration DEFAULT_PER_DECISION = JsonataLimits.DEFAULT_TIMEOUT;

    private final Duration budget;
    private final long deadline;

    private JsonataBudget(Duration budget) {
        this.budget = budget;
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    /** A budget that starts now. */
    public static JsonataBudget startingNow(Duration budget) {
        return new JsonataBudget(budget);
    }

    long deadline() {
        return deadline;
    }

    Duration budget() {
        return budget;
    }
}
