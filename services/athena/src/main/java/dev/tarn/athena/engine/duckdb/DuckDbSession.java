package dev.tarn.athena.engine.duckdb;

import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;

/** One statement's connection to the engine's DuckDB; its running statement can be cancelled from another thread. */
final class DuckDbSession
        implements AutoCloseable
{
    private final Connection connection;
    private final AtomicReference<Statement> running = new AtomicReference<>();

    DuckDbSession(Connection connection)
    {
        this.connection = connection;
    }

    Connection connection()
    {
        return connection;
    }

    /** Another connection to the same database. */
    DuckDbSession sibling()
            throws SQLException
    {
        return new DuckDbSession(connection.unwrap(DuckDBConnection.class).duplicate());
    }

    /** A statement that {@link #cancel()} reaches. */
    Statement statement()
            throws SQLException
    {
        Statement statement = connection.createStatement();
        running.set(statement);
        return statement;
    }

    void cancel()
    {
        Statement statement = running.get();
        if (statement != null) {
            try {
                statement.cancel();
            }
            catch (SQLException e) {
                // the statement ended already
            }
        }
    }

    @Override
    public void close()
    {
        try {
            connection.close();
        }
        catch (SQLException e) {
            // nothing left to release
        }
    }
}
