package dev.baton.broker.persistence;

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
    private WriterSession session;

    public ExecutionStore(Database db) {
        this.db = db;
    }

    /**
     * Commits the batch or throws, leaving nothing written. Called by one thread (the commit pipeline's
     * writer), which keeps a connection and its prepared statements between calls.
     */
    public void commit(List<ExecutionWrite> writes) throws SQLException, VersionConflict {
        if (session == null) {
            session = new WriterSession(db.connection());
        }
        try {
            List<Integer> conflicts = ExecutionRepository.write(session, writes);
            if (!conflicts.isEmpty()) {
                session.connection().rollback();
                throw new VersionConflict(conflicts);
            }
            HistoryRepository.write(session, writes);
            ActivityTaskRepository.write(session, writes);
            TimerRepository.write(session, writes);
            BrokerCallRepository.write(session, writes);
            MapRunRepository.write(session, writes);
            session.connection().commit();
        } catch (SQLException | RuntimeException e) {
            session.close();
            session = null;
            throw e;
        }
    }

    /** Releases the writer's connection. */
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
