package dev.tarn.s3.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import java.util.Optional;

/** Put/GetBucketLogging's document; without LoggingEnabled, logging is off. */
@JacksonXmlRootElement(localName = "BucketLoggingStatus")
public record BucketLoggingStatus(@JacksonXmlProperty(localName = "LoggingEnabled") Optional<LoggingEnabled> loggingEnabled)
{
    public BucketLoggingStatus
    {
        loggingEnabled = loggingEnabled == null ? Optional.empty() : loggingEnabled;
    }

    /** TargetGrants is not kept: log objects belong to the bucket owner, as with BucketOwnerEnforced. */
    public record LoggingEnabled(
            @JacksonXmlProperty(localName = "TargetBucket") String targetBucket,
            @JacksonXmlProperty(localName = "TargetPrefix") String targetPrefix,
            @JacksonXmlProperty(localName = "TargetObjectKeyFormat") Optional<TargetObjectKeyFormat> targetObjectKeyFormat)
    {
        public LoggingEnabled
        {
            targetObjectKeyFormat = targetObjectKeyFormat == null ? Optional.empty() : targetObjectKeyFormat;
        }
    }

    /**
     * One of {@code <SimplePrefix/>} (an empty element, read as an empty text) or
     * {@code <PartitionedPrefix>}.
     */
    public record TargetObjectKeyFormat(
            @JacksonXmlProperty(localName = "SimplePrefix") Optional<String> simplePrefix,
            @JacksonXmlProperty(localName = "PartitionedPrefix") Optional<PartitionedPrefix> partitionedPrefix)
    {
        public TargetObjectKeyFormat
        {
            simplePrefix = simplePrefix == null ? Optional.empty() : simplePrefix;
            partitionedPrefix = partitionedPrefix == null ? Optional.empty() : partitionedPrefix;
        }
    }

    /** @param partitionDateSource EventTime or DeliveryTime */
    public record PartitionedPrefix(@JacksonXmlProperty(localName = "PartitionDateSource") Optional<String> partitionDateSource)
    {
        public PartitionedPrefix
        {
            partitionDateSource = partitionDateSource == null ? Optional.empty() : partitionDateSource;
        }
    }
}
