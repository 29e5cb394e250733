package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.List;
import java.util.Optional;

/** ListObjectsV2's answer (its root element is ListBucketResult too). */
@JacksonXmlRootElement(localName = "ListBucketResult")
public record ListBucketV2Result(
        @JacksonXmlProperty(localName = "Name") String name,
        @JacksonXmlProperty(localName = "Prefix") String prefix,
        @JacksonXmlProperty(localName = "MaxKeys") int maxKeys,
        @JacksonXmlProperty(localName = "KeyCount") int keyCount,
        @JacksonXmlProperty(localName = "Delimiter") Optional<String> delimiter,
        @JacksonXmlProperty(localName = "IsTruncated") boolean truncated,
        @JacksonXmlProperty(localName = "ContinuationToken") Optional<String> continuationToken,
        @JacksonXmlProperty(localName = "NextContinuationToken") Optional<String> nextContinuationToken,
        @JacksonXmlProperty(localName = "StartAfter") Optional<String> startAfter,
        @JacksonXmlProperty(localName = "EncodingType") Optional<String> encodingType,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Contents") List<ListedObject> contents,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CommonPrefixes") List<CommonPrefix> commonPrefixes)
{
    public ListBucketV2Result
    {
        contents = List.copyOf(contents);
        commonPrefixes = List.copyOf(commonPrefixes);
    }
}
