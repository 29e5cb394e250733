package dev.tarn.s3.multipart;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.object.BlobIngest;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.PartRecord;
import dev.tarn.storage.meta.Segment;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** AbortMultipartUpload: the upload and its parts go in one transaction, then the part blobs. */
public final class AbortMultipartUploadHandler
{
    private final BucketAccess access;
    private final MetadataStore metadata;
    private final BlobIngest ingest;

    public AbortMultipartUploadHandler(BucketAccess access, MetadataStore metadata, BlobIngest ingest)
    {
        this.access = requireNonNull(access, "access is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.ingest = requireNonNull(ingest, "ingest is null");
    }

    public ServiceResponse handle(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String bucket = location.requireBucket();
        String key = location.requireKey();
        access.object(request, bucket, key, "s3:AbortMultipartUpload");
        String uploadId = request.queryParameter("uploadId").orElse("");
        List<Segment> segments = metadata.write(transaction -> {
            UploadLookup.find(transaction, uploadId, bucket, key);
            List<Segment> parts = UploadLookup.parts(transaction, uploadId).stream().map(PartRecord::segment).toList();
            transaction.deleteUpload(uploadId);
            return parts;
        });
        segments.forEach(segment -> ingest.delete(segment.blobId()));
        return ServiceResponse.empty(204, Headers.empty());
    }
}
