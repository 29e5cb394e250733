package dev.tarn.s3.lifecycle;

import dev.tarn.s3.object.Timestamps;
import dev.tarn.spi.http.Headers;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.ObjectVersion;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * x-amz-expiration on PutObject, GetObject and HeadObject: when the earliest enabled expiration
 * rule that matches the current version will expire it, and which rule that is.
 */
public final class ExpirationHeader
{
    public static final String NAME = "x-amz-expiration";

    private final LifecycleConfigurations configurations;
    private final LifecycleDay day;

    public ExpirationHeader(LifecycleConfigurations configurations, LifecycleDay day)
    {
        this.configurations = requireNonNull(configurations, "configurations is null");
        this.day = requireNonNull(day, "day is null");
    }

    /** Sets the header when a rule of the bucket will expire the version. */
    public void addTo(Headers.Builder headers, BucketRecord bucket, ObjectVersion version)
    {
        if (bucket.configuration(LifecycleConfigurations.CONFIGURATION).isEmpty()) {
            return;
        }
        of(configurations.rules(bucket), version, day).ifPresent(value -> headers.set(NAME, value));
    }

    public static Optional<String> of(List<LifecycleRule> rules, ObjectVersion version, LifecycleDay day)
    {
        if (version.deleteMarker()) {
            return Optional.empty();
        }
        record Due(Instant at, String ruleId) {}
        return rules.stream()
                .filter(LifecycleRule::enabled)
                .filter(rule -> rule.filter().matches(version.key(), ObjectTags.of(version), version.size()))
                .flatMap(rule -> rule.expiration().flatMap(expiration -> LifecycleExecutor.expiry(expiration, version.lastModified(), day))
                        .map(at -> new Due(at, rule.id())).stream())
                .min(Comparator.comparing(Due::at))
                .map(due -> "expiry-date=\"" + Timestamps.http(due.at()) + "\", rule-id=\"" + due.ruleId() + "\"");
    }
}
