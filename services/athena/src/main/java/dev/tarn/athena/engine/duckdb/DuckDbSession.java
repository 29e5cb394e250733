package dev.tarn.athena.engine.duckdb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A private in-memory DuckDB for one statement, configured for Trino's semantics (integer
 * division, UTC) and the statement's resource limits, spilling into its scratch folder. Its
 * running statement can be cancelled from another thread.
 */
final class DuckDbSession
        implements AutoCloseable
{
    private final Connection connection;
    private final AtomicReference<Statement> running = new AtomicReference<>();

    private DuckDbSession(Connection connection)
    {
        this.connection = connection;
    }

    static DuckDbSession open(EngineSettings settings, Path scratch)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", "true");
        Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        try (Statement setup = connection.createStatement()) {
            setup.execute("SET TimeZone = 'UTC'");
            setup.execute("SET threads = " + settings.threads());
            setup.execute("SET memory_limit = '" + settings.memoryLimitMegabytes() + "MB'");
            setup.execute("SET temp_directory = " + DuckDbSql.string(scratch.resolve("spill").toString()));
            setup.execute("SET integer_division = true");
            setup.execute("SET enable_progress_bar = false");
            setup.execute("SET autoinstall_known_extensions = false");
            setup.execute("SET autoload_known_extensions = false");
        }
        catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new DuckDbSession(connection);
    }

    Connection connection()
    {
        return connection;
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
