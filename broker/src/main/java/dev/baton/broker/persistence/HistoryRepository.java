package dev.baton.broker.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for the {@code history_chunk} table: each decision's events in one row (a JSON array), so
 * appending costs one row however many states a decision ran.
 */
public final class HistoryRepository {
    /** Chunks read per query while filling a page. */
    static final int CHUNKS_PER_READ = 50;

    /** An event as read back: details is AWS's details object, or null. */
    public record Event(int id, int previousId, String type, long timestamp, JsonNode details) {
    }

    private final Database db;

    public HistoryRepository(Database db) {
        this.db = db;
    }

    /**
     * Up to {@code limit} events of an execution in id order after event {@code afterId} (0: from the
     * start), or in reverse order before {@code afterId} (0: from the end).
     */
    public List<Event> page(long executionId, int afterId, boolean reverse, int limit) {
        List<Event> out = new ArrayList<>(Math.min(limit, 1000));
        int position = reverse && afterId == 0 ? Integer.MAX_VALUE : afterId;
        while (out.size() < limit) {
            int from = position;
            List<String> chunks = Sql.query(db, reverse
                    ? "SELECT events FROM history_chunk WHERE execution_id = ? AND first_id < ? ORDER BY first_id DESC LIMIT ?"
                    : "SELECT events FROM history_chunk WHERE execution_id = ? AND last_id > ? ORDER BY first_id LIMIT ?",
                    ps -> {
                        ps.setLong(1, executionId);
                        ps.setInt(2, from);
                        ps.setInt(3, CHUNKS_PER_READ);
                    }, rs -> rs.getString(1));
            if (chunks.isEmpty()) {
                break;
            }
            for (String chunk : chunks) {
                List<Event> events = parse(chunk);
                if (reverse) {
                    java.util.Collections.reverse(events);
                }
                for (Event e : events) {
                    boolean inRange = reverse ? e.id() < from : e.id() > from;
                    if (inRange && out.size() < limit) {
                        out.add(e);
                    }
                }
            }
            position = out.isEmpty() ? position : out.getLast().id();
            if (chunks.size() < CHUNKS_PER_READ) {
                break;
            }
        }
        return out;
    }

    private static List<Event> parse(String chunk) {
        try {
            JsonNode array = Json.parse(chunk);
            List<Event> events = new ArrayList<>(array.size());
            for (JsonNode e : array) {
                JsonNode details = e.get("details");
                events.add(new Event(e.get("id").intValue(), e.get("previousEventId").intValue(), e.get("type").textValue(),
                        e.get("timestamp").longValue(), details == null || details.isNull() ? null : details));
            }
            return events;
        } catch (JsonProcessingException e) {
            throw new PersistenceException("A stored history chunk could not be read: " + e.getOriginalMessage(), e);
        }
    }

    static void write(WriterSession session, List<ExecutionWrite> writes) throws SQLException {
        {
            PreparedStatement ps = session.statement(
                "INSERT INTO history_chunk (execution_id, first_id, last_id, events) VALUES (?, ?, ?, ?)");
            boolean any = false;
            for (ExecutionWrite w : writes) {
                List<ExecutionWrite.StoredEvent> events = w.events();
                if (events.isEmpty()) {
                    continue;
                }
                StringBuilder json = new StringBuilder(256 * events.size()).append('[');
                for (int i = 0; i < events.size(); i++) {
                    ExecutionWrite.StoredEvent e = events.get(i);
                    if (i > 0) {
                        json.append(',');
                    }
                    json.append("{\"id\":").append(e.id())
                            .append(",\"previousEventId\":").append(e.previousId())
                            .append(",\"type\":\"").append(e.type())
                            .append("\",\"timestamp\":").append(e.timestamp())
                            .append(",\"details\":").append(e.details() == null ? "null" : e.details())
                            .append('}');
                }
                json.append(']');
                ps.setLong(1, w.executionId());
                ps.setInt(2, events.getFirst().id());
                ps.setInt(3, events.getLast().id());
                ps.setString(4, json.toString());
                ps.addBatch();
                any = true;
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }
}
