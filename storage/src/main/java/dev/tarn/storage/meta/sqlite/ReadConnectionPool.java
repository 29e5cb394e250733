package dev.tarn.storage.meta.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

import static java.util.Objects.requireNonNull;

/**
 * Read-only connections for concurrent readers. A reader never waits: when no idle connection
 * is at hand a new one is opened; at most {@code maxIdle} are kept for reuse.
 */
final class ReadConnectionPool
        implements AutoCloseable
{
    @FunctionalInterface
    interface ConnectionFactory
    {
        Connection open()
                throws SQLException;
    }

    private final ConnectionFactory factory;
    private final int maxIdle;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    ReadConnectionPool(ConnectionFactory factory, int maxIdle)
    {
        this.factory = requireNonNull(factory, "factory is null");
        if (maxIdle < 0) {
            throw new IllegalArgumentException("negative maxIdle");
        }
        this.maxIdle = maxIdle;
    }

    Connection borrow()
            throws SQLException
    {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("metadata store is closed");
            }
            Connection connection = idle.pollFirst();
            if (connection != null) {
                return connection;
            }
        }
        return factory.open();
    }

    /** Takes a connection back; {@code reusable} is false when it failed and may be in a bad state. */
    void release(Connection connection, boolean reusable)
            throws SQLException
    {
        synchronized (this) {
            if (reusable && !closed && idle.size() < maxIdle) {
                idle.addFirst(connection);
                return;
            }
        }
        connection.close();
    }

    @Override
    public void close()
            throws SQLException
    {
        Deque<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        SQLException failure = null;
        for (Connection connection : toClose) {
            try {
                connection.close();
            }
            catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                }
                else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
