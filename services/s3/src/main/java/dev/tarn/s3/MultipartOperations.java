package dev.tarn.s3;

import dev.tarn.s3.multipart.AbortMultipartUploadHandler;
import dev.tarn.s3.multipart.CompleteMultipartUploadHandler;
import dev.tarn.s3.multipart.CreateMultipartUploadHandler;
import dev.tarn.s3.multipart.UploadPartHandler;
import dev.tarn.s3.object.ObjectComponents;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

import static java.util.Objects.requireNonNull;

/** The multipart upload operations (ListParts and ListMultipartUploads are listings), each delegated to its handler. */
public final class MultipartOperations
{
    private final CreateMultipartUploadHandler create;
    private final UploadPartHandler parts;
    private final CompleteMultipartUploadHandler complete;
    private final AbortMultipartUploadHandler abort;

    public MultipartOperations(S3Dependencies dependencies, S3Xml xml, BucketAccess access, ObjectOperations objects)
    {
        requireNonNull(dependencies, "dependencies is null");
        requireNonNull(xml, "xml is null");
        requireNonNull(access, "access is null");
        ObjectComponents components = requireNonNull(objects, "objects is null").components();
        this.create = new CreateMultipartUploadHandler(access, dependencies.metadata(), components.ids(), components.keys(), xml, dependencies.clock());
        this.parts = new UploadPartHandler(access, dependencies.metadata(), components.ingest(), components.copySources(), components.content(), components.keys(), xml,
                dependencies.clock());
        this.complete = new CompleteMultipartUploadHandler(access, dependencies.metadata(), components.writer(), xml);
        this.abort = new AbortMultipartUploadHandler(access, dependencies.metadata(), components.ingest());
    }

    public ServiceResponse createMultipartUpload(ServiceRequest request)
    {
        return create.handle(request);
    }

    public ServiceResponse uploadPart(ServiceRequest request)
    {
        return parts.upload(request);
    }

    public ServiceResponse uploadPartCopy(ServiceRequest request)
    {
        return parts.copy(request);
    }

    public ServiceResponse completeMultipartUpload(ServiceRequest request)
    {
        return complete.handle(request);
    }

    public ServiceResponse abortMultipartUpload(ServiceRequest request)
    {
        return abort.handle(request);
    }
}
