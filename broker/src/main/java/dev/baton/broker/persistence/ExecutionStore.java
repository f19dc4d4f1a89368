package dev.baton.broker.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes a batch of decisions in one transaction: execution rows, history events, task and timer rows.
 * Batched prepared statements, one round trip per table, whatever the batch size.
 */
public final class ExecutionStore {
    /** Another writer changed an execution first; the whole transaction was rolled back. */
    public static final class VersionConflict extends Exception {
        private final List<Integer> indexes;

        VersionConflict(List<Integer> indexes) {
            super("execution version conflict", null, false, false);
            this.indexes = List.copyOf(indexes);
        }

        /** Indexes into the batch of the writes that conflicted. */
        public List<Integer> indexes() {
            return indexes;
        }
    }

    private final Database db;

    public ExecutionStore(Database db) {
        this.db = db;
    }

    /** Commits the batch or throws, leaving nothing written. */
    public void commit(List<ExecutionWrite> writes) throws SQLException, VersionConflict {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                List<Integer> conflicts = ExecutionRepository.write(c, writes);
                if (!conflicts.isEmpty()) {
                    c.rollback();
                    throw new VersionConflict(conflicts);
                }
                HistoryRepository.write(c, writes);
                ActivityTaskRepository.write(c, writes);
                TimerRepository.write(c, writes);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
