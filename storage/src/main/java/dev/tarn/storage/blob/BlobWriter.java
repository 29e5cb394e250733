package dev.tarn.storage.blob;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one new blob. Bytes go to a temporary file, encrypted chunk by chunk as they arrive;
 * {@link #commit()} makes the blob durable (fsync, rename, fsync of the directory) and only
 * then returns. Closing an uncommitted writer discards everything.
 */
public interface BlobWriter
        extends AutoCloseable
{
    /** The plaintext sink; not to be closed by callers (closing it does not commit). */
    OutputStream output();

    /** Plaintext bytes written so far. */
    long length();

    StoredBlob commit()
            throws IOException;

    /** Discards the blob if it was not committed. Never throws. */
    @Override
    void close();
}
