package dev.tarn.s3.logging;

import dev.tarn.s3.S3Xml;
import dev.tarn.s3.xml.BucketLoggingStatus;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.ServiceResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoggingTargetTest
{
    private final S3Xml xml = new S3Xml();

    @Test
    void readsSimplePrefix()
    {
        LoggingTarget target = read("<BucketLoggingStatus xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LoggingEnabled>"
                + "<TargetBucket>logs</TargetBucket><TargetPrefix>src/</TargetPrefix><TargetObjectKeyFormat><SimplePrefix/></TargetObjectKeyFormat>"
                + "</LoggingEnabled></BucketLoggingStatus>");
        assertThat(target).isEqualTo(new LoggingTarget("logs", "src/", LoggingTarget.KeyFormat.SIMPLE));
    }

    @Test
    void readsPartitionedPrefix()
    {
        LoggingTarget target = read("<BucketLoggingStatus><LoggingEnabled><TargetBucket>logs</TargetBucket><TargetPrefix></TargetPrefix>"
                + "<TargetObjectKeyFormat><PartitionedPrefix><PartitionDateSource>DeliveryTime</PartitionDateSource></PartitionedPrefix>"
                + "</TargetObjectKeyFormat></LoggingEnabled></BucketLoggingStatus>");
        assertThat(target).isEqualTo(new LoggingTarget("logs", "", LoggingTarget.KeyFormat.PARTITIONED_DELIVERY_TIME));
        assertThat(read("<BucketLoggingStatus><LoggingEnabled><TargetBucket>logs</TargetBucket><TargetPrefix>p</TargetPrefix>"
                + "<TargetObjectKeyFormat><PartitionedPrefix/></TargetObjectKeyFormat></LoggingEnabled></BucketLoggingStatus>").keyFormat())
                .isEqualTo(LoggingTarget.KeyFormat.PARTITIONED_EVENT_TIME);
    }

    @Test
    void defaultsToSimplePrefix()
    {
        assertThat(read("<BucketLoggingStatus><LoggingEnabled><TargetBucket>logs</TargetBucket><TargetPrefix>x</TargetPrefix></LoggingEnabled></BucketLoggingStatus>"))
                .isEqualTo(new LoggingTarget("logs", "x", LoggingTarget.KeyFormat.SIMPLE));
    }

    @Test
    void emptyStatusDisablesLogging()
    {
        assertThat(xml.read(bytes("<BucketLoggingStatus xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>"), BucketLoggingStatus.class).loggingEnabled())
                .isEmpty();
        assertThat(xml.read(bytes("<BucketLoggingStatus></BucketLoggingStatus>"), BucketLoggingStatus.class).loggingEnabled()).isEmpty();
    }

    @Test
    void rejectsMissingTargetBucketOrBothFormats()
    {
        assertThatThrownBy(() -> read("<BucketLoggingStatus><LoggingEnabled><TargetPrefix>x</TargetPrefix></LoggingEnabled></BucketLoggingStatus>"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("MalformedXML"));
        assertThatThrownBy(() -> read("<BucketLoggingStatus><LoggingEnabled><TargetBucket>logs</TargetBucket><TargetPrefix>x</TargetPrefix>"
                + "<TargetObjectKeyFormat><SimplePrefix/><PartitionedPrefix/></TargetObjectKeyFormat></LoggingEnabled></BucketLoggingStatus>"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("MalformedXML"));
        assertThatThrownBy(() -> read("<BucketLoggingStatus><LoggingEnabled><TargetBucket>logs</TargetBucket><TargetPrefix>x</TargetPrefix>"
                + "<TargetObjectKeyFormat><PartitionedPrefix><PartitionDateSource>Tomorrow</PartitionDateSource></PartitionedPrefix>"
                + "</TargetObjectKeyFormat></LoggingEnabled></BucketLoggingStatus>"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("MalformedXML"));
    }

    @Test
    void roundTripsThroughStorageAndXml()
            throws IOException
    {
        for (LoggingTarget.KeyFormat format : LoggingTarget.KeyFormat.values()) {
            LoggingTarget target = new LoggingTarget("logs", "a\"b/", format);
            assertThat(LoggingTarget.decode(target.encode())).isEqualTo(target);
            String document = render(xml.ok(new BucketLoggingStatus(java.util.Optional.of(target.toXml()))));
            assertThat(read(document)).isEqualTo(target);
        }
        String simple = render(xml.ok(new BucketLoggingStatus(java.util.Optional.of(new LoggingTarget("logs", "p/", LoggingTarget.KeyFormat.SIMPLE).toXml()))));
        assertThat(simple).contains("<TargetBucket>logs</TargetBucket><TargetPrefix>p/</TargetPrefix><TargetObjectKeyFormat><SimplePrefix");
        assertThat(render(xml.ok(new BucketLoggingStatus(java.util.Optional.empty())))).contains("<BucketLoggingStatus").doesNotContain("LoggingEnabled");
    }

    private LoggingTarget read(String document)
    {
        return LoggingTarget.fromXml(xml.read(bytes(document), BucketLoggingStatus.class).loggingEnabled().orElseThrow());
    }

    private static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String render(ServiceResponse response)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.body().orElseThrow().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
