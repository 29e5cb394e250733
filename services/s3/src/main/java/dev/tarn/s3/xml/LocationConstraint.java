package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlText;

import static java.util.Objects.requireNonNull;

/** GetBucketLocation's answer: the region as text, empty for us-east-1. */
@JacksonXmlRootElement(localName = "LocationConstraint")
public record LocationConstraint(@JacksonXmlText String value)
{
    public LocationConstraint
    {
        requireNonNull(value, "value is null");
    }
}
