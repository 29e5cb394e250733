package dev.tarn.s3.object;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Errors;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.ObjectVersion;

import java.time.Clock;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * The source of CopyObject and UploadPartCopy: authorized for reading (s3:GetObject, or
 * s3:GetObjectVersion with a version id), readable (not an unrestored archive, not a delete
 * marker) and meeting the x-amz-copy-source-if-* conditions, any failure of which is 412.
 */
public final class CopySourceReader
{
    private final BucketAccess access;
    private final ObjectLookup lookup;
    private final Clock clock;

    /** The source version and its bucket (whose versioning decides x-amz-copy-source-version-id). */
    public record Source(BucketRecord bucket, ObjectVersion version)
    {
        public boolean reportsVersionId()
        {
            return bucket.versioning().isPresent() || !version.versionId().equals(ObjectVersion.NULL_VERSION);
        }
    }

    public CopySourceReader(BucketAccess access, ObjectLookup lookup, Clock clock)
    {
        this.access = requireNonNull(access, "access is null");
        this.lookup = requireNonNull(lookup, "lookup is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Source read(ServiceRequest request, CopySource source)
    {
        String action = source.versionId().isPresent() ? "s3:GetObjectVersion" : "s3:GetObject";
        BucketRecord bucket = access.object(request, source.bucket(), source.key(), action);
        ObjectVersion version = lookup.find(source.bucket(), source.key(), source.versionId());
        if (version.deleteMarker()) {
            if (source.versionId().isPresent()) {
                throw CommonErrors.INVALID_REQUEST.exception("The source of a copy request may not specifically refer to a delete marker by version id.");
            }
            throw ObjectLookup.noSuchKey(source.key());
        }
        Instant now = clock.instant();
        ConditionalRequest.Decision decision = ConditionalRequest.copySource(request.headers()).evaluate(version.etag(), version.lastModified(), now);
        if (decision.outcome() != ConditionalRequest.Outcome.PROCEED) {
            throw S3Errors.PRECONDITION_FAILED.exception().with("Condition", "x-amz-copy-source-" + decision.condition().orElseThrow());
        }
        if (!RestoreState.readable(version, now)) {
            throw S3Errors.INVALID_OBJECT_STATE.exception("Operation is not valid for the source object's storage class")
                    .with("StorageClass", version.storageClass());
        }
        return new Source(bucket, version);
    }
}
