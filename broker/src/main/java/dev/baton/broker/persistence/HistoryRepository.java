package dev.baton.broker.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** SQL for the {@code history_event} table. */
public final class HistoryRepository {
    private final Database db;

    public HistoryRepository(Database db) {
        this.db = db;
    }

    /**
     * A page of an execution's events in id order (or reverse order), after event {@code afterId}
     * (reverse: before {@code afterId}; 0 for the first page).
     */
    public List<ExecutionWrite.StoredEvent> page(long executionId, int afterId, boolean reverse, int limit) {
        String sql = reverse
                ? "SELECT id, previous_id, type, ts, details FROM history_event WHERE execution_id = ? AND id < ? ORDER BY id DESC LIMIT ?"
                : "SELECT id, previous_id, type, ts, details FROM history_event WHERE execution_id = ? AND id > ? ORDER BY id LIMIT ?";
        return Sql.query(db, sql, ps -> {
            ps.setLong(1, executionId);
            ps.setInt(2, reverse && afterId == 0 ? Integer.MAX_VALUE : afterId);
            ps.setInt(3, limit);
        }, rs -> new ExecutionWrite.StoredEvent(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getLong(4),
                rs.getString(5)));
    }

    static void write(Connection c, List<ExecutionWrite> writes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO history_event (execution_id, id, previous_id, type, ts, details) VALUES (?, ?, ?, ?, ?, ?)")) {
            boolean any = false;
            for (ExecutionWrite w : writes) {
                for (ExecutionWrite.StoredEvent e : w.events()) {
                    ps.setLong(1, w.executionId());
                    ps.setInt(2, e.id());
                    ps.setInt(3, e.previousId());
                    ps.setString(4, e.type());
                    ps.setLong(5, e.timestamp());
                    ps.setString(6, e.details());
                    ps.addBatch();
                    any = true;
                }
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }
}
