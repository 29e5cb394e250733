package dev.tarn.server;

import dev.tarn.s3.security.ObjectOwnership;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Everything a Tarn installation is started with. Defaults: data in {@code ./data}, listening on
 * 127.0.0.1:8276, region us-east-1.
 *
 * @param rootAccessKeyId the root user's access key (TARN_ROOT_ACCESS_KEY_ID); generated on first start when empty
 * @param rootSecretAccessKey the root user's secret (TARN_ROOT_SECRET_ACCESS_KEY)
 * @param masterKey the base64 master key (TARN_MASTER_KEY); kept in DATA_DIR/master.key when empty
 * @param defaultObjectOwnership the Object Ownership of buckets created without x-amz-object-ownership
 *        (--default-object-ownership, TARN_DEFAULT_OBJECT_OWNERSHIP): BucketOwnerEnforced, as AWS
 *        since April 2023, or ObjectWriter (ACLs enabled) for tools written before that change
 * @param lifecycleDay how long "one day" of an S3 lifecycle rule is (TARN_LIFECYCLE_DAY_SECONDS,
 *        --lifecycle-day-seconds); 24 hours unless shortened for tests and demos
 * @param rootEmail the first account's root email address (TARN_ROOT_EMAIL, --root-email), set at
 *        start when given, so ACL grants by email can name the first account
 * @param athenaCacheMegabytes the size of Athena's cache of decrypted table data in memory
 *        (TARN_ATHENA_CACHE_MB; 0 turns it off); empty: 1 GiB, at most half of the free space of
 *        {@code /dev/shm}, and none without it (see docs/athena-sql.md)
 */
public record ServerConfig(Path dataDir, String host, int port, String region, Duration maxClockSkew,
        Optional<String> rootAccessKeyId, Optional<String> rootSecretAccessKey, Optional<String> masterKey, String defaultObjectOwnership,
        Duration lifecycleDay, Optional<String> rootEmail, Optional<Long> athenaCacheMegabytes)
{
    public static final String DEFAULT_OBJECT_OWNERSHIP = ObjectOwnership.BUCKET_OWNER_ENFORCED;

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8276;
    public static final String DEFAULT_REGION = "us-east-1";

    public ServerConfig
    {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(host, "host is null");
        requireNonNull(region, "region is null");
        requireNonNull(maxClockSkew, "maxClockSkew is null");
        requireNonNull(rootAccessKeyId, "rootAccessKeyId is null");
        requireNonNull(rootSecretAccessKey, "rootSecretAccessKey is null");
        requireNonNull(masterKey, "masterKey is null");
        ObjectOwnership.checkDefault(requireNonNull(defaultObjectOwnership, "defaultObjectOwnership is null"));
        requireNonNull(lifecycleDay, "lifecycleDay is null");
        requireNonNull(rootEmail, "rootEmail is null");
        requireNonNull(athenaCacheMegabytes, "athenaCacheMegabytes is null");
        if (athenaCacheMegabytes.isPresent() && athenaCacheMegabytes.get() < 0) {
            throw new IllegalArgumentException("the Athena cache size cannot be negative: " + athenaCacheMegabytes.get());
        }
        if (lifecycleDay.compareTo(Duration.ofSeconds(1)) < 0 || lifecycleDay.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("the lifecycle day must be between 1 second and 86400 seconds: " + lifecycleDay.toSeconds());
        }
        if (rootAccessKeyId.isPresent() != rootSecretAccessKey.isPresent()) {
            throw new IllegalArgumentException("TARN_ROOT_ACCESS_KEY_ID and TARN_ROOT_SECRET_ACCESS_KEY must be set together");
        }
    }

    public ServerConfig(Path dataDir, String host, int port, String region, Duration maxClockSkew,
            Optional<String> rootAccessKeyId, Optional<String> rootSecretAccessKey, Optional<String> masterKey)
    {
        this(dataDir, host, port, region, maxClockSkew, rootAccessKeyId, rootSecretAccessKey, masterKey, DEFAULT_OBJECT_OWNERSHIP, Duration.ofDays(1), Optional.empty(),
                Optional.empty());
    }

    /** The defaults, with root credentials and master key taken from the environment when set. */
    public static ServerConfig fromEnvironment(Path dataDir, String host, int port, String region, java.util.Map<String, String> environment)
    {
        return new ServerConfig(dataDir, host, port, region, Duration.ofMinutes(15),
                nonEmpty(environment.get("TARN_ROOT_ACCESS_KEY_ID")),
                nonEmpty(environment.get("TARN_ROOT_SECRET_ACCESS_KEY")),
                nonEmpty(environment.get("TARN_MASTER_KEY")),
                nonEmpty(environment.get("TARN_DEFAULT_OBJECT_OWNERSHIP")).orElse(DEFAULT_OBJECT_OWNERSHIP),
                nonEmpty(environment.get("TARN_LIFECYCLE_DAY_SECONDS")).map(seconds -> Duration.ofSeconds(Long.parseLong(seconds.strip())))
                        .orElse(Duration.ofDays(1)),
                nonEmpty(environment.get("TARN_ROOT_EMAIL")).map(String::strip),
                nonEmpty(environment.get("TARN_ATHENA_CACHE_MB")).map(megabytes -> Long.parseLong(megabytes.strip())));
    }

    public ServerConfig withPort(int newPort)
    {
        return new ServerConfig(dataDir, host, newPort, region, maxClockSkew, rootAccessKeyId, rootSecretAccessKey, masterKey, defaultObjectOwnership,
                lifecycleDay, rootEmail, athenaCacheMegabytes);
    }

    public ServerConfig withDefaultObjectOwnership(String value)
    {
        return new ServerConfig(dataDir, host, port, region, maxClockSkew, rootAccessKeyId, rootSecretAccessKey, masterKey, value, lifecycleDay, rootEmail,
                athenaCacheMegabytes);
    }

    public ServerConfig withLifecycleDay(Duration day)
    {
        return new ServerConfig(dataDir, host, port, region, maxClockSkew, rootAccessKeyId, rootSecretAccessKey, masterKey, defaultObjectOwnership, day, rootEmail,
                athenaCacheMegabytes);
    }

    public ServerConfig withRootEmail(String email)
    {
        return new ServerConfig(dataDir, host, port, region, maxClockSkew, rootAccessKeyId, rootSecretAccessKey, masterKey, defaultObjectOwnership,
                lifecycleDay, Optional.of(email), athenaCacheMegabytes);
    }

    public ServerConfig withAthenaCacheMegabytes(long megabytes)
    {
        return new ServerConfig(dataDir, host, port, region, maxClockSkew, rootAccessKeyId, rootSecretAccessKey, masterKey, defaultObjectOwnership,
                lifecycleDay, rootEmail, Optional.of(megabytes));
    }

    private static Optional<String> nonEmpty(String value)
    {
        return Optional.ofNullable(value).filter(text -> !text.isBlank());
    }
}
