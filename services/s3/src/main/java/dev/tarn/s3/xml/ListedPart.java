package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

import java.util.Optional;

/** A {@code Part} entry of ListParts. */
public record ListedPart(
        @JacksonXmlProperty(localName = "PartNumber") int partNumber,
        @JacksonXmlProperty(localName = "LastModified") String lastModified,
        @JacksonXmlProperty(localName = "ETag") String etag,
        @JacksonXmlProperty(localName = "Size") long size,
        @JacksonXmlProperty(localName = "ChecksumCRC32") Optional<String> checksumCrc32,
        @JacksonXmlProperty(localName = "ChecksumCRC32C") Optional<String> checksumCrc32c,
        @JacksonXmlProperty(localName = "ChecksumCRC64NVME") Optional<String> checksumCrc64nvme,
        @JacksonXmlProperty(localName = "ChecksumSHA1") Optional<String> checksumSha1,
        @JacksonXmlProperty(localName = "ChecksumSHA256") Optional<String> checksumSha256) {}
