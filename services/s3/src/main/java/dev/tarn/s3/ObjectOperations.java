package dev.tarn.s3;

import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

import static java.util.Objects.requireNonNull;

public final class ObjectOperations
{
    private final S3Dependencies dependencies;
    private final S3Xml xml;
    private final BucketAccess access;

    public ObjectOperations(S3Dependencies dependencies, S3Xml xml, BucketAccess access)
    {
        this.dependencies = requireNonNull(dependencies, "dependencies is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.access = requireNonNull(access, "access is null");
    }

    public ServiceResponse putObject(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse getObject(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse headObject(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse deleteObject(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse deleteObjects(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse copyObject(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse getObjectTagging(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse putObjectTagging(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse deleteObjectTagging(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse restoreObject(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }
}
