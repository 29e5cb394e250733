package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.List;
import java.util.Optional;

/** ListObjects' (version 1) answer. */
@JacksonXmlRootElement(localName = "ListBucketResult")
public record ListBucketResult(
        @JacksonXmlProperty(localName = "Name") String name,
        @JacksonXmlProperty(localName = "Prefix") String prefix,
        @JacksonXmlProperty(localName = "Marker") String marker,
        @JacksonXmlProperty(localName = "NextMarker") Optional<String> nextMarker,
        @JacksonXmlProperty(localName = "MaxKeys") int maxKeys,
        @JacksonXmlProperty(localName = "Delimiter") Optional<String> delimiter,
        @JacksonXmlProperty(localName = "IsTruncated") boolean truncated,
        @JacksonXmlProperty(localName = "EncodingType") Optional<String> encodingType,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Contents") List<ListedObject> contents,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CommonPrefixes") List<CommonPrefix> commonPrefixes)
{
    public ListBucketResult
    {
        contents = List.copyOf(contents);
        commonPrefixes = List.copyOf(commonPrefixes);
    }
}
