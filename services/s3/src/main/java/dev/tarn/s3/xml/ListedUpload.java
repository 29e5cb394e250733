package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

import java.util.Optional;

/** An {@code Upload} entry of ListMultipartUploads. */
public record ListedUpload(
        @JacksonXmlProperty(localName = "Key") String key,
        @JacksonXmlProperty(localName = "UploadId") String uploadId,
        @JacksonXmlProperty(localName = "Initiator") Initiator initiator,
        @JacksonXmlProperty(localName = "Owner") Owner owner,
        @JacksonXmlProperty(localName = "StorageClass") String storageClass,
        @JacksonXmlProperty(localName = "Initiated") String initiated,
        @JacksonXmlProperty(localName = "ChecksumAlgorithm") Optional<String> checksumAlgorithm,
        @JacksonXmlProperty(localName = "ChecksumType") Optional<String> checksumType) {}
