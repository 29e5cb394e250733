package dev.tarn.s3;

import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

import static java.util.Objects.requireNonNull;

public final class ListingOperations
{
    private final S3Dependencies dependencies;
    private final S3Xml xml;
    private final BucketAccess access;

    public ListingOperations(S3Dependencies dependencies, S3Xml xml, BucketAccess access)
    {
        this.dependencies = requireNonNull(dependencies, "dependencies is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.access = requireNonNull(access, "access is null");
    }

    public ServiceResponse listObjects(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse listObjectsV2(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse listObjectVersions(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse listMultipartUploads(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse listParts(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }
}
