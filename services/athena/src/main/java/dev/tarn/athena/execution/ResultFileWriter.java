package dev.tarn.athena.execution;

import dev.tarn.athena.engine.ResultColumn;
import dev.tarn.athena.engine.ResultSink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Streams a statement's result into a scratch file in Athena's CSV (header row of column names,
 * then the rows), so no result is held in memory. A DDL statement's result is turned into the
 * tab-separated text Athena writes for DDL once the statement type is known ({@link #toDdlText}).
 */
public final class ResultFileWriter
        implements ResultSink, AutoCloseable
{
    private final Path file;
    private final FileChannel channel;
    private final Writer out;
    private List<ResultColumn> columns = List.of();
    private boolean columnsGiven;
    private long rows;

    public ResultFileWriter(Path file)
            throws IOException
    {
        this.file = requireNonNull(file, "file is null");
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8), 64 * 1024);
    }

    @Override
    public void reset()
    {
        try {
            out.flush();
            channel.truncate(0);
            channel.position(0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        columns = List.of();
        columnsGiven = false;
        rows = 0;
    }

    @Override
    public void columns(List<ResultColumn> columns)
    {
        if (columnsGiven) {
            throw new IllegalStateException("columns were already given");
        }
        this.columns = List.copyOf(columns);
        columnsGiven = true;
        try {
            AthenaCsv.writeRow(out, this.columns.stream().map(column -> Optional.of(column.name())).toList());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void row(List<Optional<String>> values)
    {
        if (!columnsGiven) {
            throw new IllegalStateException("a row before the columns");
        }
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("a row of " + values.size() + " values for " + columns.size() + " columns");
        }
        try {
            AthenaCsv.writeRow(out, values);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    public List<ResultColumn> resultColumns()
    {
        return columns;
    }

    public long rows()
    {
        return rows;
    }

    /** Flushes and closes the file; returns it. */
    public Path finish()
            throws IOException
    {
        out.close();
        return file;
    }

    /** Rewrites the finished CSV as DDL text: no header, one row a line, values separated by tabs, NULL as nothing. */
    public Path toDdlText(Path target)
            throws IOException
    {
        try (ResultFileReader reader = ResultFileReader.csv(file);
                Writer text = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(target), StandardCharsets.UTF_8))) {
            reader.next();
            Optional<List<Optional<String>>> row;
            while ((row = reader.next()).isPresent()) {
                text.write(String.join("\t", row.get().stream().map(value -> value.orElse("")).toList()));
                text.write('\n');
            }
        }
        return target;
    }

    @Override
    public void close()
            throws IOException
    {
        out.close();
    }
}
