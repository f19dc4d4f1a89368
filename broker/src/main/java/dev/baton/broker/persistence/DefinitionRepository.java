package dev.baton.broker.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/** SQL for the {@code definition} table: definition texts by SHA-256, written once, never changed. */
public final class DefinitionRepository {
    private final Database db;

    public DefinitionRepository(Database db) {
        this.db = db;
    }

    public static String hash(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Stores the text (if not stored yet) and returns its hash. */
    public String save(String text) {
        String hash = hash(text);
        if (find(hash).isPresent()) {
            return hash;
        }
        try {
            Sql.update(db, "INSERT INTO definition (hash, text) VALUES (?, ?)", ps -> {
                ps.setString(1, hash);
                ps.setString(2, text);
            });
        } catch (PersistenceException e) {
            if (!(e.getCause() instanceof SQLException sql && Sql.isDuplicateKey(sql))) {
                throw e;
            }
        }
        return hash;
    }

    public Optional<String> find(String hash) {
        return Sql.queryOne(db, "SELECT text FROM definition WHERE hash = ?", ps -> ps.setString(1, hash),
                rs -> rs.getString(1));
    }
}
