package dev.tarn.s3.bucket;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.lock.BucketObjectLock;
import dev.tarn.s3.lock.LockErrors;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.xml.VersioningConfiguration;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.MetadataStore;

import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Put/GetBucketVersioning. MFA delete is not offered: it may only be stated as Disabled. */
public final class BucketVersioning
{
    public static final String ENABLED = "Enabled";
    public static final String SUSPENDED = "Suspended";
    private static final Set<String> MFA_DELETE_VALUES = Set.of("Enabled", "Disabled");

    private final MetadataStore metadata;
    private final S3Xml xml;
    private final BucketAccess access;

    public BucketVersioning(MetadataStore metadata, S3Xml xml, BucketAccess access)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.access = requireNonNull(access, "access is null");
    }

    public ServiceResponse get(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        // a bucket that never had versioning answers an empty document
        Optional<String> status = access.bucket(request, name, "s3:GetBucketVersioning").versioning();
        return xml.ok(new VersioningConfiguration(status, Optional.empty()));
    }

    public ServiceResponse put(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        access.bucket(request, name, "s3:PutBucketVersioning");
        VersioningConfiguration configuration = xml.read(RequestBodies.read(request), VersioningConfiguration.class);
        String status = validStatus(configuration);
        metadata.write(transaction -> {
            BucketRecord bucket = transaction.bucket(name).orElseThrow(() -> S3Errors.NO_SUCH_BUCKET.exception().with("BucketName", name));
            if (!status.equals(ENABLED) && BucketObjectLock.of(bucket).isPresent()) {
                throw LockErrors.INVALID_BUCKET_STATE.exception("An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.");
            }
            transaction.updateBucket(bucket.withVersioning(status));
            return null;
        });
        return ServiceResponse.empty(200, Headers.empty());
    }

    /** The status to store; values outside the schema are MalformedXML, MFA delete is not configurable. */
    static String validStatus(VersioningConfiguration configuration)
    {
        String status = configuration.status().orElseThrow(S3Errors.MALFORMED_XML::exception);
        if (!status.equals(ENABLED) && !status.equals(SUSPENDED)) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        Optional<String> mfaDelete = configuration.mfaDelete();
        if (mfaDelete.isPresent() && !MFA_DELETE_VALUES.contains(mfaDelete.get())) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        if (mfaDelete.filter("Enabled"::equals).isPresent()) {
            throw S3Errors.ILLEGAL_VERSIONING_CONFIGURATION.exception("MFA delete is not supported; MfaDelete may only be Disabled.");
        }
        return status;
    }
}
