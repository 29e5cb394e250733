package dev.tarn.s3.multipart;

import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.object.RequestChecksum;
import dev.tarn.s3.object.StoredChecksum;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.meta.UploadRecord;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The checksum a multipart upload gives its object, fixed by CreateMultipartUpload: an algorithm
 * and a type, COMPOSITE (the checksum of the parts' checksums, "-N") or FULL_OBJECT (the parts'
 * CRCs combined). Without x-amz-checksum-algorithm the object gets a full-object CRC64NVME, as
 * in S3, but the upload does not report an algorithm.
 */
record UploadChecksum(ChecksumAlgorithm algorithm, String type, boolean requested)
{
    UploadChecksum
    {
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(type, "type is null");
    }

    static UploadChecksum fromCreateRequest(Headers headers)
    {
        Optional<ChecksumAlgorithm> algorithm = headers.first("x-amz-checksum-algorithm")
                .map(name -> RequestChecksum.additional(name).orElseThrow(() -> CommonErrors.INVALID_REQUEST.exception(
                        "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")));
        Optional<String> type = headers.first("x-amz-checksum-type").map(value -> value.toUpperCase(Locale.ROOT));
        if (algorithm.isEmpty()) {
            if (type.isPresent()) {
                throw CommonErrors.INVALID_REQUEST.exception("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
            }
            return new UploadChecksum(StoredChecksum.DEFAULT_ALGORITHM, StoredChecksum.FULL_OBJECT, false);
        }
        ChecksumAlgorithm chosen = algorithm.get();
        String chosenType = type.orElse(chosen == ChecksumAlgorithm.CRC64NVME ? StoredChecksum.FULL_OBJECT : StoredChecksum.COMPOSITE);
        if (!chosenType.equals(StoredChecksum.FULL_OBJECT) && !chosenType.equals(StoredChecksum.COMPOSITE)) {
            throw CommonErrors.INVALID_REQUEST.exception("Value for x-amz-checksum-type header is invalid.");
        }
        boolean isCrc = chosen == ChecksumAlgorithm.CRC32 || chosen == ChecksumAlgorithm.CRC32C || chosen == ChecksumAlgorithm.CRC64NVME;
        if (chosenType.equals(StoredChecksum.FULL_OBJECT) && !isCrc) {
            throw CommonErrors.INVALID_REQUEST.exception("The FULL_OBJECT checksum type cannot be used with the "
                    + chosen.name().toLowerCase(Locale.ROOT) + " checksum algorithm.");
        }
        if (chosenType.equals(StoredChecksum.COMPOSITE) && chosen == ChecksumAlgorithm.CRC64NVME) {
            throw CommonErrors.INVALID_REQUEST.exception("The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.");
        }
        return new UploadChecksum(chosen, chosenType, true);
    }

    static UploadChecksum of(UploadRecord upload)
    {
        Map<String, String> attributes = upload.attributes();
        return Optional.ofNullable(attributes.get(ObjectAttributes.CHECKSUM_ALGORITHM))
                .flatMap(ChecksumAlgorithm::fromName)
                .map(algorithm -> new UploadChecksum(algorithm, attributes.getOrDefault(ObjectAttributes.CHECKSUM_TYPE, StoredChecksum.COMPOSITE), true))
                .orElseGet(() -> new UploadChecksum(StoredChecksum.DEFAULT_ALGORITHM, StoredChecksum.FULL_OBJECT, false));
    }

    /** Recorded on the upload only when requested, so ListParts and ListMultipartUploads report what the client chose. */
    void addTo(Map<String, String> attributes)
    {
        if (requested) {
            attributes.put(ObjectAttributes.CHECKSUM_ALGORITHM, algorithm.name());
            attributes.put(ObjectAttributes.CHECKSUM_TYPE, type);
        }
    }

    void addTo(Headers.Builder headers)
    {
        if (requested) {
            headers.set("x-amz-checksum-algorithm", algorithm.name());
            headers.set("x-amz-checksum-type", type);
        }
    }
}
