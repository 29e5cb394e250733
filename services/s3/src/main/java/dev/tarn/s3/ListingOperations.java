package dev.tarn.s3;

import dev.tarn.s3.listing.ObjectListings;
import dev.tarn.s3.listing.UploadListings;
import dev.tarn.s3.listing.VersionListings;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

import static java.util.Objects.requireNonNull;

/** The listing operations of a bucket; each is implemented in {@link dev.tarn.s3.listing}. */
public final class ListingOperations
{
    private final ObjectListings objects;
    private final VersionListings versions;
    private final UploadListings uploads;

    public ListingOperations(S3Dependencies dependencies, S3Xml xml, BucketAccess access)
    {
        requireNonNull(dependencies, "dependencies is null");
        this.objects = new ObjectListings(dependencies.metadata(), xml, access);
        this.versions = new VersionListings(dependencies.metadata(), xml, access);
        this.uploads = new UploadListings(dependencies.metadata(), xml, access);
    }

    public ServiceResponse listObjects(ServiceRequest request)
    {
        return objects.listObjects(request);
    }

    public ServiceResponse listObjectsV2(ServiceRequest request)
    {
        return objects.listObjectsV2(request);
    }

    public ServiceResponse listObjectVersions(ServiceRequest request)
    {
        return versions.listObjectVersions(request);
    }

    public ServiceResponse listMultipartUploads(ServiceRequest request)
    {
        return uploads.listMultipartUploads(request);
    }

    public ServiceResponse listParts(ServiceRequest request)
    {
        return uploads.listParts(request);
    }
}
