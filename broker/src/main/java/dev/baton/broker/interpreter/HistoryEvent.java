package dev.baton.broker.interpreter;

/**
 * One event of an execution's history, as the interpreter records it.
 *
 * @param timestamp epoch milliseconds
 * @param details   null for event types without details
 */
public record HistoryEvent(int id, int previousEventId, long timestamp, EventType type, EventDetails details) {
}
