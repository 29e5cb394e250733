package dev.tarn.storage.meta;

import dev.tarn.storage.blob.BlobId;

import static java.util.Objects.requireNonNull;

/**
 * One stored piece of an object's bytes: a single PUT has one, a multipart object one per part,
 * in order. {@code length} is the plaintext length of the piece.
 */
public record Segment(BlobId blobId, long length)
{
    public Segment
    {
        requireNonNull(blobId, "blobId is null");
        if (length < 0) {
            throw new IllegalArgumentException("negative length");
        }
    }
}
