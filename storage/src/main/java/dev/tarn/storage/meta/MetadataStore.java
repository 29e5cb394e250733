package dev.tarn.storage.meta;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The transactional store of all metadata: buckets, object versions, multipart uploads. The
 * embedded implementation is SQLite; the contract (and its contract test) is what a PostgreSQL
 * implementation satisfies too.
 */
public interface MetadataStore
        extends AutoCloseable
{
    /** Runs reads against one consistent snapshot. */
    <T> T read(Function<MetadataReader, T> reads);

    /**
     * Runs {@code writes} in one serializable transaction and commits it durably (fsync) before
     * returning. If {@code writes} throws, nothing it did is kept and the exception propagates.
     */
    <T> T write(Function<MetadataTransaction, T> writes);

    /** Whether any object version or upload part refers to the blob; used to find orphans. */
    void forEachReferencedBlob(Consumer<dev.tarn.storage.blob.BlobId> consumer);

    /**
     * Small named values for the installation itself (its account id, settings), durable like
     * everything else.
     */
    java.util.Optional<String> setting(String name);

    void putSetting(String name, String value);

    @Override
    void close();
}
