package dev.baton.broker.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * SQL for the {@code broker_call} table: a row per call the broker makes for a task (a child
 * execution's start, a Step Functions API call), from the decision that makes it until its task ends.
 */
public final class BrokerCallRepository {
    /**
     * A stored call.
     *
     * @param childArn the ended child's ARN once {@code ended}, else null
     */
    public record StoredCall(String token, long executionId, String request, boolean ended, String childArn) {
    }

    private final Database db;

    public BrokerCallRepository(Database db) {
        this.db = db;
    }

    /** Every open call (for recovery after a restart). */
    public List<StoredCall> all() {
        return Sql.query(db, "SELECT token, execution_id, request, ended, child_arn FROM broker_call", ps -> {
        }, rs -> new StoredCall(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), rs.getString(5)));
    }

    static void write(WriterSession session, List<ExecutionWrite> writes) throws SQLException {
        PreparedStatement ins = null;
        PreparedStatement end = null;
        PreparedStatement del = null;
        // Deletes first: a decision may end an item's call and make a new one under the same token
        // (a map run's child that could not be redriven is started instead).
        for (ExecutionWrite w : writes) {
            for (String token : w.callsToDelete()) {
                if (del == null) {
                    del = session.statement("DELETE FROM broker_call WHERE token = ?");
                }
                del.setString(1, token);
                del.addBatch();
            }
        }
        if (del != null) {
            del.executeBatch();
        }
        for (ExecutionWrite w : writes) {
            for (ExecutionWrite.CallRecord c : w.callsToInsert()) {
                if (ins == null) {
                    ins = session.statement("INSERT INTO broker_call (token, execution_id, request, ended) VALUES (?, ?, ?, FALSE)");
                }
                ins.setString(1, c.token());
                ins.setLong(2, c.executionId());
                ins.setString(3, c.request());
                ins.addBatch();
            }
        }
        if (ins != null) {
            ins.executeBatch();
        }
        for (ExecutionWrite w : writes) {
            for (ExecutionWrite.CallEnded c : w.callsEnded()) {
                if (end == null) {
                    end = session.statement("UPDATE broker_call SET ended = TRUE, child_arn = ? WHERE token = ?");
                }
                end.setString(1, c.childArn());
                end.setString(2, c.token());
                end.addBatch();
            }
        }
        if (end != null) {
            end.executeBatch();
        }
    }
}
