package dev.baton.broker.api.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The requests the server is answering, so that closing can wait for them and then cancel the rest
 * (a parked GetActivityTask would otherwise hold the close for up to a minute).
 */
final class InFlightExchanges {

    /** What closing needs from a request still in flight. */
    interface Cancellable {
        void cancel(String reason);
    }

    private final Set<Cancellable> active = new HashSet<>();
    private boolean closing;

    synchronized boolean isClosing() {
        return closing;
    }

    synchronized void add(Cancellable exchange) {
        active.add(exchange);
    }

    synchronized void remove(Cancellable exchange) {
        if (active.remove(exchange) && active.isEmpty()) {
            notifyAll();
        }
    }

    synchronized int size() {
        return active.size();
    }

    /** Refuses new requests from now on (they get ServiceUnavailable). */
    synchronized void startClosing() {
        closing = true;
    }

    /** Waits until no request is in flight, at most {@code timeout}; true when none is left. */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!active.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    void cancelAll(String reason) {
        List<Cancellable> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(active);
        }
        // Outside the lock: cancelling completes calls, whose completion removes them from this set.
        snapshot.forEach(exchange -> exchange.cancel(reason));
    }
}
