package dev.tarn.it;

import dev.tarn.s3.lifecycle.LifecycleScheduler;
import dev.tarn.server.ServerConfig;
import dev.tarn.server.TarnServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real Tarn server in this JVM, on a free port with its own data dir, and AWS SDK clients
 * configured for it. Tests start one per class:
 * <pre>{@code
 * static TestServer server;
 * @BeforeAll static void start() { server = TestServer.start(); }
 * @AfterAll static void stop() { server.close(); }
 * }</pre>
 */
public final class TestServer
        implements AutoCloseable
{
    public static final Region REGION = Region.US_EAST_1;

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Clock clock;
    private final Duration lifecycleDay;
    private UnaryOperator<ServerConfig> configure = UnaryOperator.identity();
    private TarnServer server;

    private TestServer(Path dataDir, boolean ownsDataDir, String accessKeyId, String secretAccessKey, Clock clock, Duration lifecycleDay)
    {
        this.lifecycleDay = lifecycleDay;
        this.clock = clock;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
    }

    public static TestServer start()
    {
        return start(Clock.systemUTC());
    }

    /** A server that takes the time from {@code clock} (to see temporary credentials expire). */
    public static TestServer start(Clock clock)
    {
        try {
            return start(Files.createTempDirectory("tarn-it-"), true, clock);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server whose configuration {@code configure} adjusts (e.g. the default Object Ownership), in a data dir of its own. */
    public static TestServer start(UnaryOperator<ServerConfig> configure)
    {
        try {
            Path dataDir = Files.createTempDirectory("tarn-it-");
            String accessKeyId = "AKIATEST" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
            TestServer testServer = new TestServer(dataDir, true, accessKeyId, UUID.randomUUID().toString().replace("-", "") + "Secret", Clock.systemUTC(),
                    Duration.ofDays(1));
            testServer.configure = configure;
            testServer.startServer();
            return testServer;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server whose S3 lifecycle "day" lasts {@code lifecycleDay}, so rules fire within seconds. */
    public static TestServer start(Clock clock, Duration lifecycleDay)
    {
        try {
            return start(Files.createTempDirectory("tarn-it-"), true, clock, lifecycleDay);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on an existing data dir (to test what survives a restart); the caller removes the dir. */
    public static TestServer start(Path dataDir)
    {
        return start(dataDir, false, Clock.systemUTC());
    }

    private static TestServer start(Path dataDir, boolean ownsDataDir, Clock clock)
    {
        return start(dataDir, ownsDataDir, clock, Duration.ofDays(1));
    }

    private static TestServer start(Path dataDir, boolean ownsDataDir, Clock clock, Duration lifecycleDay)
    {
        String accessKeyId = "AKIATEST" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        String secret = UUID.randomUUID().toString().replace("-", "") + "Secret";
        TestServer testServer = new TestServer(dataDir, ownsDataDir, accessKeyId, secret, clock, lifecycleDay);
        testServer.startServer();
        return testServer;
    }

    private void startServer()
    {
        ServerConfig config = configure.apply(new ServerConfig(dataDir, "127.0.0.1", 0, REGION.id(), Duration.ofMinutes(15),
                Optional.of(accessKeyId), Optional.of(secretAccessKey), Optional.empty(), ServerConfig.DEFAULT_OBJECT_OWNERSHIP, lifecycleDay,
                Optional.empty(), Optional.empty()));
        try {
            server = TarnServer.start(config, clock);
        }
        catch (Exception e) {
            throw new IllegalStateException("Tarn did not start", e);
        }
    }

    /** Stops and starts the server again on the same data dir (a new port). */
    public void restart()
    {
        stopServer();
        startServer();
    }

    public URI endpoint()
    {
        return server.endpoint();
    }

    /** The server's S3 lifecycle scheduler, to run a pass at a moment the test chooses. */
    public LifecycleScheduler lifecycle()
    {
        return server.lifecycle();
    }

    public Path dataDir()
    {
        return dataDir;
    }

    public String accountId()
    {
        return server.root().accountId();
    }

    public StaticCredentialsProvider credentials()
    {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    public StaticCredentialsProvider credentials(String accessKey, String secret)
    {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret));
    }

    /** Path-style S3 client ({@code http://127.0.0.1:port/bucket/key}). */
    public S3Client s3()
    {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(credentials())
                .forcePathStyle(true)
                .build();
    }

    /** Virtual-hosted-style S3 client ({@code http://bucket.localhost:port/key}). */
    public S3Client s3VirtualHosted()
    {
        return S3Client.builder()
                .endpointOverride(URI.create("http://localhost:" + server.port()))
                .region(REGION)
                .credentialsProvider(credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(false).build())
                .httpClient(ApacheHttpClient.builder().dnsResolver(TestServer::resolveLocalhost).build())
                .build();
    }

    public S3AsyncClient s3Async()
    {
        return S3AsyncClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(credentials())
                .forcePathStyle(true)
                .build();
    }

    /** IAM client as the installation's root user. */
    public IamClient iam()
    {
        return IamClient.builder()
                .endpointOverride(endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials())
                .build();
    }

    /** IAM client signing with the given credentials (another account's root, an IAM user's). */
    public IamClient iam(AwsCredentialsProvider credentials)
    {
        return IamClient.builder()
                .endpointOverride(endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials)
                .build();
    }

    /** The running server (its account store, to create more accounts). */
    public TarnServer server()
    {
        return server;
    }

    /** Path-style S3 client signing with the given credentials (an IAM user's, a session's). */
    public S3Client s3(AwsCredentialsProvider credentials)
    {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(credentials)
                .forcePathStyle(true)
                .build();
    }

    public StsClient sts(AwsCredentialsProvider credentials)
    {
        return StsClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(credentials)
                .build();
    }

    public KmsClient kms()
    {
        return kms(credentials());
    }

    public KmsClient kms(AwsCredentialsProvider credentials)
    {
        return KmsClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(credentials)
                .build();
    }

    public StsClient sts()
    {
        return StsClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(credentials())
                .build();
    }

    public CloudFormationClient cloudFormation()
    {
        return CloudFormationClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(credentials())
                .build();
    }

    public GlueClient glue()
    {
        return glue(credentials());
    }

    public GlueClient glue(AwsCredentialsProvider credentials)
    {
        return GlueClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(credentials)
                .build();
    }

    public AthenaClient athena()
    {
        return athena(credentials());
    }

    public AthenaClient athena(AwsCredentialsProvider credentials)
    {
        return AthenaClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(credentials)
                .build();
    }

    private static InetAddress[] resolveLocalhost(String host)
            throws UnknownHostException
    {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }
        return InetAddress.getAllByName(host);
    }

    private void stopServer()
    {
        try {
            server.close();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close()
    {
        stopServer();
        if (ownsDataDir) {
            deleteRecursively(dataDir);
        }
    }

    public static void deleteRecursively(Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
