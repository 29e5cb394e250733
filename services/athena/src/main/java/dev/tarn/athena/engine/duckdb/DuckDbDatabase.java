package dev.tarn.athena.engine.duckdb;

import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The engine's one in-memory DuckDB: statements get their own connections to it (starting a
 * database per statement costs more than most small queries). It is configured once for Trino's
 * semantics (integer division, UTC) and locked down: it may touch files only in the scratch
 * directory, and its configuration cannot be changed afterwards.
 */
final class DuckDbDatabase
        implements AutoCloseable
{
    private final DuckDBConnection root;

    private DuckDbDatabase(DuckDBConnection root)
    {
        this.root = root;
    }

    /** @param cacheFolder the plaintext cache's folder, which statements may read too */
    static DuckDbDatabase open(EngineSettings settings, java.util.Optional<Path> cacheFolder)
    {
        try {
            Files.createDirectories(settings.scratchDirectory());
            Path scratch = settings.scratchDirectory().toRealPath();
            Properties properties = new Properties();
            properties.setProperty("jdbc_stream_results", "true");
            DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
            try (Statement setup = root.createStatement()) {
                setup.execute("SET TimeZone = 'UTC'");
                setup.execute("SET integer_division = true");
                setup.execute("SET threads = " + settings.threads());
                setup.execute("SET memory_limit = '" + settings.memoryLimitMegabytes() + "MB'");
                setup.execute("SET temp_directory = " + DuckDbSql.string(scratch.resolve("spill").toString()));
                setup.execute("SET enable_progress_bar = false");
                setup.execute("SET autoinstall_known_extensions = false");
                setup.execute("SET autoload_known_extensions = false");
                StringBuilder allowed = new StringBuilder(DuckDbSql.string(scratch + "/"));
                for (Path folder : cacheFolder.stream().toList()) {
                    allowed.append(", ").append(DuckDbSql.string(folder.toRealPath() + "/"));
                }
                setup.execute("SET allowed_directories = [" + allowed + "]");
                setup.execute("SET enable_external_access = false");
                setup.execute("SET lock_configuration = true");
            }
            catch (SQLException e) {
                root.close();
                throw e;
            }
            return new DuckDbDatabase(root);
        }
        catch (SQLException e) {
            throw new IllegalStateException("DuckDB did not start", e);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new connection for one statement. */
    DuckDbSession session()
            throws SQLException
    {
        synchronized (root) {
            return new DuckDbSession(root.duplicate());
        }
    }

    @Override
    public void close()
    {
        try {
            root.close();
        }
        catch (SQLException e) {
            // nothing left to release
        }
    }
}
