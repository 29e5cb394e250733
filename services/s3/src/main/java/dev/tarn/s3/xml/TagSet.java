package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

import java.util.List;

/** A {@code TagSet} (or CreateBucketConfiguration's {@code Tags}): its {@code Tag} elements. */
public record TagSet(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Tag") List<Tag> tags)
{
    public TagSet
    {
        // an empty element reads as null; Tag entries themselves are validated by the caller
        tags = tags == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tags));
    }
}
