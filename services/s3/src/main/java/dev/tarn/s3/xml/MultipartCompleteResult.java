package dev.tarn.s3.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import dev.tarn.s3.S3Xml;

import java.util.Optional;

/** CompleteMultipartUpload's answer: where the object is, its ETag ("...-N") and its checksum. */
@JacksonXmlRootElement(localName = "CompleteMultipartUploadResult", namespace = S3Xml.NAMESPACE)
@JsonPropertyOrder({"location", "bucket", "key", "etag", "checksumCrc32", "checksumCrc32c", "checksumCrc64nvme", "checksumSha1", "checksumSha256",
        "checksumType"})
public record MultipartCompleteResult(
        @JacksonXmlProperty(localName = "Location") String location,
        @JacksonXmlProperty(localName = "Bucket") String bucket,
        @JacksonXmlProperty(localName = "Key") String key,
        @JacksonXmlProperty(localName = "ETag") String etag,
        @JacksonXmlProperty(localName = "ChecksumCRC32") Optional<String> checksumCrc32,
        @JacksonXmlProperty(localName = "ChecksumCRC32C") Optional<String> checksumCrc32c,
        @JacksonXmlProperty(localName = "ChecksumCRC64NVME") Optional<String> checksumCrc64nvme,
        @JacksonXmlProperty(localName = "ChecksumSHA1") Optional<String> checksumSha1,
        @JacksonXmlProperty(localName = "ChecksumSHA256") Optional<String> checksumSha256,
        @JacksonXmlProperty(localName = "ChecksumType") Optional<String> checksumType) {}
