package dev.tarn.s3.object;

import dev.tarn.s3.ObjectAttributes;
import dev.tarn.spi.http.Headers;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.blob.StoredBlob;
import dev.tarn.storage.meta.ObjectVersion;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An object's additional checksum as stored and returned: algorithm, type (FULL_OBJECT, or
 * COMPOSITE for a multipart checksum of part checksums, whose value ends in "-N") and the base64
 * value. Objects written without one get CRC64NVME, as S3 does for every new object.
 */
public record StoredChecksum(ChecksumAlgorithm algorithm, String type, String value)
{
    public static final ChecksumAlgorithm DEFAULT_ALGORITHM = ChecksumAlgorithm.CRC64NVME;
    public static final String FULL_OBJECT = "FULL_OBJECT";
    public static final String COMPOSITE = "COMPOSITE";

    public StoredChecksum
    {
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(type, "type is null");
        requireNonNull(value, "value is null");
    }

    public static StoredChecksum fullObject(ChecksumAlgorithm algorithm, StoredBlob blob)
    {
        return new StoredChecksum(algorithm, FULL_OBJECT, RequestChecksum.base64(blob.checksum(algorithm)));
    }

    public static Optional<StoredChecksum> of(ObjectVersion version)
    {
        return of(version.attributes());
    }

    public static Optional<StoredChecksum> of(Map<String, String> attributes)
    {
        return Optional.ofNullable(attributes.get(ObjectAttributes.CHECKSUM_ALGORITHM))
                .flatMap(ChecksumAlgorithm::fromName)
                .flatMap(algorithm -> Optional.ofNullable(attributes.get(ObjectAttributes.checksumValue(algorithm)))
                        .map(value -> new StoredChecksum(algorithm, attributes.getOrDefault(ObjectAttributes.CHECKSUM_TYPE, FULL_OBJECT), value)));
    }

    public void addTo(Map<String, String> attributes)
    {
        attributes.put(ObjectAttributes.CHECKSUM_ALGORITHM, algorithm.name());
        attributes.put(ObjectAttributes.CHECKSUM_TYPE, type);
        attributes.put(ObjectAttributes.checksumValue(algorithm), value);
    }

    public void addTo(Headers.Builder headers)
    {
        headers.set(algorithm.headerName(), value);
        headers.set("x-amz-checksum-type", type);
    }
}
