package dev.tarn.it.kms;

import dev.tarn.gateway.GatewayConfig;
import dev.tarn.gateway.GatewayHandler;
import dev.tarn.gateway.GatewayServer;
import dev.tarn.gateway.InternalEndpoints;
import dev.tarn.gateway.auth.SigV4Authenticator;
import dev.tarn.gateway.routing.ServiceRegistry;
import dev.tarn.gateway.routing.VirtualHosts;
import dev.tarn.it.TestServer;
import dev.tarn.kms.KmsService;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.CredentialResolver;
import dev.tarn.spi.security.RootOnlyAuthorizer;
import dev.tarn.spi.security.SigningCredential;
import dev.tarn.storage.crypto.MasterKey;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.sqlite.SqliteMetadataStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A gateway serving only KMS, on a free port, over a SQLite store in its own directory, until the
 * server wires KMS in itself. Two principals sign requests: the account's root, and the IAM user
 * alice, whom the root-only authorizer denies everything a grant does not allow.
 */
final class KmsGateway
        implements AutoCloseable
{
    static final String ACCOUNT = "444455556666";
    static final Region REGION = Region.US_EAST_1;
    static final Caller ROOT = Caller.root(ACCOUNT, "AKIAKMSROOT000000001");
    static final Caller ALICE = new Caller(ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":user/alice", "AIDAALICE", Optional.of("AKIAKMSALICE00000001"), false);
    private static final String ROOT_SECRET = "root-secret-for-kms-integration-tests";
    private static final String ALICE_SECRET = "alice-secret-for-kms-integration-tests";

    final Path directory;
    final byte[] masterKey;
    private MetadataStore metadata;
    private GatewayServer gateway;

    private KmsGateway(Path directory, byte[] masterKey)
    {
        this.directory = directory;
        this.masterKey = masterKey;
    }

    static KmsGateway start()
    {
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        try {
            KmsGateway gateway = new KmsGateway(Files.createTempDirectory("tarn-kms-it-"), masterKey);
            gateway.startServer();
            return gateway;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startServer()
    {
        Clock clock = Clock.systemUTC();
        metadata = SqliteMetadataStore.open(directory.resolve("metadata.db"));
        KmsService kms = KmsService.create(metadata, MasterKey.of(masterKey), new RootOnlyAuthorizer(), clock, REGION.id());
        Map<String, SigningCredential> credentials = Map.of(
                ROOT.accessKeyId().orElseThrow(), SigningCredential.permanent(ROOT.accessKeyId().orElseThrow(), ROOT_SECRET, ROOT),
                ALICE.accessKeyId().orElseThrow(), SigningCredential.permanent(ALICE.accessKeyId().orElseThrow(), ALICE_SECRET, ALICE));
        CredentialResolver resolver = accessKeyId -> Optional.ofNullable(credentials.get(accessKeyId));
        GatewayConfig config = new GatewayConfig("127.0.0.1", 0, List.of("localhost"), Duration.ofMinutes(15));
        GatewayHandler handler = new GatewayHandler(new SigV4Authenticator(resolver, clock, config.maxClockSkew()), new ServiceRegistry(List.of(kms)),
                new VirtualHosts(config.virtualHostDomains()), REGION.id(), clock, new InternalEndpoints(() -> true));
        gateway = new GatewayServer(config, handler);
        try {
            gateway.start();
        }
        catch (Exception e) {
            metadata.close();
            throw new IllegalStateException("the KMS gateway did not start", e);
        }
    }

    /** Stops and starts again on the same directory and master key (a new port). */
    void restart()
    {
        stopServer();
        startServer();
    }

    URI endpoint()
    {
        return gateway.endpoint();
    }

    KmsClient root()
    {
        return client(ROOT.accessKeyId().orElseThrow(), ROOT_SECRET);
    }

    KmsClient alice()
    {
        return client(ALICE.accessKeyId().orElseThrow(), ALICE_SECRET);
    }

    static String rootAccessKeyId()
    {
        return ROOT.accessKeyId().orElseThrow();
    }

    static String rootSecret()
    {
        return ROOT_SECRET;
    }

    private KmsClient client(String accessKeyId, String secret)
    {
        return KmsClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .build();
    }

    private void stopServer()
    {
        try {
            gateway.close();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
        finally {
            metadata.close();
        }
    }

    @Override
    public void close()
    {
        stopServer();
        TestServer.deleteRecursively(directory);
    }
}
