package dev.baton.broker.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/** SQL for the {@code activity_task} table: activity tasks from scheduled until they end. */
public final class ActivityTaskRepository {
    private final Database db;

    public ActivityTaskRepository(Database db) {
        this.db = db;
    }

    /** Every open task, oldest first (to queue them again after a restart). */
    public List<ExecutionWrite.ActivityTaskRecord> all() {
        return Sql.query(db, "SELECT token, execution_id, activity_arn, input, created_at, started FROM activity_task"
                        + " ORDER BY created_at", ps -> {
                }, rs -> new ExecutionWrite.ActivityTaskRecord(rs.getString(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.getBoolean(6)));
    }

    static void write(Connection c, List<ExecutionWrite> writes) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO activity_task"
                + " (token, execution_id, activity_arn, input, created_at, started) VALUES (?, ?, ?, ?, ?, FALSE)")) {
            boolean any = false;
            for (ExecutionWrite w : writes) {
                for (ExecutionWrite.ActivityTaskRecord t : w.tasksToInsert()) {
                    ins.setString(1, t.token());
                    ins.setLong(2, t.executionId());
                    ins.setString(3, t.activityArn());
                    ins.setString(4, t.input());
                    ins.setLong(5, t.createdAt());
                    ins.addBatch();
                    any = true;
                }
            }
            if (any) {
                ins.executeBatch();
            }
        }
        byToken(c, writes, "UPDATE activity_task SET started = TRUE WHERE token = ?", ExecutionWrite::tasksToStart);
        byToken(c, writes, "UPDATE activity_task SET started = FALSE WHERE token = ?", ExecutionWrite::tasksToRelease);
        byToken(c, writes, "DELETE FROM activity_task WHERE token = ?", ExecutionWrite::tasksToDelete);
    }

    private static void byToken(Connection c, List<ExecutionWrite> writes, String sql,
                                Function<ExecutionWrite, List<String>> tokens) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            boolean any = false;
            for (ExecutionWrite w : writes) {
                for (String token : tokens.apply(w)) {
                    ps.setString(1, token);
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
