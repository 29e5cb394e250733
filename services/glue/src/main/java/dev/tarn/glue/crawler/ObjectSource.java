package dev.tarn.glue.crawler;

import dev.tarn.spi.security.RequestContext;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What crawlers read: the current objects of a bucket under a prefix, and their bytes. */
public interface ObjectSource
{
    record SourceObject(String bucket, String key, long size, Instant lastModified, Object handle) {}

    /** Current objects (no delete markers) with keys after {@code startAfter}, by key; empty when the bucket does not exist. */
    List<SourceObject> list(String bucket, String prefix, Optional<String> startAfter, int limit);

    /**
     * Bytes {@code [offset, offset + length)} of the object (fewer at its end), decrypted as
     * {@code reader}: an SSE-KMS object's key is unwrapped by KMS only if the reader may use it.
     */
    InputStream open(RequestContext reader, SourceObject object, long offset, long length)
            throws IOException;
}
