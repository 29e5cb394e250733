package dev.tarn.storage.meta;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A bucket. Sub-resource configurations (tagging, policy, encryption, public access block,
 * lifecycle, CORS, ...) are kept as documents keyed by sub-resource name, so later features add
 * configurations without schema changes.
 *
 * @param versioning "Enabled" or "Suspended"; empty for a bucket that never had versioning
 * @param configurations sub-resource name to its stored document (a service-defined JSON or XML text)
 */
public record BucketRecord(String name, String ownerAccountId, String region, Instant createdAt,
        Optional<String> versioning, Map<String, String> configurations)
{
    public BucketRecord
    {
        requireNonNull(name, "name is null");
        requireNonNull(ownerAccountId, "ownerAccountId is null");
        requireNonNull(region, "region is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(versioning, "versioning is null");
        configurations = Map.copyOf(configurations);
    }

    public Optional<String> configuration(String subresource)
    {
        return Optional.ofNullable(configurations.get(subresource));
    }

    public BucketRecord withVersioning(String status)
    {
        return new BucketRecord(name, ownerAccountId, region, createdAt, Optional.of(status), configurations);
    }

    public BucketRecord withConfiguration(String subresource, Optional<String> document)
    {
        Map<String, String> copy = new java.util.HashMap<>(configurations);
        document.ifPresentOrElse(value -> copy.put(subresource, value), () -> copy.remove(subresource));
        return new BucketRecord(name, ownerAccountId, region, createdAt, versioning, copy);
    }
}
