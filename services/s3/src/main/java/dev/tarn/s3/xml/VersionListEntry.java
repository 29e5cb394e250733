package dev.tarn.s3.xml;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A version or a delete marker: ListObjectVersions interleaves the two in key order. */
public sealed interface VersionListEntry
        permits ListedVersion, ListedDeleteMarker
{
    @JsonIgnore
    String elementName();
}
