package dev.tarn.s3.object;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.lock.LockBypass;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.BucketRecord;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** DeleteObject: 204 whatever was there, with x-amz-delete-marker and x-amz-version-id as the deletion went. */
public final class DeleteObjectHandler
{
    private final BucketAccess access;
    private final ObjectDeleter deleter;

    public DeleteObjectHandler(BucketAccess access, ObjectDeleter deleter)
    {
        this.access = requireNonNull(access, "access is null");
        this.deleter = requireNonNull(deleter, "deleter is null");
    }

    public ServiceResponse handle(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String bucketName = location.requireBucket();
        String key = location.requireKey();
        Optional<String> versionId = request.queryParameter("versionId");
        BucketRecord bucket = access.object(request, bucketName, key, versionId.isPresent() ? "s3:DeleteObjectVersion" : "s3:DeleteObject");
        boolean bypass = versionId.isPresent() && LockBypass.allowed(request, access, bucketName, key);
        ObjectDeleter.Deletion deletion = deleter.delete(bucketName, key, versionId, bucket.ownerAccountId(), bypass);
        Headers.Builder headers = Headers.builder();
        if (deletion.deleteMarker()) {
            headers.set(ObjectHeaders.DELETE_MARKER, "true");
        }
        deletion.versionId().ifPresent(id -> headers.set(ObjectHeaders.VERSION_ID, id));
        return ServiceResponse.empty(204, headers.build());
    }
}
