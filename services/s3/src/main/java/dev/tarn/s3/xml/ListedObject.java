package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

import java.util.List;
import java.util.Optional;

/** One {@code Contents} entry of ListObjects and ListObjectsV2. */
public record ListedObject(
        @JacksonXmlProperty(localName = "Key") String key,
        @JacksonXmlProperty(localName = "LastModified") String lastModified,
        @JacksonXmlProperty(localName = "ETag") String etag,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "ChecksumAlgorithm") List<String> checksumAlgorithm,
        @JacksonXmlProperty(localName = "ChecksumType") Optional<String> checksumType,
        @JacksonXmlProperty(localName = "Size") long size,
        @JacksonXmlProperty(localName = "Owner") Optional<Owner> owner,
        @JacksonXmlProperty(localName = "StorageClass") String storageClass)
{
    public ListedObject
    {
        checksumAlgorithm = List.copyOf(checksumAlgorithm);
    }
}
