package dev.tarn.s3.select;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static dev.tarn.s3.select.DuckDbTranslator.quote;
import static java.util.Objects.requireNonNull;

/**
 * One SelectObjectContent query: prepared before the response starts (so bad SQL, a bad header or
 * a type error is an ordinary error response), then run while the response is written, each
 * batch of rows DuckDB produces going out as a Records event, then Stats and End. A failure
 * after the response has started is an error event with S3 Select's code.
 */
final class SelectExecution
        implements ResponseBody, AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(SelectExecution.class);
    private static final int RECORDS_EVENT_BYTES = 64 * 1024;
    private static final long FLUSH_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final SelectRequest request;
    private final Translation translation;
    private final SelectStats stats;
    private final Connection connection;
    private final PreparedStatement statement;
    private final int recordColumns;
    private final Optional<RecordPipes> pipe;
    private final Optional<Path> parquetFile;
    private final ScheduledExecutorService timer;

    private SelectExecution(SelectRequest request, Translation translation, SelectStats stats, Connection connection, PreparedStatement statement,
            int recordColumns, Optional<RecordPipes> pipe, Optional<Path> parquetFile, ScheduledExecutorService timer)
    {
        this.recordColumns = recordColumns;
        this.request = request;
        this.translation = translation;
        this.stats = stats;
        this.connection = connection;
        this.statement = statement;
        this.pipe = pipe;
        this.parquetFile = parquetFile;
        this.timer = timer;
    }

    /** Reads what the translation needs from the object (CSV header, column count), translates and prepares the query. */
    static SelectExecution prepare(SelectRequest request, SelectQuery query, SelectSource source, SelectSettings settings, ScheduledExecutorService timer)
    {
        requireNonNull(settings, "settings is null");
        SelectStats stats = new SelectStats();
        Optional<RecordPipes> pipe = Optional.empty();
        Optional<Path> parquetFile = Optional.empty();
        Connection connection = null;
        try {
            InputSchema schema;
            String from;
            Optional<String> endRow = Optional.empty();
            boolean parallel = false;
            if (request.input() instanceof SelectRequest.CsvInput requested) {
                CsvInputPipes csv = CsvInputPipes.open(requested, request.compression(), query, source, stats, settings);
                pipe = Optional.of(csv.pipes());
                schema = csv.schema();
                from = csv.from();
                endRow = csv.endRow();
                parallel = csv.parallel();
            }
            else if (request.input() instanceof SelectRequest.JsonInput json) {
                schema = new InputSchema.Json();
                pipe = Optional.of(RecordPipes.single(settings.scratchDirectory(), source.open(stats)));
                from = "read_json_objects(" + quote(pipe.get().paths().get(0).toString()) + ", format=" + (json.lines() ? "'newline_delimited'" : "'unstructured'")
                        + ", maximum_object_size=" + settings.maxRecordBytes() + ") AS records(doc)";
            }
            else {
                // Parquet is read by seeking (footer first), which a pipe cannot do: the plaintext goes to an
                // owner-only scratch file that lives only as long as the query.
                schema = new InputSchema.Parquet();
                Files.createDirectories(settings.scratchDirectory());
                Path file = Files.createTempFile(settings.scratchDirectory(), "select-", ".parquet",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                parquetFile = Optional.of(file);
                try (InputStream in = source.open(stats)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                from = "read_parquet(" + quote(file.toString()) + ")";
            }
            Translation translation = endRow.isPresent()
                    ? DuckDbTranslator.translateWithEndRow(query, schema, from, endRow.get())
                    : DuckDbTranslator.translate(query, schema, from);
            // An aggregate over pipes read in parallel returns one row: its result is not streamed, so a failure is
            // raised rather than ending the result early, and the order of the parts does not matter.
            boolean materialized = parallel && endRow.isEmpty();
            Properties properties = new Properties();
            properties.setProperty("jdbc_stream_results", String.valueOf(!materialized));
            connection = DriverManager.getConnection("jdbc:duckdb:", properties);
            try (Statement setup = connection.createStatement()) {
                setup.execute("SET TimeZone = 'UTC'");
                // DuckDB reads a pipe in one task: a second thread would find nothing to do, and the thread fetching a
                // streamed result busy-waits while no task is free (duckdb#22178), taking a core from the reader and
                // from the thread filling the pipe. One thread then runs the whole query, and waits only on the pipe.
                // Several pipes are parsed in parallel.
                setup.execute("SET threads = " + (pipe.isPresent() && !parallel ? 1 : settings.threads()));
                setup.execute("SET preserve_insertion_order = " + !materialized);
                setup.execute("SET memory_limit = '" + settings.memoryLimitMegabytes() + "MB'");
                setup.execute("SET enable_progress_bar = false");
                setup.execute("SET autoinstall_known_extensions = false");
            }
            PreparedStatement statement;
            int recordColumns;
            try {
                if (endRow.isPresent()) {
                    // the translation's last column marks the end row
                    statement = connection.prepareStatement(translation.sql());
                    recordColumns = statement.getMetaData().getColumnCount() - 1;
                }
                else {
                    try (PreparedStatement unmarked = connection.prepareStatement(translation.sql())) {
                        recordColumns = unmarked.getMetaData().getColumnCount();
                    }
                    statement = connection.prepareStatement(withCompletionMarker(translation.sql(), recordColumns));
                }
            }
            catch (SQLException e) {
                throw DuckDbErrors.of(e, request.input());
            }
            return new SelectExecution(request, translation, stats, connection, statement, recordColumns, pipe, parquetFile, timer);
        }
        catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(connection, pipe, parquetFile);
            if (e instanceof AwsException aws) {
                throw aws;
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (e instanceof SQLException sql) {
                throw DuckDbErrors.of(sql, request.input());
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * The query followed by one marker row. DuckDB's JDBC driver ends a streamed result that failed
     * part-way (a CAST on row 1,000,000) as if it were complete; the union's second branch runs only
     * after the first has finished without error (insertion order is preserved), so a result without
     * the marker is one that failed.
     */
    static String withCompletionMarker(String sql, int recordColumns)
    {
        StringJoiner marker = new StringJoiner(", ", "SELECT ", ", true");
        for (int i = 0; i < recordColumns; i++) {
            marker.add("NULL");
        }
        return "SELECT *, CAST(NULL AS BOOLEAN) FROM (" + sql + ") UNION ALL " + marker;
    }

    @Override
    public OptionalLong length()
    {
        return OptionalLong.empty();
    }

    @Override
    public String contentType()
    {
        return "application/octet-stream";
    }

    @Override
    public void writeTo(OutputStream out)
            throws IOException
    {
        SelectEvents events = new SelectEvents(out);
        ScheduledFuture<?> keepAlive = timer.scheduleWithFixedDelay(() -> tick(events), 1, 1, TimeUnit.SECONDS);
        try {
            run(events);
        }
        finally {
            keepAlive.cancel(false);
            close();
        }
    }

    private void run(SelectEvents events)
            throws IOException
    {
        try (ResultSet rows = statement.executeQuery()) {
            RecordWriter writer = new RecordWriter(request.output(), translation, rows.getMetaData(), recordColumns);
            long lastFlush = System.nanoTime();
            boolean complete = false;
            while (rows.next()) {
                if (rows.getBoolean(recordColumns + 1)) {
                    complete = true;
                    continue;
                }
                writer.write(rows);
                if (writer.buffer().size() >= RECORDS_EVENT_BYTES || System.nanoTime() - lastFlush > FLUSH_AFTER_NANOS) {
                    flush(events, writer);
                    lastFlush = System.nanoTime();
                }
            }
            flush(events, writer);
            if (!complete) {
                Optional<Exception> failure = pipe.flatMap(RecordPipes::sourceFailure);
                AwsException error = failure.isPresent() ? sourceError(failure.get()) : SelectErrors.EVALUATOR_INVALID_ARGUMENTS.exception(
                        "The query failed while evaluating a record (a CAST, an arithmetic error or a malformed record).");
                log.warn("S3 Select result ended before its end: {}", translation.sql());
                events.error(error.code(), error.getMessage());
                return;
            }
        }
        catch (SQLException e) {
            Optional<Exception> failure = pipe.flatMap(RecordPipes::sourceFailure);
            AwsException error = failure.isPresent() ? sourceError(failure.get()) : DuckDbErrors.of(e, request.input());
            if (error.error() == SelectErrors.INTERNAL_ERROR) {
                log.warn("S3 Select query failed: {}", translation.sql(), e);
            }
            events.error(error.code(), error.getMessage());
            return;
        }
        catch (RuntimeException e) {
            log.warn("S3 Select query failed: {}", translation.sql(), e);
            events.error(SelectErrors.INTERNAL_ERROR.code(), SelectErrors.INTERNAL_ERROR.defaultMessage());
            return;
        }
        pipe.ifPresent(RecordPipes::awaitWriters);
        Optional<Exception> failure = pipe.flatMap(RecordPipes::sourceFailure);
        if (failure.isPresent()) {
            AwsException error = sourceError(failure.get());
            events.error(error.code(), error.getMessage());
            return;
        }
        if (request.progress()) {
            events.progress(stats);
        }
        events.stats(stats);
        events.end();
    }

    private AwsException sourceError(Exception failure)
    {
        if (failure instanceof AwsException aws) {
            // the records themselves are at fault (a quoted record delimiter S3 would not allow)
            return aws;
        }
        if (request.compression() != SelectRequest.Compression.NONE && failure instanceof IOException) {
            return SelectErrors.INVALID_COMPRESSION_FORMAT.exception("The object could not be decompressed as " + request.compression() + ".");
        }
        log.warn("S3 Select could not read the object", failure);
        return SelectErrors.INTERNAL_ERROR.exception();
    }

    private void flush(SelectEvents events, RecordWriter writer)
            throws IOException
    {
        if (writer.buffer().size() == 0) {
            return;
        }
        byte[] bytes = writer.buffer().toByteArray();
        writer.buffer().reset();
        stats.returned.addAndGet(bytes.length);
        events.records(bytes, bytes.length);
    }

    /** Once a second: Progress when asked for, and a Cont event when nothing else went out for a while, so the connection stays alive. */
    private void tick(SelectEvents events)
    {
        try {
            if (request.progress()) {
                events.progress(stats);
            }
            else if (events.idleNanos() > KEEP_ALIVE_NANOS) {
                events.continuation();
            }
        }
        catch (IOException | RuntimeException e) {
            // the client is gone; the query fails on its next write
        }
    }

    @Override
    public void close()
    {
        closeQuietly(connection, pipe, parquetFile);
    }

    private static void closeQuietly(Connection connection, Optional<RecordPipes> pipe, Optional<Path> parquetFile)
    {
        List<Exception> failures = new ArrayList<>();
        if (connection != null) {
            try {
                connection.close();
            }
            catch (SQLException e) {
                failures.add(e);
            }
        }
        pipe.ifPresent(RecordPipes::close);
        parquetFile.ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
            }
            catch (IOException e) {
                failures.add(e);
            }
        });
        failures.forEach(failure -> log.warn("Could not release S3 Select resources", failure));
    }
}
