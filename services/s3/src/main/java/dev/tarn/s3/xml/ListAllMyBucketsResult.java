package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** ListBuckets' answer. */
@JacksonXmlRootElement(localName = "ListAllMyBucketsResult")
public record ListAllMyBucketsResult(
        @JacksonXmlProperty(localName = "Owner") Owner owner,
        @JacksonXmlProperty(localName = "Buckets") Buckets buckets,
        @JacksonXmlProperty(localName = "ContinuationToken") Optional<String> continuationToken,
        @JacksonXmlProperty(localName = "Prefix") Optional<String> prefix)
{
    public ListAllMyBucketsResult
    {
        requireNonNull(owner, "owner is null");
        requireNonNull(buckets, "buckets is null");
        requireNonNull(continuationToken, "continuationToken is null");
        requireNonNull(prefix, "prefix is null");
    }

    public record Buckets(@JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Bucket") List<Bucket> buckets)
    {
        public Buckets
        {
            buckets = List.copyOf(buckets);
        }
    }

    public record Bucket(
            @JacksonXmlProperty(localName = "Name") String name,
            @JacksonXmlProperty(localName = "CreationDate") String creationDate,
            @JacksonXmlProperty(localName = "BucketRegion") String bucketRegion) {}
}
