package dev.tarn.s3.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.security.SecurityConfigurations;
import dev.tarn.s3.xml.BucketLoggingStatus;
import dev.tarn.storage.meta.BucketRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where a bucket's server access logs go (PutBucketLogging's LoggingEnabled): a bucket of the
 * same owner, a key prefix, and how log object keys are formed.
 */
public record LoggingTarget(String bucket, String prefix, KeyFormat keyFormat)
{
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** SimplePrefix ({@code prefix + date-time-unique}) or PartitionedPrefix by event or delivery time. */
    public enum KeyFormat
    {
        SIMPLE, PARTITIONED_EVENT_TIME, PARTITIONED_DELIVERY_TIME
    }

    public LoggingTarget
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(keyFormat, "keyFormat is null");
    }

    /** The bucket's logging target, empty when logging is off. */
    public static Optional<LoggingTarget> of(BucketRecord bucket)
    {
        return bucket.configuration(SecurityConfigurations.LOGGING).map(LoggingTarget::decode);
    }

    /** From PutBucketLogging's LoggingEnabled: TargetBucket and TargetPrefix required, at most one key format. */
    public static LoggingTarget fromXml(BucketLoggingStatus.LoggingEnabled enabled)
    {
        if (enabled.targetBucket() == null || enabled.targetBucket().isBlank() || enabled.targetPrefix() == null) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        KeyFormat format = enabled.targetObjectKeyFormat().map(LoggingTarget::keyFormat).orElse(KeyFormat.SIMPLE);
        return new LoggingTarget(enabled.targetBucket(), enabled.targetPrefix(), format);
    }

    private static KeyFormat keyFormat(BucketLoggingStatus.TargetObjectKeyFormat format)
    {
        if (format.simplePrefix().isPresent() == format.partitionedPrefix().isPresent()) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        if (format.simplePrefix().isPresent()) {
            return KeyFormat.SIMPLE;
        }
        // AWS's default date source is the event time
        String source = format.partitionedPrefix().get().partitionDateSource().filter(value -> !value.isEmpty()).orElse("EventTime");
        return switch (source) {
            case "EventTime" -> KeyFormat.PARTITIONED_EVENT_TIME;
            case "DeliveryTime" -> KeyFormat.PARTITIONED_DELIVERY_TIME;
            default -> throw S3Errors.MALFORMED_XML.exception();
        };
    }

    public BucketLoggingStatus.LoggingEnabled toXml()
    {
        BucketLoggingStatus.TargetObjectKeyFormat format = switch (keyFormat) {
            case SIMPLE -> new BucketLoggingStatus.TargetObjectKeyFormat(Optional.of(""), Optional.empty());
            case PARTITIONED_EVENT_TIME -> new BucketLoggingStatus.TargetObjectKeyFormat(Optional.empty(),
                    Optional.of(new BucketLoggingStatus.PartitionedPrefix(Optional.of("EventTime"))));
            case PARTITIONED_DELIVERY_TIME -> new BucketLoggingStatus.TargetObjectKeyFormat(Optional.empty(),
                    Optional.of(new BucketLoggingStatus.PartitionedPrefix(Optional.of("DeliveryTime"))));
        };
        return new BucketLoggingStatus.LoggingEnabled(bucket, prefix, Optional.of(format));
    }

    public String encode()
    {
        ObjectNode node = JSON.createObjectNode()
                .put("TargetBucket", bucket)
                .put("TargetPrefix", prefix)
                .put("KeyFormat", keyFormat.name());
        return node.toString();
    }

    static LoggingTarget decode(String encoded)
    {
        try {
            JsonNode tree = JSON.readTree(encoded);
            return new LoggingTarget(tree.path("TargetBucket").asText(), tree.path("TargetPrefix").asText(""),
                    KeyFormat.valueOf(tree.path("KeyFormat").asText(KeyFormat.SIMPLE.name())));
        }
        catch (IOException e) {
            throw new UncheckedIOException("stored logging configuration is not JSON", e);
        }
    }
}
