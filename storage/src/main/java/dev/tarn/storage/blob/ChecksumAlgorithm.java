package dev.tarn.storage.blob;

import java.util.Locale;
import java.util.Optional;

/** The checksums S3 computes and stores (x-amz-checksum-*), plus MD5 for ETags and Content-MD5. */
public enum ChecksumAlgorithm
{
    MD5, CRC32, CRC32C, CRC64NVME, SHA1, SHA256;

    /** The x-amz-checksum-* header name for the algorithm (MD5 has none). */
    public String headerName()
    {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChecksumAlgorithm> fromName(String name)
    {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.name().equalsIgnoreCase(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
