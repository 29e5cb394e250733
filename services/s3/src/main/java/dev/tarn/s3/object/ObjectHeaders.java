package dev.tarn.s3.object;

import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.security.EncryptionKeys;
import dev.tarn.spi.http.Headers;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.ObjectVersion;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The headers S3 returns about an object (GET, HEAD) and the few every object response carries. */
public final class ObjectHeaders
{
    public static final String SSE = "x-amz-server-side-encryption";
    public static final String VERSION_ID = "x-amz-version-id";
    public static final String DELETE_MARKER = "x-amz-delete-marker";
    private static final List<String> SYSTEM = List.of(
            ObjectAttributes.CONTENT_TYPE, ObjectAttributes.CONTENT_ENCODING, ObjectAttributes.CONTENT_DISPOSITION,
            ObjectAttributes.CONTENT_LANGUAGE, ObjectAttributes.CACHE_CONTROL, ObjectAttributes.EXPIRES);
    /** response-* query parameters of GET and HEAD, and the header each one overrides. */
    private static final Map<String, String> OVERRIDES = Map.of(
            "response-content-type", ObjectAttributes.CONTENT_TYPE,
            "response-content-language", ObjectAttributes.CONTENT_LANGUAGE,
            "response-expires", ObjectAttributes.EXPIRES,
            "response-cache-control", ObjectAttributes.CACHE_CONTROL,
            "response-content-disposition", ObjectAttributes.CONTENT_DISPOSITION,
            "response-content-encoding", ObjectAttributes.CONTENT_ENCODING);

    private ObjectHeaders() {}

    /** x-amz-version-id is sent for versions in buckets that have (or had) versioning, and for any real version id. */
    public static void versionId(Headers.Builder headers, BucketRecord bucket, String versionId)
    {
        if (bucket.versioning().isPresent() || !versionId.equals(ObjectVersion.NULL_VERSION)) {
            headers.set(VERSION_ID, versionId);
        }
    }

    public static String etag(String etag)
    {
        return "\"" + etag + "\"";
    }

    /** Everything GET and HEAD return about a stored object, before range, part and checksum headers. */
    public static Headers.Builder of(ObjectVersion version, BucketRecord bucket, Instant now)
    {
        Headers.Builder headers = Headers.builder()
                .set("ETag", etag(version.etag()))
                .set("Last-Modified", Timestamps.http(version.lastModified()))
                .set("Accept-Ranges", "bytes");
        for (String name : SYSTEM) {
            version.attribute(name).ifPresent(value -> headers.set(name, value));
        }
        version.attributes().forEach((name, value) -> {
            if (name.startsWith(ObjectAttributes.USER_METADATA_PREFIX)) {
                headers.set(name, value);
            }
        });
        if (!version.storageClass().equals(StorageClasses.STANDARD)) {
            headers.set("x-amz-storage-class", version.storageClass());
        }
        EncryptionKeys.addResponseHeaders(headers, version.attributes());
        versionId(headers, bucket, version.versionId());
        version.attribute(ObjectAttributes.TAGGING)
                .map(TagSet::decode)
                .filter(tags -> !tags.isEmpty())
                .ifPresent(tags -> headers.set("x-amz-tagging-count", Integer.toString(tags.size())));
        if (StorageClasses.isArchived(version.storageClass())) {
            RestoreState.of(version, now).header().ifPresent(value -> headers.set("x-amz-restore", value));
        }
        return headers;
    }

    /** Applies response-content-type and the other response-* overrides of a GET or HEAD. */
    public static void applyOverrides(Headers.Builder headers, Map<String, List<String>> query)
    {
        OVERRIDES.forEach((parameter, header) -> {
            List<String> values = query.get(parameter);
            if (values != null && !values.isEmpty()) {
                headers.set(header, values.get(0));
            }
        });
    }
}
