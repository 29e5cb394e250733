package dev.tarn.s3;

import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

import static java.util.Objects.requireNonNull;

public final class MultipartOperations
{
    private final S3Dependencies dependencies;
    private final S3Xml xml;
    private final BucketAccess access;
    private final ObjectOperations objects;

    public MultipartOperations(S3Dependencies dependencies, S3Xml xml, BucketAccess access, ObjectOperations objects)
    {
        this.dependencies = requireNonNull(dependencies, "dependencies is null");
        this.xml = requireNonNull(xml, "xml is null");
        this.access = requireNonNull(access, "access is null");
        this.objects = requireNonNull(objects, "objects is null");
    }

    public ServiceResponse createMultipartUpload(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse uploadPart(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse uploadPartCopy(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse completeMultipartUpload(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }

    public ServiceResponse abortMultipartUpload(ServiceRequest request)
    {
        throw CommonErrors.NOT_IMPLEMENTED.exception();
    }
}
