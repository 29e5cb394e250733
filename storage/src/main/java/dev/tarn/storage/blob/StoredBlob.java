package dev.tarn.storage.blob;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A blob that is durably on disk: its id, its plaintext length, and the checksums of its
 * plaintext computed while it was written (raw digest bytes; MD5 always present).
 */
public record StoredBlob(BlobId id, long length, Map<ChecksumAlgorithm, byte[]> checksums)
{
    public StoredBlob
    {
        requireNonNull(id, "id is null");
        checksums = Map.copyOf(checksums);
        if (length < 0) {
            throw new IllegalArgumentException("negative length");
        }
    }

    public byte[] checksum(ChecksumAlgorithm algorithm)
    {
        byte[] value = checksums.get(algorithm);
        if (value == null) {
            throw new IllegalStateException(algorithm + " was not computed for blob " + id);
        }
        return value.clone();
    }
}
