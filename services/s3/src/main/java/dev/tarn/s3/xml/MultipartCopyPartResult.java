package dev.tarn.s3.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import dev.tarn.s3.S3Xml;

import java.util.Optional;

/** UploadPartCopy's answer: the part's ETag, time and, for an upload with a checksum algorithm, its checksum. */
@JacksonXmlRootElement(localName = "CopyPartResult", namespace = S3Xml.NAMESPACE)
@JsonPropertyOrder({"etag", "lastModified", "checksumCrc32", "checksumCrc32c", "checksumCrc64nvme", "checksumSha1", "checksumSha256"})
public record MultipartCopyPartResult(
        @JacksonXmlProperty(localName = "ETag") String etag,
        @JacksonXmlProperty(localName = "LastModified") String lastModified,
        @JacksonXmlProperty(localName = "ChecksumCRC32") Optional<String> checksumCrc32,
        @JacksonXmlProperty(localName = "ChecksumCRC32C") Optional<String> checksumCrc32c,
        @JacksonXmlProperty(localName = "ChecksumCRC64NVME") Optional<String> checksumCrc64nvme,
        @JacksonXmlProperty(localName = "ChecksumSHA1") Optional<String> checksumSha1,
        @JacksonXmlProperty(localName = "ChecksumSHA256") Optional<String> checksumSha256) {}
