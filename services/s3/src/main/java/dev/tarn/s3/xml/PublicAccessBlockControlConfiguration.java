package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** The account's PublicAccessBlockConfiguration as S3 Control answers it, in S3 Control's namespace. */
@JacksonXmlRootElement(localName = "PublicAccessBlockConfiguration", namespace = PublicAccessBlockControlConfiguration.NAMESPACE)
public record PublicAccessBlockControlConfiguration(
        @JacksonXmlProperty(localName = "BlockPublicAcls", namespace = NAMESPACE) boolean blockPublicAcls,
        @JacksonXmlProperty(localName = "IgnorePublicAcls", namespace = NAMESPACE) boolean ignorePublicAcls,
        @JacksonXmlProperty(localName = "BlockPublicPolicy", namespace = NAMESPACE) boolean blockPublicPolicy,
        @JacksonXmlProperty(localName = "RestrictPublicBuckets", namespace = NAMESPACE) boolean restrictPublicBuckets)
{
    public static final String NAMESPACE = "http://awss3control.amazonaws.com/doc/2018-08-20/";
}
