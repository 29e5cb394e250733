package dev.tarn.storage.meta;

import dev.tarn.storage.blob.BlobId;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records for tests, with every field set to something a round trip could get wrong. */
public final class MetadataFixtures
{
    public static final String OWNER = "123456789012";
    public static final Instant T0 = Instant.parse("2024-05-06T07:08:09.123456789Z");

    /** S3's key order computed independently of {@link KeyOrder}: by the UTF-8 bytes. */
    public static final Comparator<String> UTF8_BYTES =
            (left, right) -> Arrays.compareUnsigned(left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));

    private MetadataFixtures() {}

    public static BucketRecord bucket(String name)
    {
        return new BucketRecord(name, OWNER, "eu-west-1", T0, Optional.empty(), Map.of());
    }

    public static ObjectVersion object(String bucket, String key, String versionId, BlobId... blobs)
    {
        List<Segment> segments = Arrays.stream(blobs).map(blob -> new Segment(blob, 1000)).toList();
        return new ObjectVersion(bucket, key, versionId, 0, true, false, 1000L * blobs.length, "etag-" + versionId,
                T0.plusNanos(versionId.hashCode() & 0xffff), "STANDARD", OWNER, segments,
                Map.of("content-type", "text/plain", "x-amz-meta-key", key));
    }

    public static ObjectVersion object(String bucket, String key, String versionId)
    {
        return object(bucket, key, versionId, BlobId.random());
    }

    public static ObjectVersion deleteMarker(String bucket, String key, String versionId)
    {
        return new ObjectVersion(bucket, key, versionId, 0, true, true, 0, "", T0, "STANDARD", OWNER, List.of(), Map.of());
    }

    public static UploadRecord upload(String uploadId, String bucket, String key, Instant initiated)
    {
        return new UploadRecord(uploadId, bucket, key, initiated, OWNER, "arn:aws:iam::" + OWNER + ":root", "STANDARD",
                Map.of("content-type", "application/octet-stream"));
    }

    public static PartRecord part(String uploadId, int partNumber, BlobId blob)
    {
        return new PartRecord(uploadId, partNumber, 5 << 20, "md5-" + partNumber, T0.plus(Duration.ofSeconds(partNumber)),
                new Segment(blob, 5 << 20), Map.of("checksum-crc32", "AAAA" + partNumber));
    }

    /** A version as the store returns it: compared without the store-assigned sequence. */
    public static ObjectVersion withoutSequence(ObjectVersion version)
    {
        return version.withSequence(0);
    }
}
