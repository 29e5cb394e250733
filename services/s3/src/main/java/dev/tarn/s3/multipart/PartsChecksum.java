package dev.tarn.s3.multipart;

import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.object.RequestChecksum;
import dev.tarn.s3.object.StoredChecksum;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.checksum.ChecksumCalculator;
import dev.tarn.storage.checksum.Checksums;
import dev.tarn.storage.checksum.CrcCombiner;
import dev.tarn.storage.meta.PartRecord;

import java.util.Base64;
import java.util.List;

/**
 * The checksum of an object assembled from parts, from the parts' checksums alone: COMPOSITE is
 * the checksum of the concatenated raw part checksums, suffixed "-N"; FULL_OBJECT combines the
 * part CRCs into the CRC of the whole, as if it had been computed over every byte.
 */
final class PartsChecksum
{
    private PartsChecksum() {}

    static StoredChecksum of(UploadChecksum upload, List<PartRecord> parts)
    {
        ChecksumAlgorithm algorithm = upload.algorithm();
        if (upload.type().equals(StoredChecksum.COMPOSITE)) {
            ChecksumCalculator calculator = Checksums.newCalculator(algorithm);
            parts.forEach(part -> calculator.update(raw(part, algorithm)));
            return new StoredChecksum(algorithm, StoredChecksum.COMPOSITE, RequestChecksum.base64(calculator.finish()) + "-" + parts.size());
        }
        byte[] combined = raw(parts.get(0), algorithm);
        for (PartRecord part : parts.subList(1, parts.size())) {
            combined = CrcCombiner.combine(algorithm, combined, raw(part, algorithm), part.size());
        }
        return new StoredChecksum(algorithm, StoredChecksum.FULL_OBJECT, RequestChecksum.base64(combined));
    }

    /** The base64 checksum of one part, as stored with it. */
    static String value(PartRecord part, ChecksumAlgorithm algorithm)
    {
        String value = part.attributes().get(ObjectAttributes.checksumValue(algorithm));
        if (value == null) {
            throw new IllegalStateException("part " + part.partNumber() + " of upload " + part.uploadId() + " has no " + algorithm + " checksum");
        }
        return value;
    }

    private static byte[] raw(PartRecord part, ChecksumAlgorithm algorithm)
    {
        return Base64.getDecoder().decode(value(part, algorithm));
    }
}
