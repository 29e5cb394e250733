package dev.tarn.s3;

import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

import static java.util.Objects.requireNonNull;

public final class BucketOperations
{
    private final S3Dependencies dependencies;
    private final S3Xml xml;
    private final BucketAccess access;

    public BucketOperations(S3Dependencies dependencies, S3Xml xml, BucketAccess access)
    {
        this.dependencies = requireNonNull(dependencies, "dependencies is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.access = requireNonNull(access, "access is null");
    }

    public ServiceResponse listBuckets(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse createBucket(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse headBucket(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse deleteBucket(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse getBucketLocation(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse getBucketVersioning(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse putBucketVersioning(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse getBucketTagging(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse putBucketTagging(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse deleteBucketTagging(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }
}
