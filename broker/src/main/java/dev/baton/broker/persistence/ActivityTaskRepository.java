package dev.baton.broker.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** SQL for the {@code activity_task} table: scheduled tasks no worker has taken yet. */
public final class ActivityTaskRepository {
    private final Database db;

    public ActivityTaskRepository(Database db) {
        this.db = db;
    }

    /** Every waiting task, oldest first (to re-queue them after a restart). */
    public List<ExecutionWrite.ActivityTaskRecord> all() {
        return Sql.query(db, "SELECT token, execution_id, activity_arn, input, created_at FROM activity_task ORDER BY created_at",
                ps -> {
                }, rs -> new ExecutionWrite.ActivityTaskRecord(rs.getString(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5)));
    }

    static void write(Connection c, List<ExecutionWrite> writes) throws SQLException {
        // Deletes first: a task taken back and offered again within one batch is deleted then re-inserted.
        try (PreparedStatement del = c.prepareStatement("DELETE FROM activity_task WHERE token = ?")) {
            boolean any = false;
            for (ExecutionWrite w : writes) {
                for (String token : w.tasksToDelete()) {
                    del.setString(1, token);
                    del.addBatch();
                    any = true;
                }
            }
            if (any) {
                del.executeBatch();
            }
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO activity_task (token, execution_id, activity_arn, input, created_at) VALUES (?, ?, ?, ?, ?)")) {
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
    }
}
