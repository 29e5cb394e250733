package dev.tarn.server;

import dev.tarn.athena.AthenaService;
import dev.tarn.athena.engine.duckdb.DuckDbQueryEngine;
import dev.tarn.athena.engine.duckdb.EngineSettings;
import dev.tarn.cloudformation.CloudFormationService;
import dev.tarn.cloudformation.provider.StandardProviders;
import dev.tarn.gateway.GatewayConfig;
import dev.tarn.gateway.GatewayHandler;
import dev.tarn.gateway.GatewayServer;
import dev.tarn.gateway.InternalEndpoints;
import dev.tarn.gateway.audit.AuditLog;
import dev.tarn.gateway.audit.RequestObserver;
import dev.tarn.gateway.auth.SigV4Authenticator;
import dev.tarn.gateway.inprocess.InProcessInvoker;
import dev.tarn.gateway.routing.ServiceRegistry;
import dev.tarn.gateway.routing.VirtualHosts;
import dev.tarn.glue.GlueService;
import dev.tarn.glue.crawler.S3ObjectSource;
import dev.tarn.iam.ConfiguredOidcKeys;
import dev.tarn.iam.Iam;
import dev.tarn.iam.IssuerOidcKeys;
import dev.tarn.kms.KmsService;
import dev.tarn.s3.DataKeyProvider;
import dev.tarn.s3.S3Dependencies;
import dev.tarn.s3.S3Service;
import dev.tarn.s3.lifecycle.FileLifecycleLog;
import dev.tarn.s3.lifecycle.LifecycleDay;
import dev.tarn.s3.lifecycle.LifecycleScheduler;
import dev.tarn.s3.logging.AccessLogDelivery;
import dev.tarn.s3.logging.AccessLogSettings;
import dev.tarn.spi.security.CredentialResolver;
import dev.tarn.storage.blob.BlobId;
import dev.tarn.storage.blob.LocalBlobStore;
import dev.tarn.storage.crypto.MasterKey;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.sqlite.SqliteMetadataStore;
import dev.tarn.sts.StsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * A running Tarn: opens the stores under the data dir, removes what an interrupted write left
 * behind, wires the services into the gateway and starts listening.
 */
public final class TarnServer
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(TarnServer.class);
    /** Under the data directory: one JWKS file per OpenID Connect provider, {@code <url-encoded provider url>.json}. */
    public static final String OIDC_KEYS_DIRECTORY = "oidc-keys";

    private final ServerConfig config;
    private final MetadataStore metadata;
    private final GatewayServer gateway;
    private final RootAccount root;
    private final AccountStore accounts;
    /** The audit log and S3 access logs, closed after the gateway (to write what it last saw) and before the stores. */
    private final List<AutoCloseable> requestLogs;
    private final GlueService glue;
    private final CloudFormationService cloudFormation;
    private final AthenaService athena;
    private final LifecycleScheduler lifecycle;

    private TarnServer(ServerConfig config, MetadataStore metadata, GatewayServer gateway, AccountStore accounts, List<AutoCloseable> requestLogs,
            GlueService glue, CloudFormationService cloudFormation, AthenaService athena, LifecycleScheduler lifecycle)
    {
        this.athena = athena;
        this.lifecycle = lifecycle;
        this.glue = glue;
        this.config = config;
        this.metadata = metadata;
        this.gateway = gateway;
        this.root = accounts.first();
        this.accounts = accounts;
        this.requestLogs = requestLogs;
        this.cloudFormation = cloudFormation;
    }

    public static TarnServer start(ServerConfig config)
            throws Exception
    {
        return start(config, Clock.systemUTC());
    }

    /** A server whose notion of now is {@code clock} (tests of expiring credentials move it on). */
    public static TarnServer start(ServerConfig config, Clock clock)
            throws Exception
    {
        requireNonNull(config, "config is null");
        requireNonNull(clock, "clock is null");
        Path dataDir = config.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        SecureRandom random = new SecureRandom();

        MetadataStore metadata = SqliteMetadataStore.open(dataDir.resolve("metadata.db"));
        List<AutoCloseable> requestLogs = new ArrayList<>();
        CloudFormationService cloudFormation = null;
        AthenaService athena = null;
        LifecycleScheduler lifecycle = null;
        try {
            LocalBlobStore blobs = new LocalBlobStore(dataDir.resolve("blobs"));
            int orphans = removeOrphans(metadata, blobs);
            if (orphans > 0) {
                log.info("Removed {} files left by interrupted writes", orphans);
            }
            MasterKey masterKey = config.masterKey().isPresent()
                    ? MasterKey.fromBase64(config.masterKey().get())
                    : MasterKey.loadOrCreate(dataDir.resolve("master.key"));
            RootAccount root = RootAccount.loadOrCreate(metadata, config, random);
            AccountStore accounts = new AccountStore(metadata, root, random, clock);
            config.rootEmail().ifPresent(email -> accounts.setEmail(root.accountId(), email));

            DataKeyProvider dataKeys = new MasterKeyDataKeys(masterKey);
            // OpenID Connect providers' keys: a JWKS file an administrator placed, else the issuer's (docs/iam.md)
            Iam iam = Iam.create(metadata, clock, random, new ConfiguredOidcKeys(dataDir.resolve(OIDC_KEYS_DIRECTORY), IssuerOidcKeys.https(clock)));
            KmsService kms = KmsService.create(metadata, masterKey, iam.authorizer(), clock, config.region());
            S3Dependencies s3 = new S3Dependencies(metadata, blobs, dataKeys, Optional.of(kms.dataKeys()), iam.authorizer(), clock, config.region(),
                    accounts, config.defaultObjectOwnership(), new LifecycleDay(config.lifecycleDay()));
            // IAM before later accounts: it caches misses, so IAM users' requests never wait for the account store
            CredentialResolver credentials = ((CredentialResolver) accounts::resolveFirst).or(iam.credentials()).or(accounts::resolveLater);
            // S3 verifies the signatures of browser POST uploads itself, so it resolves credentials too
            S3Service s3Service = new S3Service(s3, credentials);
            GlueService glue = GlueService.create(metadata, new S3ObjectSource(metadata, blobs, dataKeys, Optional.of(kms.dataKeys())),
                    iam.authorizer(), iam.serviceRoles(), clock, config.region());
            // stacks create resources through the other services, in process, so they reach the registry they are part of
            AtomicReference<ServiceRegistry> registry = new AtomicReference<>();
            cloudFormation = CloudFormationService.create(metadata, iam.authorizer(), new InProcessInvoker(registry::get), iam.serviceRoles(),
                    StandardProviders.all(), clock);
            // Athena reads Glue and S3 and writes its results to S3 as each query's caller, in process
            InProcessInvoker invoker = new InProcessInvoker(registry::get);
            EngineSettings engineSettings = new EngineSettings(dataDir.resolve("athena").resolve("engine"), Runtime.getRuntime().availableProcessors(), 1024);
            athena = AthenaService.create(metadata, iam.authorizer(), invoker, new DuckDbQueryEngine(invoker, engineSettings, AthenaCache.create(config)),
                    dataDir.resolve("athena").resolve("results"), clock, config.region(), AthenaService.Limits.DEFAULT);
            ServiceRegistry services = new ServiceRegistry(List.of(s3Service, new StsService(iam.sessions()), iam.service(), kms, glue,
                    cloudFormation, athena, new AdminService(accounts)));
            registry.set(services);

            // lifecycle rules run from the stored state: a restart picks up whatever fell due meanwhile
            lifecycle = LifecycleScheduler.start(s3Service.lifecycleExecutor(new FileLifecycleLog(dataDir.resolve("lifecycle").resolve("lifecycle.log"))));
            AuditLog audit = AuditLog.start(dataDir.resolve("audit"), AuditLog.DEFAULT_CAPACITY);
            requestLogs.add(audit);
            AccessLogDelivery accessLogs = AccessLogDelivery.start(s3, AccessLogSettings.DEFAULT);
            requestLogs.add(accessLogs);

            GatewayConfig gatewayConfig = new GatewayConfig(config.host(), config.port(), List.of("localhost"), config.maxClockSkew());
            AtomicBoolean ready = new AtomicBoolean();
            GatewayHandler handler = new GatewayHandler(new SigV4Authenticator(credentials, clock, config.maxClockSkew()), services,
                    new VirtualHosts(gatewayConfig.virtualHostDomains()), config.region(), clock, new InternalEndpoints(ready::get),
                    RequestObserver.all(List.of(audit, accessLogs)));
            GatewayServer gateway = new GatewayServer(gatewayConfig, handler);
            gateway.start();
            ClientFiles.write(dataDir, root, config.region(), gateway.endpoint());
            ready.set(true);
            log.info("Tarn ready at {} (data dir {}, region {}, account {})", gateway.endpoint(), dataDir, config.region(), root.accountId());
            return new TarnServer(config, metadata, gateway, accounts, requestLogs, glue, cloudFormation, athena, lifecycle);
        }
        catch (Exception | Error e) {
            if (lifecycle != null) {
                lifecycle.close();
            }
            if (athena != null) {
                athena.close();
            }
            if (cloudFormation != null) {
                cloudFormation.close();
            }
            closeAll(requestLogs);
            metadata.close();
            throw e;
        }
    }

    private static int removeOrphans(MetadataStore metadata, LocalBlobStore blobs)
            throws IOException
    {
        Set<BlobId> live = new HashSet<>();
        metadata.forEachReferencedBlob(live::add);
        return blobs.removeOrphans(live::contains);
    }

    public URI endpoint()
    {
        return gateway.endpoint();
    }

    public int port()
    {
        return gateway.port();
    }

    public RootAccount root()
    {
        return root;
    }

    /** Every account of the installation; creates more. */
    public AccountStore accounts()
    {
        return accounts;
    }

    public ServerConfig config()
    {
        return config;
    }

    /** The S3 lifecycle scheduler (tests run a pass at a chosen moment with {@code runOnce}). */
    public LifecycleScheduler lifecycle()
    {
        return lifecycle;
    }

    public void join()
            throws InterruptedException
    {
        gateway.join();
    }

    @Override
    public void close()
            throws Exception
    {
        try {
            gateway.close();
        }
        finally {
            try {
                try {
                    lifecycle.close();
                    athena.close();
                    cloudFormation.close();
                    glue.close();
                }
                finally {
                    closeAll(requestLogs);
                }
            }
            finally {
                metadata.close();
            }
        }
    }

    private static void closeAll(List<AutoCloseable> closeables)
    {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            }
            catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("Could not close {}", closeable, e);
            }
        }
    }
}
