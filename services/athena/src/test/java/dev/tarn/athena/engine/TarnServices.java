package dev.tarn.athena.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tarn.athena.engine.duckdb.DuckDbQueryEngine;
import dev.tarn.athena.engine.duckdb.EngineSettings;
import dev.tarn.athena.engine.duckdb.PlaintextCache;
import dev.tarn.gateway.http.UriCodec;
import dev.tarn.gateway.inprocess.InProcessInvoker;
import dev.tarn.gateway.inprocess.InProcessRequest;
import dev.tarn.glue.GlueService;
import dev.tarn.glue.crawler.S3ObjectSource;
import dev.tarn.iam.Iam;
import dev.tarn.gateway.routing.ServiceRegistry;
import dev.tarn.s3.DataKeyProvider;
import dev.tarn.s3.S3Dependencies;
import dev.tarn.s3.S3Service;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.storage.blob.DataKey;
import dev.tarn.storage.blob.LocalBlobStore;
import dev.tarn.storage.crypto.KeyUnwrapException;
import dev.tarn.storage.crypto.MasterKey;
import dev.tarn.storage.meta.sqlite.SqliteMetadataStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The real S3, IAM and Glue services wired as the server wires them, in this JVM, with the
 * embedded engine calling them through the in-process invoker: engine tests run against the
 * services' own authorization and encryption, never against stand-ins.
 */
final class TarnServices
        implements AutoCloseable
{
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";

    private final Path dataDir;
    private final SqliteMetadataStore metadata;
    private final GlueService glue;
    private final Iam iam;
    private final InProcessInvoker invoker;
    private final DuckDbQueryEngine engine;
    private final RequestContext root;

    private final PlaintextCache cache;

    private TarnServices(Path dataDir, long csvSplitBytes, long cacheBytes)
            throws IOException
    {
        this.dataDir = dataDir;
        this.metadata = SqliteMetadataStore.open(dataDir.resolve("metadata.db"));
        LocalBlobStore blobs = new LocalBlobStore(dataDir.resolve("blobs"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        DataKeyProvider dataKeys = new MasterKeys(MasterKey.of(key));
        Clock clock = Clock.systemUTC();
        this.iam = Iam.create(metadata, clock, new SecureRandom());
        S3Dependencies s3 = new S3Dependencies(metadata, blobs, dataKeys, Optional.empty(), iam.authorizer(), clock, REGION);
        this.glue = GlueService.create(metadata, new S3ObjectSource(metadata, blobs, dataKeys, Optional.empty()), iam.authorizer(), iam.serviceRoles(), clock,
                REGION);
        this.invoker = new InProcessInvoker(new ServiceRegistry(List.of(new S3Service(s3), iam.service(), glue)));
        this.cache = cacheBytes > 0 ? PlaintextCache.in(dataDir.resolve("cache"), cacheBytes) : PlaintextCache.none();
        this.engine = new DuckDbQueryEngine(invoker, new EngineSettings(dataDir.resolve("scratch"), 2, 512, 0, csvSplitBytes), cache);
        this.root = context(Caller.root(ACCOUNT, "AKIAROOTTEST"));
    }

    static TarnServices start()
    {
        return start(EngineSettings.DEFAULT_CSV_SPLIT_BYTES);
    }

    /** Services whose engine reads plain text objects larger than {@code csvSplitBytes} as several ranges. */
    static TarnServices start(long csvSplitBytes)
    {
        return start(csvSplitBytes, 0);
    }

    /** Services whose engine keeps decrypted objects in a plaintext cache of {@code cacheBytes} (none when 0). */
    static TarnServices start(long csvSplitBytes, long cacheBytes)
    {
        try {
            return new TarnServices(Files.createTempDirectory("tarn-athena-engine-"), csvSplitBytes, cacheBytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PlaintextCache cache()
    {
        return cache;
    }

    QueryEngine engine()
    {
        return engine;
    }

    RequestContext root()
    {
        return root;
    }

    Path scratch()
    {
        return dataDir.resolve("scratch");
    }

    static RequestContext context(Caller caller)
    {
        return new RequestContext(UUID.randomUUID().toString(), caller, REGION, "127.0.0.1", true, Instant.now());
    }

    void createBucket(String bucket)
    {
        invoker.invoke(root, "s3", new InProcessRequest.Rest("PUT", "/" + bucket, Map.of(), Headers.empty(), new byte[0]));
    }

    void putObject(String bucket, String key, byte[] body)
    {
        invoker.invoke(root, "s3", new InProcessRequest.Rest("PUT", "/" + bucket + "/" + UriCodec.encode(key, true), Map.of(), Headers.empty(), body));
    }

    /** The table as Glue's GetTable returns it to the root user. */
    JsonNode glueTable(String database, String table)
    {
        String body = "{\"DatabaseName\":\"" + database + "\",\"Name\":\"" + table + "\"}";
        return json(InProcessInvoker.bodyText(invoker.invoke(root, "glue", new InProcessRequest.Json("GetTable", body)))).get("Table");
    }

    JsonNode glue(String operation, String body)
    {
        return json(InProcessInvoker.bodyText(invoker.invoke(root, "glue", new InProcessRequest.Json(operation, body))));
    }

    /** Keys under a prefix, as ListObjectsV2 gives them to the root user. */
    List<String> keys(String bucket, String prefix)
    {
        String xml = InProcessInvoker.bodyText(invoker.invoke(root, "s3",
                new InProcessRequest.Rest("GET", "/" + bucket, Map.of("list-type", List.of("2"), "prefix", List.of(prefix)), Headers.empty(), new byte[0])));
        List<String> keys = new ArrayList<>();
        Matcher matcher = Pattern.compile("<Key>([^<]*)</Key>").matcher(xml);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }

    /** An IAM user of the account with one inline policy, as the caller it signs as. */
    RequestContext user(String name, String policy)
    {
        query("CreateUser", Map.of("UserName", name));
        query("PutUserPolicy", Map.of("UserName", name, "PolicyName", "access", "PolicyDocument", policy));
        String answer = query("CreateAccessKey", Map.of("UserName", name));
        Matcher matcher = Pattern.compile("<AccessKeyId>([^<]+)</AccessKeyId>").matcher(answer);
        if (!matcher.find()) {
            throw new IllegalStateException("No access key in " + answer);
        }
        Caller caller = iam.credentials().resolve(matcher.group(1)).orElseThrow().caller();
        return context(caller);
    }

    private String query(String action, Map<String, String> parameters)
    {
        return InProcessInvoker.bodyText(invoker.invoke(root, "iam", new InProcessRequest.Query(action, parameters)));
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text)
    {
        try {
            return JSON.readTree(text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] bytes)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Runs a statement as {@code caller}, collecting its result. */
    Result run(RequestContext caller, String sql, Optional<String> database)
            throws QueryFailure
    {
        return run(caller, sql, database, List.of(), Optional.empty(), new Control());
    }

    Result run(RequestContext caller, String sql, Optional<String> database, List<String> parameters, Optional<Long> cutoff, Control control)
            throws QueryFailure
    {
        String id = UUID.randomUUID().toString();
        CollectingSink sink = new CollectingSink();
        StatementResult result = engine.execute(new StatementRequest(id, sql, "AwsDataCatalog", database, parameters, caller, "s3://results/athena/", cutoff),
                control, sink);
        return new Result(id, result, sink.columns(), sink.rows());
    }

    record Result(String queryExecutionId, StatementResult statement, List<ResultColumn> columns, List<List<Optional<String>>> rows)
    {
        /** The rows with NULL as the text "NULL", for compact assertions. */
        List<List<String>> text()
        {
            return rows.stream().map(row -> row.stream().map(value -> value.orElse("NULL")).toList()).toList();
        }

        String single()
        {
            return rows.get(0).get(0).orElse("NULL");
        }
    }

    static class CollectingSink
            implements ResultSink
    {
        private List<ResultColumn> columns = List.of();
        private final List<List<Optional<String>>> rows = new ArrayList<>();

        @Override
        public void columns(List<ResultColumn> columns)
        {
            this.columns = List.copyOf(columns);
        }

        @Override
        public void row(List<Optional<String>> values)
        {
            rows.add(List.copyOf(values));
        }

        @Override
        public void reset()
        {
            columns = List.of();
            rows.clear();
        }

        List<ResultColumn> columns()
        {
            return columns;
        }

        List<List<Optional<String>>> rows()
        {
            return rows;
        }
    }

    /** A QueryControl that can be cancelled from a test. */
    static class Control
            implements QueryControl
    {
        private final List<Runnable> actions = new ArrayList<>();
        private final AtomicLong scanned = new AtomicLong();
        private volatile boolean cancelled;

        @Override
        public boolean isCancelled()
        {
            return cancelled;
        }

        @Override
        public synchronized void onCancel(Runnable action)
        {
            if (cancelled) {
                action.run();
            }
            else {
                actions.add(action);
            }
        }

        synchronized void cancel()
        {
            cancelled = true;
            actions.forEach(Runnable::run);
        }

        @Override
        public void addScannedBytes(long bytes)
        {
            scanned.addAndGet(bytes);
        }

        long scanned()
        {
            return scanned.get();
        }
    }

    @Override
    public void close()
    {
        engine.close();
        glue.close();
        metadata.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            // a temporary directory
        }
    }

    /** SSE-S3 data keys wrapped by a master key, as the server provides them. */
    private record MasterKeys(MasterKey masterKey)
            implements DataKeyProvider
    {
        @Override
        public DataKey newDataKey()
        {
            return masterKey.newDataKey();
        }

        @Override
        public byte[] unwrap(byte[] wrapped)
        {
            try {
                return masterKey.unwrap(wrapped);
            }
            catch (KeyUnwrapException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
