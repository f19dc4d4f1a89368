package dev.baton.broker.persistence;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code state_machine} table. */
public final class StateMachineRepository {
    /** A state machine; {@code definition} is its text, stored under {@code definitionHash}. */
    public record StateMachineRecord(String arn, String name, String type, String definitionHash, String definition,
                                     String roleArn, long createdAt) {
    }

    private static final String COLUMNS = "s.arn, s.name, s.type, s.definition_hash, d.text, s.role_arn, s.created_at";
    private static final String FROM = " FROM state_machine s JOIN definition d ON d.hash = s.definition_hash";
    private final Database db;

    public StateMachineRepository(Database db) {
        this.db = db;
    }

    /**
     * Inserts; the definition text must already be saved under {@code definitionHash}
     * ({@link DefinitionRepository#save}). Returns false when a state machine with this ARN exists already.
     */
    public boolean insert(StateMachineRecord r) {
        try {
            Sql.update(db, "INSERT INTO state_machine (arn, name, type, definition_hash, role_arn, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", ps -> {
                ps.setString(1, r.arn());
                ps.setString(2, r.name());
                ps.setString(3, r.type());
                ps.setString(4, r.definitionHash());
                ps.setString(5, r.roleArn());
                ps.setLong(6, r.createdAt());
            });
            return true;
        } catch (PersistenceException e) {
            if (e.getCause() instanceof SQLException sql && Sql.isDuplicateKey(sql)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<StateMachineRecord> find(String arn) {
        return Sql.queryOne(db, "SELECT " + COLUMNS + FROM + " WHERE s.arn = ?", ps -> ps.setString(1, arn),
                StateMachineRepository::map);
    }

    /** A page ordered by ARN, starting after {@code afterArn} (null for the first page). */
    public List<StateMachineRecord> list(String afterArn, int limit) {
        return Sql.query(db, "SELECT " + COLUMNS + FROM + " WHERE s.arn > ? ORDER BY s.arn LIMIT ?", ps -> {
            ps.setString(1, afterArn == null ? "" : afterArn);
            ps.setInt(2, limit);
        }, StateMachineRepository::map);
    }

    public boolean delete(String arn) {
        return Sql.update(db, "DELETE FROM state_machine WHERE arn = ?", ps -> ps.setString(1, arn)) > 0;
    }

    private static StateMachineRecord map(java.sql.ResultSet rs) throws SQLException {
        return new StateMachineRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getLong(7));
    }
}
