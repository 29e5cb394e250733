package dev.tarn.s3.lifecycle;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.bucket.RequestBodies;
import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.StoredDocument;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Put/Get/DeleteBucketLifecycleConfiguration. The configuration is validated whole before
 * anything is stored; the scheduler ({@link LifecycleScheduler}) is what carries it out.
 * Deleting it is authorized as s3:PutLifecycleConfiguration, as AWS documents.
 */
public final class LifecycleHandler
{
    public static final AwsErrorCode NO_SUCH_LIFECYCLE_CONFIGURATION = new AwsErrorCode("NoSuchLifecycleConfiguration", 404,
            "The lifecycle configuration does not exist");
    private static final String MINIMUM_SIZE_HEADER = "x-amz-transition-default-minimum-object-size";
    private static final String MINIMUM_SIZE = "all_storage_classes_128K";

    private final MetadataStore metadata;
    private final BucketAccess access;
    private final LifecycleConfigurations configurations;
    private final S3Xml xml;

    public LifecycleHandler(MetadataStore metadata, BucketAccess access, LifecycleConfigurations configurations, S3Xml xml)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.access = requireNonNull(access, "access is null");
        this.configurations = requireNonNull(configurations, "configurations is null");
        this.xml = requireNonNull(xml, "xml is null");
    }

    public ServiceResponse put(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        access.bucket(request, name, "s3:PutLifecycleConfiguration");
        LifecycleConfigurationXml document = LifecycleRules.withIds(xml.read(RequestBodies.read(request), LifecycleConfigurationXml.class));
        LifecycleRules.validate(document);
        String stored = configurations.encode(document);
        metadata.write(transaction -> {
            BucketRecord bucket = bucket(transaction, name);
            transaction.updateBucket(bucket.withConfiguration(LifecycleConfigurations.CONFIGURATION, Optional.of(stored)));
            transaction.putDocument(new StoredDocument(LifecycleConfigurations.INDEX, name, "{}"));
            return null;
        });
        return ServiceResponse.empty(200, Headers.builder().set(MINIMUM_SIZE_HEADER, MINIMUM_SIZE).build());
    }

    public ServiceResponse get(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketRecord bucket = access.bucket(request, name, "s3:GetLifecycleConfiguration");
        LifecycleConfigurationXml document = configurations.document(bucket)
                .orElseThrow(() -> NO_SUCH_LIFECYCLE_CONFIGURATION.exception().with("BucketName", name));
        return xml.response(200, Headers.builder().set(MINIMUM_SIZE_HEADER, MINIMUM_SIZE).build(), document);
    }

    public ServiceResponse delete(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        access.bucket(request, name, "s3:PutLifecycleConfiguration");
        metadata.write(transaction -> {
            BucketRecord bucket = bucket(transaction, name);
            transaction.updateBucket(bucket.withConfiguration(LifecycleConfigurations.CONFIGURATION, Optional.empty()));
            transaction.deleteDocument(LifecycleConfigurations.INDEX, name);
            return null;
        });
        return ServiceResponse.empty(204, Headers.empty());
    }

    private static BucketRecord bucket(MetadataTransaction transaction, String name)
    {
        return transaction.bucket(name).orElseThrow(() -> S3Errors.NO_SUCH_BUCKET.exception().with("BucketName", name));
    }
}
