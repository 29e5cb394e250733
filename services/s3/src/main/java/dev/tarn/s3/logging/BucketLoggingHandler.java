package dev.tarn.s3.logging;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.bucket.RequestBodies;
import dev.tarn.s3.security.SecurityConfigurations;
import dev.tarn.s3.security.SecurityErrors;
import dev.tarn.s3.xml.BucketLoggingStatus;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Put/GetBucketLogging. The target bucket must exist and belong to the source bucket's owner
 * (InvalidTargetBucketForLogging otherwise); an empty BucketLoggingStatus turns logging off.
 */
public final class BucketLoggingHandler
{
    private final MetadataStore metadata;
    private final BucketAccess access;
    private final S3Xml xml;

    public BucketLoggingHandler(MetadataStore metadata, BucketAccess access, S3Xml xml)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.access = requireNonNull(access, "access is null");
        this.xml = requireNonNull(xml, "xml is null");
    }

    public ServiceResponse put(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        access.bucket(request, name, "s3:PutBucketLogging");
        BucketLoggingStatus status = xml.read(RequestBodies.read(request), BucketLoggingStatus.class);
        Optional<LoggingTarget> target = status.loggingEnabled().map(LoggingTarget::fromXml);
        // Checked and stored in one transaction, so the target cannot vanish or change hands in between
        metadata.write(transaction -> {
            BucketRecord bucket = transaction.bucket(name).orElseThrow(() -> S3Errors.NO_SUCH_BUCKET.exception().with("BucketName", name));
            target.ifPresent(logging -> {
                Optional<BucketRecord> targetBucket = transaction.bucket(logging.bucket());
                if (targetBucket.isEmpty()) {
                    throw SecurityErrors.INVALID_TARGET_BUCKET_FOR_LOGGING.exception().with("TargetBucket", logging.bucket());
                }
                if (!targetBucket.get().ownerAccountId().equals(bucket.ownerAccountId())) {
                    throw SecurityErrors.INVALID_TARGET_BUCKET_FOR_LOGGING.exception("The owner for the bucket to be logged and the target bucket must be the same.")
                            .with("TargetBucket", logging.bucket());
                }
            });
            transaction.updateBucket(bucket.withConfiguration(SecurityConfigurations.LOGGING, target.map(LoggingTarget::encode)));
            return null;
        });
        return ServiceResponse.empty(200, Headers.empty());
    }

    public ServiceResponse get(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketRecord bucket = access.bucket(request, name, "s3:GetBucketLogging");
        return xml.ok(new BucketLoggingStatus(LoggingTarget.of(bucket).map(LoggingTarget::toXml)));
    }
}
