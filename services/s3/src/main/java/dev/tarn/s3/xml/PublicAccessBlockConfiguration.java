package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.Optional;

/** The bucket's Put/GetPublicAccessBlock document; an absent setting reads as empty (false). */
@JacksonXmlRootElement(localName = "PublicAccessBlockConfiguration")
public record PublicAccessBlockConfiguration(
        @JacksonXmlProperty(localName = "BlockPublicAcls") Optional<Boolean> blockPublicAcls,
        @JacksonXmlProperty(localName = "IgnorePublicAcls") Optional<Boolean> ignorePublicAcls,
        @JacksonXmlProperty(localName = "BlockPublicPolicy") Optional<Boolean> blockPublicPolicy,
        @JacksonXmlProperty(localName = "RestrictPublicBuckets") Optional<Boolean> restrictPublicBuckets)
{
    public PublicAccessBlockConfiguration
    {
        blockPublicAcls = blockPublicAcls == null ? Optional.empty() : blockPublicAcls;
        ignorePublicAcls = ignorePublicAcls == null ? Optional.empty() : ignorePublicAcls;
        blockPublicPolicy = blockPublicPolicy == null ? Optional.empty() : blockPublicPolicy;
        restrictPublicBuckets = restrictPublicBuckets == null ? Optional.empty() : restrictPublicBuckets;
    }
}
