package dev.tarn.s3.object;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.lock.LockBypass;
import dev.tarn.s3.xml.ObjectDeleteRequest;
import dev.tarn.s3.xml.ObjectDeleteResult;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * DeleteObjects: up to 1000 keys, each authorized and deleted on its own, so one failure is an
 * {@code <Error>} entry and not a failed request. S3 requires the body's integrity to be proven
 * by Content-MD5 or an x-amz-checksum-* header or trailer.
 */
public final class DeleteObjectsHandler
{
    private static final int MAX_KEYS = 1000;
    private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    private final BucketAccess access;
    private final ObjectDeleter deleter;
    private final S3Xml xml;

    public DeleteObjectsHandler(BucketAccess access, ObjectDeleter deleter, S3Xml xml)
    {
        this.access = requireNonNull(access, "access is null");
        this.deleter = requireNonNull(deleter, "deleter is null");
        this.xml = requireNonNull(xml, "xml is null");
    }

    public ServiceResponse handle(ServiceRequest request)
    {
        String bucketName = S3Location.of(request).requireBucket();
        access.bucket(request, bucketName, "s3:DeleteObject");
        byte[] body = readBody(request.body());
        BodyIntegrity.require(request, body);
        ObjectDeleteRequest delete = xml.read(body, ObjectDeleteRequest.class);
        if (delete.objects().isEmpty() || delete.objects().size() > MAX_KEYS) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        boolean quiet = delete.quiet().orElse(false);
        List<ObjectDeleteResult.Deleted> deleted = new ArrayList<>();
        List<ObjectDeleteResult.Failure> errors = new ArrayList<>();
        for (ObjectDeleteRequest.Entry entry : delete.objects()) {
            if (entry.key() == null || entry.key().isEmpty()) {
                throw S3Errors.MALFORMED_XML.exception();
            }
            try {
                ObjectDeleter.Deletion deletion = deleteOne(request, bucketName, entry);
                if (!quiet) {
                    deleted.add(deleted(entry, deletion));
                }
            }
            catch (AwsException e) {
                errors.add(new ObjectDeleteResult.Failure(entry.key(), entry.versionId(), e.code(), e.getMessage()));
            }
        }
        return xml.ok(new ObjectDeleteResult(deleted, errors));
    }

    private ObjectDeleter.Deletion deleteOne(ServiceRequest request, String bucketName, ObjectDeleteRequest.Entry entry)
    {
        String action = entry.versionId().isPresent() ? "s3:DeleteObjectVersion" : "s3:DeleteObject";
        String owner = access.object(request, bucketName, entry.key(), action).ownerAccountId();
        // the bypass header covers every key, each checked against s3:BypassGovernanceRetention on its own
        boolean bypass = entry.versionId().isPresent() && LockBypass.allowed(request, access, bucketName, entry.key());
        return deleter.delete(bucketName, entry.key(), entry.versionId(), owner, bypass);
    }

    private static ObjectDeleteResult.Deleted deleted(ObjectDeleteRequest.Entry entry, ObjectDeleter.Deletion deletion)
    {
        if (!deletion.deleteMarker()) {
            return new ObjectDeleteResult.Deleted(entry.key(), entry.versionId(), Optional.empty(), Optional.empty());
        }
        return new ObjectDeleteResult.Deleted(entry.key(), entry.versionId(), Optional.of(true), deletion.versionId());
    }

    private static byte[] readBody(InputStream body)
    {
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw S3Errors.MALFORMED_XML.exception("The XML you provided was too large.");
            }
            return bytes;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
