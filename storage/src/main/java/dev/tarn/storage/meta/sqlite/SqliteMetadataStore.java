package dev.tarn.storage.meta.sqlite;

import dev.tarn.storage.blob.BlobId;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.MetadataStoreException;
import dev.tarn.storage.meta.MetadataTransaction;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The embedded metadata store: one SQLite database file in WAL mode.
 *
 * <p>Writes are serialized through a single connection under a lock, each in a
 * {@code BEGIN IMMEDIATE} transaction committed with {@code synchronous=FULL}, so a write that
 * returned is on disk. Reads run on their own connections, each call in one read transaction:
 * WAL gives it a snapshot as of its first statement and never makes it wait for the writer.
 */
public final class SqliteMetadataStore
        implements MetadataStore
{
    /** The database file's name inside the data directory. */
    public static final String FILE_NAME = "metadata.db";

    private static final int BUSY_TIMEOUT_MILLIS = 30_000;
    private static final int MAX_IDLE_READERS = 8;

    private final Path file;
    private final ColumnCodec codec = new ColumnCodec();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReadConnectionPool readers;
    // guarded by writeLock
    private Connection writer;
    private volatile boolean closed;

    private SqliteMetadataStore(Path file)
    {
        this.file = file.toAbsolutePath();
        this.writer = openWriter(this.file);
        this.readers = new ReadConnectionPool(this::openReader, MAX_IDLE_READERS);
    }

    /** Opens (creating or migrating as needed) the store in {@link #FILE_NAME} under the data directory. */
    public static SqliteMetadataStore openInDirectory(Path dataDirectory)
    {
        requireNonNull(dataDirectory, "dataDirectory is null");
        return open(dataDirectory.resolve(FILE_NAME));
    }

    /** Opens (creating or migrating as needed) the store in the given database file. */
    public static SqliteMetadataStore open(Path file)
    {
        requireNonNull(file, "file is null");
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create directory for the metadata database: " + parent, e);
        }
        return new SqliteMetadataStore(file);
    }

    @Override
    public <T> T read(Function<MetadataReader, T> reads)
    {
        requireNonNull(reads, "reads is null");
        return readSession(reads::apply);
    }

    @Override
    public <T> T write(Function<MetadataTransaction, T> writes)
    {
        requireNonNull(writes, "writes is null");
        return writeSession(writes::apply);
    }

    @Override
    public void forEachReferencedBlob(Consumer<BlobId> consumer)
    {
        requireNonNull(consumer, "consumer is null");
        readSession(reader -> {
            reader.forEachReferencedBlob(consumer);
            return null;
        });
    }

    @Override
    public Optional<String> setting(String name)
    {
        requireNonNull(name, "name is null");
        return readSession(reader -> reader.setting(name));
    }

    @Override
    public void putSetting(String name, String value)
    {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        writeSession(transaction -> {
            transaction.putSetting(name, value);
            return null;
        });
    }

    @Override
    public void close()
    {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try (readers; Connection connection = writer) {
                // closing the last connection checkpoints the WAL into the database file
            }
            catch (SQLException e) {
                throw new MetadataStoreException("cannot close metadata database " + file + ": " + e.getMessage(), e);
            }
        }
        finally {
            writeLock.unlock();
        }
    }

    private <T> T readSession(Function<SqliteReader, T> reads)
    {
        Connection connection = sql("open a read connection", readers::borrow);
        boolean reusable = true;
        try {
            return inTransaction(connection, "BEGIN", session -> reads.apply(new SqliteReader(session, codec)));
        }
        catch (TransactionStateUnknown e) {
            reusable = false;
            throw e.failure();
        }
        catch (MetadataStoreException e) {
            // a database failure may have left the connection unusable: do not pool it
            reusable = false;
            throw e;
        }
        finally {
            boolean keep = reusable;
            sql("return a read connection", () -> {
                readers.release(connection, keep);
                return null;
            });
        }
    }

    private <T> T writeSession(Function<SqliteTransaction, T> writes)
    {
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("metadata write started inside another write");
        }
        writeLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("metadata store is closed");
            }
            try {
                return inTransaction(writer, "BEGIN IMMEDIATE", session -> writes.apply(new SqliteTransaction(session, codec)));
            }
            catch (TransactionStateUnknown e) {
                // the connection may still be inside the failed transaction: start afresh
                replaceWriter(e);
                throw e.failure();
            }
        }
        finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs {@code body} in a transaction on the connection; commits when it returns, rolls back
     * when it throws. A rollback that fails is reported as {@link TransactionStateUnknown}.
     */
    private static <T> T inTransaction(Connection connection, String begin, Function<SqlSession, T> body)
    {
        execute(connection, begin, "begin a metadata transaction");
        SqlSession session = new SqlSession(connection);
        T result;
        try {
            result = body.apply(session);
        }
        catch (Throwable failure) {
            session.end();
            rollback(connection, failure);
            throw failure;
        }
        session.end();
        try {
            execute(connection, "COMMIT", "commit a metadata transaction");
        }
        catch (MetadataStoreException failure) {
            rollback(connection, failure);
            throw failure;
        }
        return result;
    }

    private static void rollback(Connection connection, Throwable failure)
    {
        try {
            execute(connection, "ROLLBACK", "roll back a metadata transaction");
        }
        catch (MetadataStoreException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
            throw new TransactionStateUnknown(failure);
        }
    }

    private void replaceWriter(TransactionStateUnknown state)
    {
        try {
            writer.close();
        }
        catch (SQLException e) {
            state.failure().addSuppressed(e);
        }
        writer = openWriter(file);
    }

    private static void execute(Connection connection, String sql, String what)
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new MetadataStoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private static Connection openWriter(Path file)
    {
        SQLiteConfig config = baseConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        try {
            Connection connection = config.createConnection(url(file));
            try {
                SqliteSchema.migrate(connection);
            }
            catch (RuntimeException e) {
                connection.close();
                throw e;
            }
            return connection;
        }
        catch (SQLException e) {
            throw new MetadataStoreException("cannot open metadata database " + file + ": " + e.getMessage(), e);
        }
    }

    private Connection openReader()
            throws SQLException
    {
        Connection connection = baseConfig().createConnection(url(file));
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only = 1");
        }
        catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static SQLiteConfig baseConfig()
    {
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config;
    }

    private static String url(Path file)
    {
        return "jdbc:sqlite:" + file;
    }

    private static <T> T sql(String what, SqlCall<T> call)
    {
        try {
            return call.call();
        }
        catch (SQLException e) {
            throw new MetadataStoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlCall<T>
    {
        T call()
                throws SQLException;
    }

    /** A transaction failed and could not be rolled back; the connection's state is unknown. */
    private static final class TransactionStateUnknown
            extends RuntimeException
    {
        private final Throwable failure;

        TransactionStateUnknown(Throwable failure)
        {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }

        /** The original failure, to rethrow to the caller. */
        RuntimeException failure()
        {
            if (failure instanceof RuntimeException runtime) {
                return runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return new MetadataStoreException(failure.getMessage(), failure);
        }
    }
}
