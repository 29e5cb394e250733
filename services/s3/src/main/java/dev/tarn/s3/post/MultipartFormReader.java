package dev.tarn.s3.post;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads a browser form (multipart/form-data) as S3 does: the fields up to the part named
 * {@code file}, then that part's content as a stream; whatever follows the file is ignored.
 * <p>
 * Jetty's push parser ({@link MultiPart.Parser}, already what serves our HTTP) does the
 * boundary scanning; this class pulls the request body through it one buffer at a time, so the
 * file is never held in memory (nor written anywhere) beyond one buffer.
 */
final class MultipartFormReader
{
    /** S3's limit on the bytes of the fields before the file. */
    static final int MAX_FIELDS_BYTES = 20_480;
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_PARTS = 1_000;

    private enum Stage { FIELDS, FILE, AFTER_FILE }

    private final InputStream source;
    private final MultiPart.Parser parser;
    private final List<FormField> fields = new ArrayList<>();
    private final Deque<byte[]> pendingFileContent = new ArrayDeque<>();
    private Stage stage = Stage.FIELDS;
    private Map<String, String> partHeaders = new HashMap<>();
    private Optional<String> partName = Optional.empty();
    private final ByteArrayOutputStream partValue = new ByteArrayOutputStream();
    private long fieldBytes;
    private Optional<String> fileName = Optional.empty();
    private boolean sourceEnded;
    private boolean parsed;
    private Optional<Throwable> failure = Optional.empty();

    private MultipartFormReader(InputStream source, String boundary)
    {
        this.source = requireNonNull(source, "source is null");
        this.parser = new MultiPart.Parser(boundary, new Listener());
        parser.setMaxParts(MAX_PARTS);
    }

    /** Reads the fields; the returned form's file stream reads the rest. */
    static Form read(InputStream body, String boundary)
    {
        MultipartFormReader reader = new MultipartFormReader(body, boundary);
        return reader.readFields();
    }

    /** The fields before the file, and the file: its name as the browser sent it (if any) and its content. */
    record Form(List<FormField> fields, Optional<String> fileName, InputStream file)
    {
        Form
        {
            fields = List.copyOf(fields);
            requireNonNull(fileName, "fileName is null");
            requireNonNull(file, "file is null");
        }
    }

    private Form readFields()
    {
        while (stage == Stage.FIELDS && !parsed) {
            if (fieldBytes > MAX_FIELDS_BYTES) {
                throw PostErrors.MAX_POST_PRE_DATA_LENGTH_EXCEEDED.exception().with("MaxPostPreDataLengthBytes", Integer.toString(MAX_FIELDS_BYTES));
            }
            feed();
        }
        if (fieldBytes > MAX_FIELDS_BYTES) {
            throw PostErrors.MAX_POST_PRE_DATA_LENGTH_EXCEEDED.exception().with("MaxPostPreDataLengthBytes", Integer.toString(MAX_FIELDS_BYTES));
        }
        if (stage == Stage.FIELDS) {
            throw CommonErrors.INVALID_ARGUMENT.exception("POST requires exactly one file upload per request.")
                    .with("ArgumentName", "file")
                    .with("ArgumentValue", "0");
        }
        return new Form(fields, fileName, new FileContent());
    }

    /** Parses one more buffer of the body; a malformed body is MalformedPOSTRequest. */
    private void feed()
    {
        if (sourceEnded) {
            throw malformed();
        }
        byte[] buffer = new byte[BUFFER_SIZE];
        int read = readSource(buffer);
        if (read < 0) {
            sourceEnded = true;
            parser.parse(Content.Chunk.from(ByteBuffer.allocate(0), true));
            if (!parsed) {
                throw malformed();
            }
        }
        else {
            parser.parse(Content.Chunk.from(ByteBuffer.wrap(buffer, 0, read), false));
        }
        if (failure.isPresent()) {
            throw malformed();
        }
    }

    private int readSource(byte[] buffer)
    {
        try {
            return source.read(buffer);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AwsException malformed()
    {
        AwsException error = PostErrors.MALFORMED_POST_REQUEST.exception();
        failure.ifPresent(error::withCause);
        return error;
    }

    /** The file part's bytes, parsed from the body as they are read. */
    private final class FileContent
            extends InputStream
    {
        private byte[] current = new byte[0];
        private int position;

        @Override
        public int read()
        {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length)
        {
            if (length == 0) {
                return 0;
            }
            while (position == current.length) {
                byte[] next = pendingFileContent.pollFirst();
                if (next != null) {
                    current = next;
                    position = 0;
                    continue;
                }
                if (stage == Stage.AFTER_FILE) {
                    drainRest();
                    return -1;
                }
                feed();
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, target, offset, count);
            position += count;
            return count;
        }

        /** What follows the file (the closing boundary, ignored fields) is read and dropped, so the connection stays usable. */
        private void drainRest()
        {
            try {
                source.transferTo(OutputStream.nullOutputStream());
            }
            catch (IOException | RuntimeException e) {
                // the file is complete; a client that stops sending after it loses nothing
            }
        }
    }

    private final class Listener
            implements MultiPart.Parser.Listener
    {
        @Override
        public void onPartBegin()
        {
            partHeaders = new HashMap<>();
            partName = Optional.empty();
            partValue.reset();
        }

        @Override
        public void onPartHeader(String name, String value)
        {
            if (stage == Stage.FIELDS) {
                fieldBytes += name.length() + value.length();
                partHeaders.put(name.toLowerCase(Locale.ROOT), value);
            }
        }

        @Override
        public void onPartHeaders()
        {
            if (stage != Stage.FIELDS) {
                return;
            }
            ContentDisposition disposition = ContentDisposition.parse(partHeaders.getOrDefault("content-disposition", ""));
            Optional<String> name = disposition.type().equals("form-data") ? disposition.parameter("name") : Optional.empty();
            if (name.isPresent() && name.get().equalsIgnoreCase("file")) {
                stage = Stage.FILE;
                fileName = disposition.parameter("filename");
                return;
            }
            partName = name;
        }

        @Override
        public void onPartContent(Content.Chunk chunk)
        {
            ByteBuffer content = chunk.getByteBuffer();
            byte[] bytes = new byte[content.remaining()];
            content.get(bytes);
            if (stage == Stage.FILE) {
                if (bytes.length > 0) {
                    pendingFileContent.addLast(bytes);
                }
            }
            else if (stage == Stage.FIELDS) {
                fieldBytes += bytes.length;
                if (fieldBytes <= MAX_FIELDS_BYTES) {
                    partValue.write(bytes, 0, bytes.length);
                }
            }
        }

        @Override
        public void onPartEnd()
        {
            if (stage == Stage.FILE) {
                stage = Stage.AFTER_FILE;
            }
            else if (stage == Stage.FIELDS) {
                partName.ifPresent(name -> fields.add(new FormField(name, partValue.toString(StandardCharsets.UTF_8))));
            }
        }

        @Override
        public void onComplete()
        {
            parsed = true;
        }

        @Override
        public void onFailure(Throwable error)
        {
            failure = Optional.of(error);
        }
    }
}
