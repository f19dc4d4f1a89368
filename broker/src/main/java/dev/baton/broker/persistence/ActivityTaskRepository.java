package dev.baton.broker.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * SQL for the {@code activity_task} table: a row per activity task from scheduled until it ends.
 * Whether a worker has it is part of its execution's snapshot, not of this row, so handing a task
 * out costs no write here.
 */
public final class ActivityTaskRepository {
    private final Database db;

    public ActivityTaskRepository(Database db) {
        this.db = db;
    }

    /** Every open task, oldest first (to queue them again after a restart). */
    public List<ExecutionWrite.ActivityTaskRecord> all() {
        return Sql.query(db, "SELECT token, execution_id, activity_arn, input, created_at FROM activity_task"
                        + " ORDER BY created_at", ps -> {
                }, rs -> new ExecutionWrite.ActivityTaskRecord(rs.getString(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5)));
    }

    static void write(WriterSession session, List<ExecutionWrite> writes) throws SQLException {
        PreparedStatement ins = session.statement("INSERT INTO activity_task"
                + " (token, execution_id, activity_arn, input, created_at) VALUES (?, ?, ?, ?, ?)");
        PreparedStatement del = session.statement("DELETE FROM activity_task WHERE token = ?");
        boolean inserts = false;
        boolean deletes = false;
        for (ExecutionWrite w : writes) {
            for (ExecutionWrite.ActivityTaskRecord t : w.tasksToInsert()) {
                ins.setString(1, t.token());
                ins.setLong(2, t.executionId());
                ins.setString(3, t.activityArn());
                ins.setString(4, t.input());
                ins.setLong(5, t.createdAt());
                ins.addBatch();
                inserts = true;
            }
            for (String token : w.tasksToDelete()) {
                del.setString(1, token);
                del.addBatch();
                deletes = true;
            }
        }
        if (inserts) {
            ins.executeBatch();
        }
        if (deletes) {
            del.executeBatch();
        }
    }
}
