package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.List;
import java.util.Optional;

/** Put/GetBucketEncryption's document: default encryption rules. */
@JacksonXmlRootElement(localName = "ServerSideEncryptionConfiguration")
public record ServerSideEncryptionConfiguration(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Rule") List<Rule> rules)
{
    public ServerSideEncryptionConfiguration
    {
        rules = rules == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(rules));
    }

    public record Rule(
            @JacksonXmlProperty(localName = "ApplyServerSideEncryptionByDefault") ByDefault applyServerSideEncryptionByDefault,
            @JacksonXmlProperty(localName = "BucketKeyEnabled") Optional<Boolean> bucketKeyEnabled)
    {
        public Rule
        {
            bucketKeyEnabled = bucketKeyEnabled == null ? Optional.empty() : bucketKeyEnabled;
        }
    }

    public record ByDefault(
            @JacksonXmlProperty(localName = "SSEAlgorithm") String sseAlgorithm,
            @JacksonXmlProperty(localName = "KMSMasterKeyID") Optional<String> kmsMasterKeyId)
    {
        public ByDefault
        {
            kmsMasterKeyId = kmsMasterKeyId == null ? Optional.empty() : kmsMasterKeyId;
        }
    }
}
