package dev.tarn.s3.lifecycle;

import dev.tarn.s3.S3Xml;
import dev.tarn.storage.meta.BucketRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where a bucket's lifecycle configuration is kept: its XML (with every rule's ID filled in) in
 * the bucket record's {@value #CONFIGURATION} configuration, and the bucket's name in the
 * {@value #INDEX} document collection, so the scheduler finds the buckets with rules without
 * reading every bucket. Both are written in one transaction.
 */
public final class LifecycleConfigurations
{
    public static final String CONFIGURATION = "lifecycle";
    public static final String INDEX = "s3.lifecycle-buckets";

    private final S3Xml xml;

    public LifecycleConfigurations(S3Xml xml)
    {
        this.xml = requireNonNull(xml, "xml is null");
    }

    public Optional<LifecycleConfigurationXml> document(BucketRecord bucket)
    {
        return bucket.configuration(CONFIGURATION).map(stored -> xml.read(stored.getBytes(StandardCharsets.UTF_8), LifecycleConfigurationXml.class));
    }

    /** The bucket's rules (enabled or not); none when it has no lifecycle configuration. */
    public List<LifecycleRule> rules(BucketRecord bucket)
    {
        return document(bucket).map(LifecycleRules::validate).orElse(List.of());
    }

    public String encode(LifecycleConfigurationXml document)
    {
        return new String(xml.bytes(document), StandardCharsets.UTF_8);
    }
}
