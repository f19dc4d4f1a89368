package dev.baton.broker.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code execution} table, and the id allocator backed by {@code execution_id_seq}. */
public final class ExecutionRepository {
    /** Ids are reserved from the sequence in blocks of this size (the sequence's increment). */
    static final int ID_BLOCK = 100;

    public record ExecutionRecord(long id, String arn, String stateMachineArn, String definitionHash, String name,
                                  String status,
                                  long startTime, Long stopTime, int version, byte[] snapshot) {
    }

    /** A row of ListExecutions (no snapshot). */
    public record ExecutionSummary(long id, String arn, String stateMachineArn, String name, String status,
                                   long startTime, Long stopTime, int redriveCount, Long redriveTime) {
    }

    private static final String ALL = "id, arn, state_machine_arn, definition_hash, name, status, start_time, stop_time,"
            + " redrive_count, redrive_time, version, snapshot, map_run_arn";
    private static final String SUMMARY = "id, arn, state_machine_arn, name, status, start_time, stop_time, redrive_count, redrive_time";

    private final Database db;
    private long nextId;
    private long idLimit;

    public ExecutionRepository(Database db) {
        this.db = db;
    }

    /** A new execution id, unique across brokers sharing the database. */
    public synchronized long allocateId() {
        if (nextId >= idLimit) {
            long start = Sql.queryOne(db, "SELECT nextval('execution_id_seq')", ps -> {
            }, rs -> rs.getLong(1)).orElseThrow();
            nextId = start;
            idLimit = start + ID_BLOCK;
        }
        return nextId++;
    }

    public Optional<ExecutionRecord> find(long id) {
        return Sql.queryOne(db, "SELECT " + ALL + " FROM execution WHERE id = ?", ps -> ps.setLong(1, id),
                ExecutionRepository::map);
    }

    public Optional<ExecutionRecord> findByArn(String arn) {
        return Sql.queryOne(db, "SELECT " + ALL + " FROM execution WHERE arn = ?", ps -> ps.setString(1, arn),
                ExecutionRepository::map);
    }

    /** Executions of a state machine, newest first, optionally of one status, after a page position. */
    public List<ExecutionSummary> list(String stateMachineArn, String status, Boolean redriven, Long beforeStartTime,
                                       Long beforeId, int limit) {
        return list("state_machine_arn", stateMachineArn, status, redriven, beforeStartTime, beforeId, limit);
    }

    /** The child executions of a map run, newest first, optionally of one status, after a page position. */
    public List<ExecutionSummary> listByMapRun(String mapRunArn, String status, Boolean redriven, Long beforeStartTime,
                                               Long beforeId, int limit) {
        return list("map_run_arn", mapRunArn, status, redriven, beforeStartTime, beforeId, limit);
    }

    private List<ExecutionSummary> list(String column, String value, String status, Boolean redriven,
                                        Long beforeStartTime, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY + " FROM execution WHERE " + column + " = ?");
        if (status != null) {
            sql.append(" AND status = ?");
        }
        if (redriven != null) {
            sql.append(redriven ? " AND redrive_count > 0" : " AND redrive_count = 0");
        }
        if (beforeStartTime != null) {
            sql.append(" AND (start_time < ? OR (start_time = ? AND id < ?))");
        }
        sql.append(" ORDER BY start_time DESC, id DESC LIMIT ?");
        return Sql.query(db, sql.toString(), ps -> {
            int i = 1;
            ps.setString(i++, value);
            if (status != null) {
                ps.setString(i++, status);
            }
            if (beforeStartTime != null) {
                ps.setLong(i++, beforeStartTime);
                ps.setLong(i++, beforeStartTime);
                ps.setLong(i++, beforeId);
            }
            ps.setInt(i, limit);
        }, rs -> new ExecutionSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getLong(6), Sql.nullableLong(rs, 7), rs.getInt(8), Sql.nullableLong(rs, 9)));
    }

    /** Ids of executions that are still running (for recovery after a restart). */
    public List<Long> runningIds() {
        return Sql.query(db, "SELECT id FROM execution WHERE status = 'RUNNING'", ps -> {
        }, rs -> rs.getLong(1));
    }

    /**
     * Writes the execution rows of a batch. Returns the indexes (into {@code writes}) whose update found
     * another version stored: another writer changed the execution first.
     */
    static List<Integer> write(WriterSession session, List<ExecutionWrite> writes) throws SQLException {
        boolean anyInsert = false;
        boolean anyUpdate = false;
        for (ExecutionWrite w : writes) {
            anyInsert |= w.insert();
            anyUpdate |= !w.insert();
        }
        if (anyInsert) {
            {
            PreparedStatement ps = session.statement("INSERT INTO execution (" + ALL
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                for (ExecutionWrite w : writes) {
                    if (w.insert()) {
                        ps.setLong(1, w.executionId());
                        ps.setString(2, w.arn());
                        ps.setString(3, w.stateMachineArn());
                        ps.setString(4, w.definitionHash());
                        ps.setString(5, w.name());
                        ps.setString(6, w.status());
                        ps.setLong(7, w.startTime());
                        Sql.setNullableLong(ps, 8, w.stopTime());
                        ps.setInt(9, w.redriveCount());
                        Sql.setNullableLong(ps, 10, w.redriveTime());
                        ps.setInt(11, w.version());
                        ps.setBytes(12, w.snapshot());
                        ps.setString(13, w.mapRunArn());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        if (!anyUpdate) {
            return List.of();
        }
        java.util.ArrayList<Integer> order = new java.util.ArrayList<>();
        {
            PreparedStatement ps = session.statement(
                "UPDATE execution SET status = ?, stop_time = ?, redrive_count = ?, redrive_time = ?, version = ?,"
                + " snapshot = ? WHERE id = ? AND version = ?");
            for (int i = 0; i < writes.size(); i++) {
                ExecutionWrite w = writes.get(i);
                if (!w.insert()) {
                    ps.setString(1, w.status());
                    Sql.setNullableLong(ps, 2, w.stopTime());
                    ps.setInt(3, w.redriveCount());
                    Sql.setNullableLong(ps, 4, w.redriveTime());
                    ps.setInt(5, w.version());
                    ps.setBytes(6, w.snapshot());
                    ps.setLong(7, w.executionId());
                    ps.setInt(8, w.version() - 1);
                    ps.addBatch();
                    order.add(i);
                }
            }
            int[] counts = ps.executeBatch();
            java.util.ArrayList<Integer> conflicts = new java.util.ArrayList<>();
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] == 0) {
                    conflicts.add(order.get(k));
                }
            }
            return conflicts;
        }
    }

    private static ExecutionRecord map(ResultSet rs) throws SQLException {
        return new ExecutionRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), Sql.nullableLong(rs, 8), rs.getInt(11), rs.getBytes(12));
    }
}
