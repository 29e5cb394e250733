package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/** A {@code DeleteMarker} entry of ListObjectVersions. */
public record ListedDeleteMarker(
        @JacksonXmlProperty(localName = "Key") String key,
        @JacksonXmlProperty(localName = "VersionId") String versionId,
        @JacksonXmlProperty(localName = "IsLatest") boolean latest,
        @JacksonXmlProperty(localName = "LastModified") String lastModified,
        @JacksonXmlProperty(localName = "Owner") Owner owner)
        implements VersionListEntry
{
    @Override
    public String elementName()
    {
        return "DeleteMarker";
    }
}
