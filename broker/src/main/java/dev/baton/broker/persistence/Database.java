package dev.baton.broker.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The broker's database: a connection pool and the schema, migrated by Flyway at start-up.
 *
 * <p>The embedded default is H2 in file mode with {@code WRITE_DELAY=0}: with H2's default 500 ms
 * write delay a killed broker loses commits it has already acknowledged (measured, see BUILD-NOTES);
 * with 0 it does not. Throughput comes back from batching many decisions per transaction.
 */
public final class Database implements AutoCloseable {
    /** Connections: the commit pipeline's one writer plus readers for API calls. */
    public static final int DEFAULT_POOL_SIZE = 8;

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens (creating if needed) the embedded H2 database under {@code dataDir}. */
    public static Database openEmbedded(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("baton")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
        return open(url, "sa", "");
    }

    /** Opens a database by JDBC URL (H2 or PostgreSQL) and migrates its schema. */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(DEFAULT_POOL_SIZE);
        config.setPoolName("baton-db");
        config.setAutoCommit(true);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException(describeOpenFailure(jdbcUrl, e), e);
        }
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new IllegalStateException("Cannot migrate the database schema: " + e.getMessage(), e);
        }
        return new Database(ds);
    }

    private static String describeOpenFailure(String url, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        if (message.contains("Database may be already in use") || message.contains("locked by another process")) {
            return "The data directory is in use by another Baton broker (or another process holds its H2 database lock). "
                    + "Stop the other broker or choose another --data-dir.";
        }
        return "Cannot open the database " + url.replaceAll(";.*", "") + ": " + message;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
