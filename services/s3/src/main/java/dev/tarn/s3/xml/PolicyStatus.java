package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** GetBucketPolicyStatus's document. */
@JacksonXmlRootElement(localName = "PolicyStatus")
public record PolicyStatus(@JacksonXmlProperty(localName = "IsPublic") boolean isPublic) {}
