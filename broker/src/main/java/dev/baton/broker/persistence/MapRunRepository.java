package dev.baton.broker.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * SQL for the {@code map_run} table: one row per map run of a distributed Map, written by the
 * decisions of the execution that runs it (see {@link ExecutionWrite.MapRunRow}).
 */
public final class MapRunRepository {
    private static final String COLUMNS = "arn, execution_id, execution_arn, state_machine_arn, status, start_time,"
            + " stop_time, max_concurrency, tolerated_failure_count, tolerated_failure_percentage, item_counts,"
            + " execution_counts, redrive_count, redrive_time";

    private final Database db;

    public MapRunRepository(Database db) {
        this.db = db;
    }

    public Optional<ExecutionWrite.MapRunRow> find(String arn) {
        return Sql.queryOne(db, "SELECT " + COLUMNS + " FROM map_run WHERE arn = ?", ps -> ps.setString(1, arn),
                MapRunRepository::map);
    }

    /** The map runs an execution started, newest first, after a page position (start time and ARN). */
    public List<ExecutionWrite.MapRunRow> list(long executionId, Long beforeStartTime, String beforeArn, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM map_run WHERE execution_id = ?"
                + (beforeStartTime == null ? "" : " AND (start_time < ? OR (start_time = ? AND arn < ?))")
                + " ORDER BY start_time DESC, arn DESC LIMIT ?";
        return Sql.query(db, sql, ps -> {
            int i = 1;
            ps.setLong(i++, executionId);
            if (beforeStartTime != null) {
                ps.setLong(i++, beforeStartTime);
                ps.setLong(i++, beforeStartTime);
                ps.setString(i++, beforeArn);
            }
            ps.setInt(i, limit);
        }, MapRunRepository::map);
    }

    /**
     * The ARNs of running child executions whose map run has ended (a broker stopped between the
     * map run's end and the stop of its children): they are stopped after a restart.
     */
    public List<String> runningChildrenOfEndedMapRuns() {
        return Sql.query(db, "SELECT e.arn FROM execution e JOIN map_run m ON e.map_run_arn = m.arn"
                + " WHERE e.status = 'RUNNING' AND m.status <> 'RUNNING'", ps -> {
        }, rs -> rs.getString(1));
    }

    static void write(WriterSession session, List<ExecutionWrite> writes) throws SQLException {
        PreparedStatement ins = null;
        PreparedStatement upd = null;
        for (ExecutionWrite w : writes) {
            for (ExecutionWrite.MapRunRow r : w.mapRuns()) {
                if (r.created()) {
                    if (ins == null) {
                        ins = session.statement("INSERT INTO map_run (" + COLUMNS
                                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    }
                    ins.setString(1, r.arn());
                    ins.setLong(2, r.executionId());
                    ins.setString(3, r.executionArn());
                    ins.setString(4, r.stateMachineArn());
                    ins.setString(5, r.status());
                    ins.setLong(6, r.startTime());
                    Sql.setNullableLong(ins, 7, r.stopTime());
                    ins.setInt(8, r.maxConcurrency());
                    ins.setLong(9, r.toleratedFailureCount());
                    ins.setDouble(10, r.toleratedFailurePercentage());
                    ins.setString(11, r.itemCounts());
                    ins.setString(12, r.executionCounts());
                    ins.setInt(13, r.redriveCount());
                    Sql.setNullableLong(ins, 14, r.redriveTime());
                    ins.addBatch();
                } else {
                    if (upd == null) {
                        upd = session.statement("UPDATE map_run SET status = ?, stop_time = ?, max_concurrency = ?,"
                                + " tolerated_failure_count = ?, tolerated_failure_percentage = ?, item_counts = ?,"
                                + " execution_counts = ?, redrive_count = ?, redrive_time = ? WHERE arn = ?");
                    }
                    upd.setString(1, r.status());
                    Sql.setNullableLong(upd, 2, r.stopTime());
                    upd.setInt(3, r.maxConcurrency());
                    upd.setLong(4, r.toleratedFailureCount());
                    upd.setDouble(5, r.toleratedFailurePercentage());
                    upd.setString(6, r.itemCounts());
                    upd.setString(7, r.executionCounts());
                    upd.setInt(8, r.redriveCount());
                    Sql.setNullableLong(upd, 9, r.redriveTime());
                    upd.setString(10, r.arn());
                    upd.addBatch();
                }
            }
        }
        // Inserts first: a map run created and changed in one batch is inserted, then updated.
        if (ins != null) {
            ins.executeBatch();
        }
        if (upd != null) {
            upd.executeBatch();
        }
    }

    private static ExecutionWrite.MapRunRow map(ResultSet rs) throws SQLException {
        return new ExecutionWrite.MapRunRow(rs.getString(1), false, rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getLong(6), Sql.nullableLong(rs, 7), rs.getInt(8), rs.getLong(9), rs.getDouble(10),
                rs.getString(11), rs.getString(12), rs.getInt(13), Sql.nullableLong(rs, 14));
    }
}
