package dev.tarn.storage.meta;

import java.time.Instant;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One uploaded part of a multipart upload.
 *
 * @param etag the part's ETag without quotes (hex MD5 of the part)
 * @param attributes part checksums and encryption details, service-defined
 */
public record PartRecord(String uploadId, int partNumber, long size, String etag, Instant lastModified, Segment segment,
        Map<String, String> attributes)
{
    public PartRecord
    {
        requireNonNull(uploadId, "uploadId is null");
        requireNonNull(etag, "etag is null");
        requireNonNull(lastModified, "lastModified is null");
        requireNonNull(segment, "segment is null");
        attributes = Map.copyOf(attributes);
        if (partNumber < 1 || partNumber > 10_000) {
            throw new IllegalArgumentException("part number out of range: " + partNumber);
        }
    }
}
