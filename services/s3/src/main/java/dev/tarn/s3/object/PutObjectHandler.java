package dev.tarn.s3.object;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.lifecycle.ExpirationHeader;
import dev.tarn.s3.lock.ObjectLockRequest;
import dev.tarn.s3.security.EncryptionKeys;
import dev.tarn.s3.security.ObjectEncryption;
import dev.tarn.s3.security.ObjectAcls;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.blob.ChecksumAlgorithm;
import dev.tarn.storage.blob.StoredBlob;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.ObjectVersion;
import dev.tarn.storage.meta.Segment;

import java.time.Clock;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/** PutObject: every header checked before the body is read, the body streamed into one blob, then one version recorded. */
public final class PutObjectHandler
{
    private final BucketAccess access;
    private final BlobIngest ingest;
    private final ObjectWriter writer;
    private final ObjectLookup lookup;
    private final EncryptionKeys keys;
    private final Clock clock;
    private final ExpirationHeader expiration;

    public PutObjectHandler(BucketAccess access, BlobIngest ingest, ObjectWriter writer, ObjectLookup lookup, EncryptionKeys keys, Clock clock, ExpirationHeader expiration)
    {
        this.expiration = requireNonNull(expiration, "expiration is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.access = requireNonNull(access, "access is null");
        this.ingest = requireNonNull(ingest, "ingest is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.lookup = requireNonNull(lookup, "lookup is null");
    }

    public ServiceResponse handle(ServiceRequest request)
    {
        return write(request, () -> OptionalLong.of(BlobIngest.declaredLength(request.contentLength())));
    }

    /**
     * PutObject of a body whose length is not known in advance: the file of a browser form
     * upload, whose reader enforces the size limits itself as the bytes stream.
     */
    public ServiceResponse handleUnknownLength(ServiceRequest request)
    {
        return write(request, OptionalLong::empty);
    }

    private ServiceResponse write(ServiceRequest request, Supplier<OptionalLong> declaredLength)
    {
        S3Location location = S3Location.of(request);
        String bucketName = location.requireBucket();
        String key = ObjectKeys.checkWritable(location.requireKey());
        Headers headers = request.headers();
        BucketRecord bucket = access.object(request, bucketName, key, "s3:PutObject", EncryptionKeys.conditionKeys(headers));
        ObjectAcls.NewObject ownership = access.acls().forNewObject(request.context(), headers, bucket);
        ObjectEncryption encryption = ObjectEncryption.forWrite(headers, bucket);

        Map<String, String> attributes = new LinkedHashMap<>(ObjectMetadata.fromRequest(headers));
        ownership.addTo(attributes);
        attributes.putAll(ObjectLockRequest.attributes(request, access, bucket, key, clock.instant()));
        String storageClass = StorageClasses.fromHeader(headers.first("x-amz-storage-class"));
        headers.first("x-amz-tagging").map(TagSet::fromHeader).filter(tags -> !tags.isEmpty())
                .ifPresent(tags -> attributes.put(ObjectAttributes.TAGGING, tags.encode()));
        Optional<byte[]> contentMd5 = ContentMd5.fromHeaders(headers);
        RequestChecksum checksum = RequestChecksum.fromHeaders(headers);
        ConditionalRequest condition = ConditionalRequest.fromHeaders(headers);
        OptionalLong length = declaredLength.get();
        checkWriteCondition(condition, () -> lookup.latest(bucketName, key));

        ChecksumAlgorithm algorithm = checksum.algorithm().orElse(StoredChecksum.DEFAULT_ALGORITHM);
        EncryptionKeys.WriteKey writeKey = keys.newKey(request.context(), encryption, bucketName, key);
        attributes.putAll(writeKey.attributes());
        StoredBlob blob = ingest.write(writeKey.dataKey(), request.body(), length, Set.copyOf(EnumSet.of(algorithm)), stored -> {
            ContentMd5.verify(contentMd5, stored);
            checksum.verify(stored, request.trailers());
        });
        StoredChecksum objectChecksum = StoredChecksum.fullObject(algorithm, blob);
        objectChecksum.addTo(attributes);
        NewObject object = new NewObject(key, blob.length(), HexFormat.of().formatHex(blob.checksum(ChecksumAlgorithm.MD5)), storageClass,
                ownership.ownerAccountId(), segments(blob), attributes);
        ObjectWriter.Outcome outcome = writer.publish(bucketName, object, transaction -> {
            checkWriteCondition(condition, () -> transaction.latest(bucketName, key));
            return List.of();
        });

        Headers.Builder response = Headers.builder()
                .set("ETag", ObjectHeaders.etag(object.etag()));
        EncryptionKeys.addResponseHeaders(response, attributes);
        encryption.kmsContext().ifPresent(context -> response.set("x-amz-server-side-encryption-context", context));
        objectChecksum.addTo(response);
        ObjectHeaders.versionId(response, outcome.bucket(), outcome.version().orElseThrow().versionId());
        expiration.addTo(response, outcome.bucket(), outcome.version().orElseThrow());
        return ServiceResponse.empty(200, response.build());
    }

    /** An empty object has no segment: its (empty) blob is not kept. */
    private List<Segment> segments(StoredBlob blob)
    {
        if (blob.length() == 0) {
            ingest.delete(blob.id());
            return List.of();
        }
        return List.of(new Segment(blob.id(), blob.length()));
    }

    /**
     * Conditional writes: If-None-Match: * fails when the key exists, If-Match when its ETag
     * differs. The key's latest version is looked up only for a conditional write.
     */
    static void checkWriteCondition(ConditionalRequest condition, Supplier<Optional<ObjectVersion>> latest)
    {
        if (condition.ifMatch().isEmpty() && condition.ifNoneMatch().isEmpty()) {
            return;
        }
        Optional<ObjectVersion> current = latest.get().filter(version -> !version.deleteMarker());
        if (condition.ifNoneMatch().isPresent() && current.isPresent()
                && ConditionalRequest.matches(condition.ifNoneMatch().get(), current.get().etag())) {
            throw S3Errors.PRECONDITION_FAILED.exception().with("Condition", "If-None-Match");
        }
        if (condition.ifMatch().isPresent()) {
            if (current.isEmpty()) {
                throw S3Errors.NO_SUCH_KEY.exception();
            }
            if (!ConditionalRequest.matches(condition.ifMatch().get(), current.get().etag())) {
                throw S3Errors.PRECONDITION_FAILED.exception().with("Condition", "If-Match");
            }
        }
    }
}
