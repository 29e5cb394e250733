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

    public record LoggingEnabled(
            @JacksonXmlProperty(localName = "TargetBucket") String targetBucket,
            @JacksonXmlProperty(localName = "TargetPrefix") String targetPrefix) {}
}
