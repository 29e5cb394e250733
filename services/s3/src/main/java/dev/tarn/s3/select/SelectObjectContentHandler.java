package dev.tarn.s3.select;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.object.KeyUnwrapper;
import dev.tarn.s3.object.ObjectContent;
import dev.tarn.s3.object.ObjectLookup;
import dev.tarn.s3.object.RestoreState;
import dev.tarn.s3.security.CustomerKey;
import dev.tarn.s3.security.EncryptionKeys;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.ObjectVersion;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static java.util.Objects.requireNonNull;

/**
 * SelectObjectContent ({@code POST /bucket/key?select&select-type=2}): authorizes s3:GetObject,
 * parses the request and its SQL, finds the version, then answers 200 with the event stream that
 * {@link SelectExecution} writes.
 */
public final class SelectObjectContentHandler
{
    private final BucketAccess access;
    private final ObjectLookup lookup;
    private final ObjectContent content;
    private final EncryptionKeys keys;
    private final S3Xml xml;
    private final Clock clock;
    private final SelectSettings settings;
    private final ScheduledExecutorService timer;

    public SelectObjectContentHandler(BucketAccess access, ObjectLookup lookup, ObjectContent content, EncryptionKeys keys, S3Xml xml, Clock clock,
            SelectSettings settings)
    {
        this.access = requireNonNull(access, "access is null");
        this.lookup = requireNonNull(lookup, "lookup is null");
        this.content = requireNonNull(content, "content is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "s3-select-keepalive");
            thread.setDaemon(true);
            return thread;
        });
    }

    public ServiceResponse handle(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String bucket = location.requireBucket();
        String key = location.requireKey();
        Optional<String> versionId = request.queryParameter("versionId");
        access.object(request, bucket, key, "s3:GetObject");
        if (request.header("range").isPresent()) {
            throw SelectErrors.UNSUPPORTED_RANGE_HEADER.exception();
        }
        SelectRequest select = SelectRequest.fromXml(xml.read(request.body(), JsonNode.class));
        SelectQuery query = SelectParser.parse(select.expression());
        ObjectVersion version = lookup.findObject(bucket, key, versionId);
        if (!RestoreState.readable(version, clock.instant())) {
            throw S3Errors.INVALID_OBJECT_STATE.exception().with("StorageClass", version.storageClass());
        }
        // the object's own key (SSE-C from the request's headers, SSE-KMS checked with KMS now), as GetObject does
        KeyUnwrapper unwrapper = keys.unwrapper(request.context(), version.attributes(), CustomerKey.fromHeaders(request.headers()), bucket, key,
                content.firstWrappedKey(version.segments()));
        SelectExecution execution = SelectExecution.prepare(select, query, new SelectSource(content, version, unwrapper, select), settings, timer);
        return ServiceResponse.of(200, Headers.builder().build(), execution);
    }
}
