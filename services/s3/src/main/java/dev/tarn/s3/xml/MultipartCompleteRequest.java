package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import dev.tarn.storage.blob.ChecksumAlgorithm;

import java.util.List;
import java.util.Optional;

/** The body of CompleteMultipartUpload: the parts to assemble, each with its ETag and optionally its checksum. */
@JacksonXmlRootElement(localName = "CompleteMultipartUpload")
public record MultipartCompleteRequest(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Part") List<Part> parts)
{
    public MultipartCompleteRequest
    {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public record Part(
            @JacksonXmlProperty(localName = "PartNumber") Integer partNumber,
            @JacksonXmlProperty(localName = "ETag") String etag,
            @JacksonXmlProperty(localName = "ChecksumCRC32") String checksumCrc32,
            @JacksonXmlProperty(localName = "ChecksumCRC32C") String checksumCrc32c,
            @JacksonXmlProperty(localName = "ChecksumCRC64NVME") String checksumCrc64nvme,
            @JacksonXmlProperty(localName = "ChecksumSHA1") String checksumSha1,
            @JacksonXmlProperty(localName = "ChecksumSHA256") String checksumSha256)
    {
        public Optional<String> checksum(ChecksumAlgorithm algorithm)
        {
            return Optional.ofNullable(switch (algorithm) {
                case CRC32 -> checksumCrc32;
                case CRC32C -> checksumCrc32c;
                case CRC64NVME -> checksumCrc64nvme;
                case SHA1 -> checksumSha1;
                case SHA256 -> checksumSha256;
                case MD5 -> null;
            });
        }
    }
}
