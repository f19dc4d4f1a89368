package dev.baton.broker.persistence;

import java.security.SecureRandom;
import java.sql.SQLException;

/** SQL for the {@code broker_secret} table: keys created once, on first start, and shared by brokers. */
public final class SecretRepository {
    private final Database db;

    public SecretRepository(Database db) {
        this.db = db;
    }

    /** The named secret, created with {@code bytes} random bytes if it does not exist yet. */
    public byte[] getOrCreate(String name, int bytes) {
        var existing = Sql.queryOne(db, "SELECT secret FROM broker_secret WHERE name = ?", ps -> ps.setString(1, name),
                rs -> rs.getBytes(1));
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] secret = new byte[bytes];
        new SecureRandom().nextBytes(secret);
        try {
            Sql.update(db, "INSERT INTO broker_secret (name, secret) VALUES (?, ?)", ps -> {
                ps.setString(1, name);
                ps.setBytes(2, secret);
            });
            return secret;
        } catch (PersistenceException e) {
            if (e.getCause() instanceof SQLException sql && Sql.isDuplicateKey(sql)) {
                // Another broker created it first: use theirs.
                return getOrCreate(name, bytes);
            }
            throw e;
        }
    }
}
