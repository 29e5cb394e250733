package dev.tarn.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tarn.gateway.inprocess.InProcessInvoker;
import dev.tarn.gateway.inprocess.InProcessRequest;
import dev.tarn.gateway.routing.ServiceRegistry;
import dev.tarn.s3.DataKeyProvider;
import dev.tarn.s3.S3Dependencies;
import dev.tarn.s3.S3Service;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.storage.blob.DataKey;
import dev.tarn.storage.blob.LocalBlobStore;
import dev.tarn.storage.crypto.KeyUnwrapException;
import dev.tarn.storage.crypto.MasterKey;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.sqlite.SqliteMetadataStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Athena with real S3 and the metadata store in a temporary directory, called in process as the
 * root user of one account, with a set of IAM actions the test can deny.
 */
final class AthenaHarness
        implements AutoCloseable
{
    static final String ACCOUNT = "111122223333";
    static final RequestContext ROOT = new RequestContext("req", Caller.root(ACCOUNT, "AKIATEST"), "us-east-1", "127.0.0.1", false, Instant.now());

    final Set<String> deniedActions = ConcurrentHashMap.newKeySet();
    final ObjectMapper json = JsonMapper.builder().build();
    final MetadataStore metadata;
    final ScriptedEngine engine;
    final AthenaService athena;
    final InProcessInvoker invoker;

    AthenaHarness(Path directory, ScriptedEngine engine)
            throws IOException
    {
        this(directory, engine, new AthenaService.Limits(2, 10));
    }

    AthenaHarness(Path directory, ScriptedEngine engine, AthenaService.Limits limits)
            throws IOException
    {
        this(directory, SqliteMetadataStore.open(directory.resolve("metadata.db")), engine, limits);
    }

    private AthenaHarness(Path directory, MetadataStore metadata, ScriptedEngine engine, AthenaService.Limits limits)
            throws IOException
    {
        this.metadata = metadata;
        this.engine = engine;
        Authorizer authorizer = (context, request) -> {
            if (deniedActions.contains(request.action())) {
                throw CommonErrors.ACCESS_DENIED.exception("denied " + request.action());
            }
        };
        MasterKey master = MasterKey.of(new byte[32]);
        DataKeyProvider dataKeys = new DataKeyProvider()
        {
            @Override
            public DataKey newDataKey()
            {
                return master.newDataKey();
            }

            @Override
            public byte[] unwrap(byte[] wrapped)
            {
                try {
                    return master.unwrap(wrapped);
                }
                catch (KeyUnwrapException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        S3Service s3 = new S3Service(new S3Dependencies(metadata, new LocalBlobStore(directory.resolve("blobs")), dataKeys, authorizer, Clock.systemUTC(),
                "us-east-1"));
        AtomicReference<ServiceRegistry> registry = new AtomicReference<>();
        invoker = new InProcessInvoker(registry::get);
        athena = AthenaService.create(metadata, authorizer, invoker, engine, directory.resolve("scratch"), Clock.systemUTC(), "us-east-1", limits);
        registry.set(new ServiceRegistry(List.of(s3, athena)));
    }

    JsonNode call(String operation, Object body)
    {
        try {
            String text = body instanceof String string ? string : json.writeValueAsString(body);
            String answer = InProcessInvoker.bodyText(invoker.invoke(ROOT, "athena", new InProcessRequest.Json(operation, text)));
            return json.readTree(answer.isEmpty() ? "{}" : answer);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void createBucket(String bucket)
    {
        invoker.invoke(ROOT, "s3", new InProcessRequest.Rest("PUT", "/" + bucket, Map.of(), Headers.empty(), new byte[0]));
    }

    String getObject(String bucket, String key)
    {
        return InProcessInvoker.bodyText(invoker.invoke(ROOT, "s3", new InProcessRequest.Rest("GET", "/" + bucket + "/" + key, Map.of(), Headers.empty(),
                new byte[0])));
    }

    String start(String sql)
    {
        return call("StartQueryExecution", Map.of("QueryString", sql, "ResultConfiguration", Map.of("OutputLocation", "s3://results/out/")))
                .path("QueryExecutionId").asText();
    }

    /** The execution once it reached a final state (bounded wait: a hung query fails the test). */
    JsonNode awaitDone(String queryExecutionId)
    {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode execution = call("GetQueryExecution", Map.of("QueryExecutionId", queryExecutionId)).path("QueryExecution");
            String state = execution.path("Status").path("State").asText();
            if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED")) {
                return execution;
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("query " + queryExecutionId + " did not finish");
    }

    /** A second service on the same store, as after a restart. */
    AthenaService restartedService(Path directory, ScriptedEngine engine)
    {
        return AthenaService.create(metadata, (context, request) -> {}, invoker, engine, directory.resolve("scratch2"), Clock.systemUTC(), "us-east-1",
                AthenaService.Limits.DEFAULT);
    }

    @Override
    public void close()
    {
        athena.close();
        metadata.close();
    }
}
