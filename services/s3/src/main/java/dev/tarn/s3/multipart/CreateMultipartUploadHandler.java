package dev.tarn.s3.multipart;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.lock.ObjectLockRequest;
import dev.tarn.s3.security.EncryptionKeys;
import dev.tarn.s3.security.ObjectAcls;
import dev.tarn.s3.security.ObjectEncryption;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.s3.object.ObjectHeaders;
import dev.tarn.s3.object.ObjectKeys;
import dev.tarn.s3.object.ObjectMetadata;
import dev.tarn.s3.object.StorageClasses;
import dev.tarn.s3.object.TagSet;
import dev.tarn.s3.object.Timestamps;
import dev.tarn.s3.object.VersionIds;
import dev.tarn.s3.xml.MultipartInitiateResult;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.UploadRecord;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** CreateMultipartUpload: fixes the object's metadata, storage class, tags, encryption and checksum for the upload. */
public final class CreateMultipartUploadHandler
{
    private final BucketAccess access;
    private final MetadataStore metadata;
    private final VersionIds ids;
    private final EncryptionKeys keys;
    private final S3Xml xml;
    private final Clock clock;

    public CreateMultipartUploadHandler(BucketAccess access, MetadataStore metadata, VersionIds ids, EncryptionKeys keys, S3Xml xml, Clock clock)
    {
        this.keys = requireNonNull(keys, "keys is null");
        this.access = requireNonNull(access, "access is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public ServiceResponse handle(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String bucketName = location.requireBucket();
        String key = ObjectKeys.checkWritable(location.requireKey());
        Headers headers = request.headers();
        BucketRecord bucket = access.object(request, bucketName, key, "s3:PutObject", EncryptionKeys.conditionKeys(headers));
        ObjectAcls.NewObject ownership = access.acls().forNewObject(request.context(), headers, bucket);
        String owner = ownership.ownerAccountId();
        Map<String, String> attributes = new LinkedHashMap<>(ObjectMetadata.fromRequest(headers));
        ownership.addTo(attributes);
        attributes.putAll(ObjectLockRequest.attributes(request, access, bucket, key, clock.instant()));
        // the parts inherit this: their data keys come from the same KMS key (or customer key)
        ObjectEncryption encryption = ObjectEncryption.forWrite(headers, bucket);
        attributes.putAll(keys.prepare(request.context(), encryption, bucketName, key));
        String storageClass = StorageClasses.fromHeader(headers.first("x-amz-storage-class"));
        headers.first("x-amz-tagging").map(TagSet::fromHeader).filter(tags -> !tags.isEmpty())
                .ifPresent(tags -> attributes.put(ObjectAttributes.TAGGING, tags.encode()));
        UploadChecksum checksum = UploadChecksum.fromCreateRequest(headers);
        checksum.addTo(attributes);

        String uploadId = ids.next();
        UploadRecord upload = new UploadRecord(uploadId, bucketName, key, Timestamps.lastModified(clock.instant()), owner,
                request.context().caller().arn(), storageClass, attributes);
        metadata.write(transaction -> {
            transaction.bucket(bucketName).orElseThrow(() -> S3Errors.NO_SUCH_BUCKET.exception().with("BucketName", bucketName));
            transaction.createUpload(upload);
            return null;
        });
        Headers.Builder response = Headers.builder();
        EncryptionKeys.addResponseHeaders(response, attributes);
        checksum.addTo(response);
        return xml.response(200, response.build(), new MultipartInitiateResult(bucketName, key, uploadId));
    }
}
