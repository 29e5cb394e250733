package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

import java.util.List;
import java.util.Optional;

/** A {@code Version} entry of ListObjectVersions. */
public record ListedVersion(
        @JacksonXmlProperty(localName = "Key") String key,
        @JacksonXmlProperty(localName = "VersionId") String versionId,
        @JacksonXmlProperty(localName = "IsLatest") boolean latest,
        @JacksonXmlProperty(localName = "LastModified") String lastModified,
        @JacksonXmlProperty(localName = "ETag") String etag,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "ChecksumAlgorithm") List<String> checksumAlgorithm,
        @JacksonXmlProperty(localName = "ChecksumType") Optional<String> checksumType,
        @JacksonXmlProperty(localName = "Size") long size,
        @JacksonXmlProperty(localName = "Owner") Owner owner,
        @JacksonXmlProperty(localName = "StorageClass") String storageClass)
        implements VersionListEntry
{
    public ListedVersion
    {
        checksumAlgorithm = List.copyOf(checksumAlgorithm);
    }

    @Override
    public String elementName()
    {
        return "Version";
    }
}
