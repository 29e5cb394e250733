package dev.tarn.s3.multipart;

import dev.tarn.s3.S3Errors;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.PartRecord;
import dev.tarn.storage.meta.UploadRecord;

import java.util.ArrayList;
import java.util.List;

/** Finds an upload in progress by id, for the bucket and key the request addresses; NoSuchUpload otherwise. */
final class UploadLookup
{
    private static final int PAGE = 1000;

    private UploadLookup() {}

    static UploadRecord find(MetadataReader reader, String uploadId, String bucket, String key)
    {
        return reader.upload(uploadId)
                .filter(upload -> upload.bucket().equals(bucket) && upload.key().equals(key))
                .orElseThrow(() -> S3Errors.NO_SUCH_UPLOAD.exception().with("UploadId", uploadId));
    }

    /** Every part of the upload, by number (at most 10,000). */
    static List<PartRecord> parts(MetadataReader reader, String uploadId)
    {
        List<PartRecord> parts = new ArrayList<>();
        int after = 0;
        while (true) {
            List<PartRecord> page = reader.parts(uploadId, after, PAGE);
            parts.addAll(page);
            if (page.size() < PAGE) {
                return parts;
            }
            after = page.get(page.size() - 1).partNumber();
        }
    }
}
