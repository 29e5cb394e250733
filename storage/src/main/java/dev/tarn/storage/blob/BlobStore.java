package dev.tarn.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Object bytes on local disk. Every blob is encrypted with its own data key (AES-256-GCM in
 * fixed-size chunks, each authenticated, so a ranged read decrypts only the chunks it touches
 * and any tampering or truncation is detected), and its checksums are computed as it is written.
 */
public interface BlobStore
{
    /**
     * Starts a new blob encrypted under {@code key}, computing MD5 and every algorithm in
     * {@code checksums} over the plaintext.
     */
    BlobWriter create(DataKey key, Set<ChecksumAlgorithm> checksums)
            throws IOException;

    /** The wrapped data key stored in the blob's header. */
    byte[] wrappedKey(BlobId id)
            throws IOException;

    /**
     * Plaintext bytes {@code [offset, offset + length)} of the blob, decrypted with
     * {@code plaintextKey} as they are read. Fails with an IOException if the blob is
     * missing, the key is wrong or the bytes on disk were altered.
     */
    InputStream open(BlobId id, byte[] plaintextKey, long offset, long length)
            throws IOException;

    /** Removes a blob; removing one that is not there is not an error. */
    void delete(BlobId id)
            throws IOException;

    /**
     * Removes every blob for which {@code isLive} is false, and any temporary file left by an
     * interrupted write. Run at start-up, before requests are served. Returns how many files went.
     */
    int removeOrphans(Predicate<BlobId> isLive)
            throws IOException;
}
