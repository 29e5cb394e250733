package dev.tarn.storage.meta;

import dev.tarn.storage.blob.BlobId;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The transactional store of all metadata: buckets, object versions, multipart uploads. The
 * embedded implementation is SQLite; the contract (and its contract test) is what a PostgreSQL
 * implementation satisfies too.
 *
 * <p>Failures of the underlying database surface as {@link MetadataStoreException}.
 */
public interface MetadataStore
        extends AutoCloseable
{
    /**
     * Runs reads against one consistent snapshot: every read made through the given reader sees
     * the store as of one commit, whatever is committed meanwhile. Reads never wait for a writer.
     * The reader must not be used after the call returns.
     */
    <T> T read(Function<MetadataReader, T> reads);

    /**
     * Runs {@code writes} in one serializable transaction and commits it durably (fsync) before
     * returning. If {@code writes} throws, nothing it did is kept and the exception propagates.
     * Writes are serialized; a write must not start another write. The transaction must not be
     * used after the call returns.
     */
    <T> T write(Function<MetadataTransaction, T> writes);

    /**
     * Visits, once each, every blob id referenced by a segment of any object version or by any
     * upload part, as of one snapshot. A blob not visited is not referenced by committed
     * metadata (it may still be about to be, by a write in progress).
     */
    void forEachReferencedBlob(Consumer<BlobId> consumer);

    /**
     * Small named values for the installation itself (its account id, settings), durable like
     * everything else.
     */
    Optional<String> setting(String name);

    /** Stores a setting in its own durable transaction, replacing any previous value. */
    void putSetting(String name, String value);

    @Override
    void close();
}
