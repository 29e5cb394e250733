package dev.tarn.bench;

import dev.tarn.server.ServerConfig;
import dev.tarn.server.TarnServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A Tarn server in this JVM on 127.0.0.1 (a free port, a fresh temporary data dir removed on
 * close) for the identity benchmarks, and AWS SDK for Java v2 clients for it.
 */
final class IdentityBenchServer
        implements AutoCloseable
{
    static final Region REGION = Region.US_EAST_1;

    private final Path dataDir;
    private final TarnServer server;
    private final StaticCredentialsProvider rootCredentials;

    private IdentityBenchServer(Path dataDir, TarnServer server, StaticCredentialsProvider rootCredentials)
    {
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
        this.server = requireNonNull(server, "server is null");
        this.rootCredentials = requireNonNull(rootCredentials, "rootCredentials is null");
    }

    static IdentityBenchServer start(String name)
            throws Exception
    {
        Path dataDir = Files.createTempDirectory("tarn-" + name + "-");
        String accessKeyId = "AKIABENCH" + UUID.randomUUID().toString().replace("-", "").substring(0, 11).toUpperCase(Locale.ROOT);
        String secret = UUID.randomUUID().toString().replace("-", "") + "BenchSecret";
        ServerConfig config = new ServerConfig(dataDir, "127.0.0.1", 0, REGION.id(), Duration.ofMinutes(15),
                Optional.of(accessKeyId), Optional.of(secret), Optional.empty());
        try {
            TarnServer server = TarnServer.start(config);
            return new IdentityBenchServer(dataDir, server, StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)));
        }
        catch (Exception | Error e) {
            deleteRecursively(dataDir);
            throw e;
        }
    }

    AwsCredentialsProvider rootCredentials()
    {
        return rootCredentials;
    }

    /** Path-style S3 client with a connection pool large enough for {@code maxConnections} concurrent requests. */
    S3Client s3(AwsCredentialsProvider credentials, int maxConnections)
    {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(REGION)
                .credentialsProvider(credentials)
                .forcePathStyle(true)
                .httpClient(ApacheHttpClient.builder().maxConnections(maxConnections).socketTimeout(Duration.ofMinutes(5)).build())
                .build();
    }

    IamClient iam()
    {
        return IamClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(rootCredentials)
                .httpClient(ApacheHttpClient.builder().build())
                .build();
    }

    KmsClient kms()
    {
        return KmsClient.builder()
                .endpointOverride(server.endpoint())
                .region(REGION)
                .credentialsProvider(rootCredentials)
                .httpClient(ApacheHttpClient.builder().build())
                .build();
    }

    @Override
    public void close()
            throws Exception
    {
        try {
            server.close();
        }
        finally {
            deleteRecursively(dataDir);
        }
    }

    /** The machine the figures were taken on; the load average says how much else was running. */
    static String describeMachine()
    {
        return String.format(Locale.ROOT, "java %s, %d cpus, %s memory, load average %s",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), memTotal(), loadAverage());
    }

    /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or "unknown". */
    static String loadAverage()
    {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String memTotal()
    {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(line -> line.startsWith("MemTotal:"))
                    .map(line -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(line.replaceAll("\\D", "")) / (1024.0 * 1024.0)))
                    .findFirst()
                    .orElse("unknown");
        }
        catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void deleteRecursively(Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
