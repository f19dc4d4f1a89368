package dev.baton.broker.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** SQL for the {@code timer} table. */
public final class TimerRepository {
    private final Database db;

    public TimerRepository(Database db) {
        this.db = db;
    }

    /** Every armed timer (to re-arm them after a restart). */
    public List<ExecutionWrite.TimerRecord> all() {
        return Sql.query(db, "SELECT id, execution_id, due_at FROM timer ORDER BY due_at", ps -> {
        }, rs -> new ExecutionWrite.TimerRecord(rs.getString(1), rs.getLong(2), rs.getLong(3)));
    }

    static void write(WriterSession session, List<ExecutionWrite> writes) throws SQLException {
        {
            PreparedStatement del = session.statement("DELETE FROM timer WHERE id = ?");
            boolean any = false;
            for (ExecutionWrite w : writes) {
                for (String id : w.timersToDelete()) {
                    del.setString(1, id);
                    del.addBatch();
                    any = true;
                }
            }
            if (any) {
                del.executeBatch();
            }
        }
        {
            PreparedStatement ins = session.statement("INSERT INTO timer (id, execution_id, due_at) VALUES (?, ?, ?)");
            boolean any = false;
            for (ExecutionWrite w : writes) {
                for (ExecutionWrite.TimerRecord t : w.timersToInsert()) {
                    ins.setString(1, t.id());
                    ins.setLong(2, t.executionId());
                    ins.setLong(3, t.dueAt());
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
