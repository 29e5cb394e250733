package dev.tarn.s3;

import dev.tarn.s3.bucket.BucketCatalog;
import dev.tarn.s3.bucket.BucketTagging;
import dev.tarn.s3.bucket.BucketVersioning;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

import static java.util.Objects.requireNonNull;

/** The bucket operations; each is implemented in {@link dev.tarn.s3.bucket}. */
public final class BucketOperations
{
    private final BucketCatalog catalog;
    private final BucketVersioning versioning;
    private final BucketTagging tagging;

    public BucketOperations(S3Dependencies dependencies, S3Xml xml, BucketAccess access)
    {
        requireNonNull(dependencies, "dependencies is null");
        this.catalog = new BucketCatalog(dependencies, xml, access);
        this.versioning = new BucketVersioning(dependencies.metadata(), xml, access);
        this.tagging = new BucketTagging(dependencies.metadata(), xml, access);
    }

    public ServiceResponse listBuckets(ServiceRequest request)
    {
        return catalog.listBuckets(request);
    }

    public ServiceResponse createBucket(ServiceRequest request)
    {
        return catalog.createBucket(request);
    }

    public ServiceResponse headBucket(ServiceRequest request)
    {
        return catalog.headBucket(request);
    }

    public ServiceResponse deleteBucket(ServiceRequest request)
    {
        return catalog.deleteBucket(request);
    }

    public ServiceResponse getBucketLocation(ServiceRequest request)
    {
        return catalog.getBucketLocation(request);
    }

    public ServiceResponse getBucketVersioning(ServiceRequest request)
    {
        return versioning.get(request);
    }

    public ServiceResponse putBucketVersioning(ServiceRequest request)
    {
        return versioning.put(request);
    }

    public ServiceResponse getBucketTagging(ServiceRequest request)
    {
        return tagging.get(request);
    }

    public ServiceResponse putBucketTagging(ServiceRequest request)
    {
        return tagging.put(request);
    }

    public ServiceResponse deleteBucketTagging(ServiceRequest request)
    {
        return tagging.delete(request);
    }
}
