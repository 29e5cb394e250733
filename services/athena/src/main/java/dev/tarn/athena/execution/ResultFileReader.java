package dev.tarn.athena.execution;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Reads a local result CSV row by row. */
final class ResultFileReader
        implements AutoCloseable
{
    private final InputStream in;

    private ResultFileReader(InputStream in)
    {
        this.in = requireNonNull(in, "in is null");
    }

    static ResultFileReader csv(Path file)
            throws IOException
    {
        return new ResultFileReader(new BufferedInputStream(Files.newInputStream(file), 64 * 1024));
    }

    Optional<List<Optional<String>>> next()
            throws IOException
    {
        ByteArrayOutputStream row = new ByteArrayOutputStream();
        boolean quoted = false;
        int b;
        while ((b = in.read()) >= 0) {
            row.write(b);
            if (b == '"') {
                quoted = !quoted;
            }
            else if (b == '\n' && !quoted) {
                break;
            }
        }
        if (row.size() == 0) {
            return Optional.empty();
        }
        byte[] bytes = row.toByteArray();
        return Optional.of(AthenaCsv.parseRow(bytes, 0, bytes.length));
    }

    @Override
    public void close()
            throws IOException
    {
        in.close();
    }
}
