package dev.baton.broker.persistence;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code activity} table. */
public final class ActivityRepository {
    public record ActivityRecord(String arn, String name, long createdAt) {
    }

    private final Database db;

    public ActivityRepository(Database db) {
        this.db = db;
    }

    /** Inserts; returns false when the activity exists already. */
    public boolean insert(ActivityRecord r) {
        try {
            Sql.update(db, "INSERT INTO activity (arn, name, created_at) VALUES (?, ?, ?)", ps -> {
                ps.setString(1, r.arn());
                ps.setString(2, r.name());
                ps.setLong(3, r.createdAt());
            });
            return true;
        } catch (PersistenceException e) {
            if (e.getCause() instanceof SQLException sql && Sql.isDuplicateKey(sql)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<ActivityRecord> find(String arn) {
        return Sql.queryOne(db, "SELECT arn, name, created_at FROM activity WHERE arn = ?", ps -> ps.setString(1, arn),
                ActivityRepository::map);
    }

    public List<ActivityRecord> list(String afterArn, int limit) {
        return Sql.query(db, "SELECT arn, name, created_at FROM activity WHERE arn > ? ORDER BY arn LIMIT ?", ps -> {
            ps.setString(1, afterArn == null ? "" : afterArn);
            ps.setInt(2, limit);
        }, ActivityRepository::map);
    }

    public boolean delete(String arn) {
        return Sql.update(db, "DELETE FROM activity WHERE arn = ?", ps -> ps.setString(1, arn)) > 0;
    }

    private static ActivityRecord map(java.sql.ResultSet rs) throws SQLException {
        return new ActivityRecord(rs.getString(1), rs.getString(2), rs.getLong(3));
    }
}
