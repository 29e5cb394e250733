package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** The {@code Tagging} document of Put/GetBucketTagging; tagSet is null when the element is missing. */
@JacksonXmlRootElement(localName = "Tagging")
public record Tagging(@JacksonXmlProperty(localName = "TagSet") TagSet tagSet) {}
