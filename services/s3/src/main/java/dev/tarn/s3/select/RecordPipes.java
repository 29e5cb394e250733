package dev.tarn.s3.select;

import dev.tarn.scan.LineChunks;
import dev.tarn.scan.NamedPipes;
import dev.tarn.scan.PipeFeeder;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The named pipes one query's records reach DuckDB through, and the threads filling them from
 * the object's plaintext: the bytes pass through the kernel's pipe buffers and are never written
 * to disk. One pipe for a stream that cannot be split; for a large object, one pipe per split,
 * which DuckDB parses in parallel. When DuckDB stops reading early (LIMIT) the writers see a
 * broken pipe and end; a failure reading the object is kept, so a query that saw a truncated
 * input is reported as failed.
 */
final class RecordPipes
        implements AutoCloseable
{
    private static final int COPY_BUFFER_BYTES = 256 * 1024;

    private final List<Path> paths;
    private final PipeFeeder feeder;
    // a stream opened before its pipes' writers started, closed here should they never start
    private final Optional<AutoCloseable> opened;

    private RecordPipes(List<Path> paths, PipeFeeder feeder, Optional<AutoCloseable> opened)
    {
        this.paths = List.copyOf(paths);
        this.feeder = feeder;
        this.opened = opened;
    }

    /** One pipe holding all of {@code data}. */
    static RecordPipes single(Path directory, InputStream data)
    {
        RecordPipes pipes;
        try {
            pipes = start(directory, 1, 1, Optional.of(data));
        }
        catch (RuntimeException e) {
            closeQuietly(data);
            throw e;
        }
        pipes.feed(0, out -> {
            try (InputStream in = data) {
                copy(in, out);
            }
        });
        return pipes;
    }

    /**
     * A pipe per source, filled at most {@code concurrency} at a time in their order; the last
     * ends with {@code endLine}, if given.
     */
    static RecordPipes split(Path directory, List<PipeFeeder.Content> sources, Optional<EndLine> endLine, int concurrency)
    {
        RecordPipes pipes = start(directory, sources.size(), concurrency, Optional.empty());
        for (int i = 0; i < sources.size(); i++) {
            pipes.feed(i, i == sources.size() - 1 ? withEndLine(sources.get(i), endLine) : sources.get(i));
        }
        return pipes;
    }

    /** A record appended after all others, behind a record delimiter unless the records already end in one. */
    record EndLine(byte[] recordDelimiter, byte[] line)
    {
        EndLine
        {
            recordDelimiter = recordDelimiter.clone();
            line = line.clone();
        }
    }

    private static PipeFeeder.Content withEndLine(PipeFeeder.Content content, Optional<EndLine> endLine)
    {
        if (endLine.isEmpty()) {
            return content;
        }
        return pipe -> {
            LastByte out = new LastByte(pipe);
            content.writeTo(out);
            if (out.last.isPresent() && out.last.get() != '\n') {
                pipe.write(endLine.get().recordDelimiter());
            }
            pipe.write(endLine.get().line());
        };
    }

    /** Remembers the last byte written through it. */
    private static final class LastByte
            extends FilterOutputStream
    {
        private Optional<Byte> last = Optional.empty();

        LastByte(OutputStream out)
        {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length)
                throws IOException
        {
            out.write(bytes, offset, length);
            if (length > 0) {
                last = Optional.of(bytes[offset + length - 1]);
            }
        }

        @Override
        public void write(int b)
                throws IOException
        {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void close()
        {
            // the pipe is the feeder's to close
        }
    }

    /**
     * {@code count} pipes taking consecutive chunks of {@code records} that end at a newline, for a
     * stream that must be read from its start (a compressed object); the last takes the rest.
     */
    static RecordPipes chunked(Path directory, InputStream records, int chunkBytes, int count, Optional<EndLine> endLine, int concurrency)
    {
        LineChunks chunks = new LineChunks(records, chunkBytes, concurrency);
        RecordPipes pipes;
        try {
            pipes = start(directory, count, concurrency, Optional.of(chunks));
        }
        catch (RuntimeException e) {
            chunks.close();
            throw e;
        }
        for (int i = 0; i < count; i++) {
            pipes.feed(i, i == count - 1 ? withEndLine(chunks.chunk(i, true), endLine) : chunks.chunk(i, false));
        }
        return pipes;
    }

    private static RecordPipes start(Path directory, int count, int concurrency, Optional<AutoCloseable> opened)
    {
        String prefix = "select-" + UUID.randomUUID();
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            paths.add(directory.resolve(prefix + "-" + i + ".fifo"));
        }
        try {
            Files.createDirectories(directory);
            NamedPipes.make(paths);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RecordPipes(paths, new PipeFeeder(concurrency, "s3-select-pipe"), opened);
    }

    private void feed(int index, PipeFeeder.Content content)
    {
        feeder.feed(paths.get(index), content);
    }

    static void copy(InputStream in, OutputStream out)
            throws IOException
    {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
        }
    }

    List<Path> paths()
    {
        return paths;
    }

    /** A failure reading the object (not a broken pipe), if there was one. */
    Optional<Exception> sourceFailure()
    {
        return feeder.sourceFailure();
    }

    /** Waits for the writers of every pipe DuckDB opened to have written everything; call once DuckDB has read to the end. */
    void awaitWriters()
    {
        feeder.awaitOpened();
    }

    @Override
    public void close()
    {
        feeder.close();
        opened.ifPresent(RecordPipes::closeQuietly);
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            }
            catch (IOException e) {
                // a stale pipe holds no data
            }
        }
    }

    private static void closeQuietly(AutoCloseable resource)
    {
        try {
            resource.close();
        }
        catch (Exception e) {
            // already failing or done
        }
    }
}
