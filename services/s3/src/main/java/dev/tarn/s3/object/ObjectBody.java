package dev.tarn.s3.object;

import dev.tarn.spi.http.ResponseBody;
import dev.tarn.storage.meta.Segment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/** The bytes of a GET response, streamed from the blobs when the gateway writes the response (never for HEAD). */
public record ObjectBody(ObjectContent content, List<Segment> segments, long offset, long byteCount, String contentType, KeyUnwrapper keys)
        implements ResponseBody
{
    private static final int COPY_BUFFER_BYTES = 256 * 1024;

    public ObjectBody
    {
        requireNonNull(content, "content is null");
        segments = List.copyOf(segments);
        requireNonNull(contentType, "contentType is null");
        requireNonNull(keys, "keys is null");
    }

    @Override
    public OptionalLong length()
    {
        return OptionalLong.of(byteCount);
    }

    @Override
    public void writeTo(OutputStream out)
            throws IOException
    {
        try (InputStream in = content.open(segments, offset, byteCount, keys)) {
            // whole encryption chunks at a time: the blob stream decrypts them straight into this buffer, and
            // whatever the body goes through (Jetty, a pipe to DuckDB) sees a few large writes, not 8 KiB ones
            byte[] buffer = new byte[COPY_BUFFER_BYTES];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
            }
        }
    }
}
