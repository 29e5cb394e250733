package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.Optional;

/** The optional body of CreateBucket. */
@JacksonXmlRootElement(localName = "CreateBucketConfiguration")
public record CreateBucketConfiguration(
        @JacksonXmlProperty(localName = "LocationConstraint") Optional<String> locationConstraint,
        @JacksonXmlProperty(localName = "Tags") Optional<TagSet> tags)
{
    public CreateBucketConfiguration
    {
        locationConstraint = locationConstraint == null ? Optional.empty() : locationConstraint;
        tags = tags == null ? Optional.empty() : tags;
    }
}
