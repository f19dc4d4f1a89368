package dev.baton.broker.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The commit writer's own connection, with its prepared statements kept across transactions (the
 * writer runs the same few statements thousands of times a second; preparing them each time was a
 * measurable share of its work). Used by one thread only; dropped and reopened after any failure.
 */
final class WriterSession implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    WriterSession(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
    }

    Connection connection() {
        return connection;
    }

    PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    @Override
    public void close() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        try {
            connection.rollback();
            connection.setAutoCommit(true);
            connection.close();
        } catch (SQLException ignored) {
            // the connection is broken; the pool replaces it
        }
    }
}
