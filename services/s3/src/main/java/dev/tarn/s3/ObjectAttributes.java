package dev.tarn.s3;

/**
 * Names under which S3 keeps an object's details in {@link dev.tarn.storage.meta.ObjectVersion#attributes()}
 * (and an upload's in {@link dev.tarn.storage.meta.UploadRecord#attributes()}). One table, so the
 * code that writes a detail and the code that lists it agree.
 */
public final class ObjectAttributes
{
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CONTENT_ENCODING = "Content-Encoding";
    public static final String CONTENT_DISPOSITION = "Content-Disposition";
    public static final String CONTENT_LANGUAGE = "Content-Language";
    public static final String CACHE_CONTROL = "Cache-Control";
    public static final String EXPIRES = "Expires";
    /** Prefix of user metadata entries: "x-amz-meta-" + lower-case name. */
    public static final String USER_METADATA_PREFIX = "x-amz-meta-";
    /** CRC32, CRC32C, CRC64NVME, SHA1 or SHA256 when the object has an additional checksum. */
    public static final String CHECKSUM_ALGORITHM = "checksum-algorithm";
    /** FULL_OBJECT or COMPOSITE. */
    public static final String CHECKSUM_TYPE = "checksum-type";
    /** Prefix of stored checksum values: "checksum-" + algorithm name, base64 as S3 returns it. */
    public static final String CHECKSUM_VALUE_PREFIX = "checksum-";
    /** The object's tag set, URL-encoded as in the x-amz-tagging header ("k1=v1&k2=v2"). */
    public static final String TAGGING = "tagging";
    /** AES256 (SSE-S3), aws:kms, or the SSE-C algorithm. */
    public static final String SERVER_SIDE_ENCRYPTION = "server-side-encryption";
    /** For SSE-KMS: the ARN of the KMS key the data keys are under. */
    public static final String SSE_KMS_KEY_ARN = "sse-kms-key-arn";
    /** For SSE-KMS: the encryption context the data keys are bound to, as the base64 JSON of x-amz-server-side-encryption-context. */
    public static final String SSE_KMS_CONTEXT = "sse-kms-context";
    /** "true" when the writer asked for an S3 Bucket Key (x-amz-server-side-encryption-bucket-key-enabled). */
    public static final String SSE_BUCKET_KEY_ENABLED = "sse-bucket-key-enabled";
    /** For SSE-C: the algorithm (AES256) and the base64 MD5 of the customer's key; the key itself is never stored. */
    public static final String SSE_CUSTOMER_ALGORITHM = "sse-customer-algorithm";
    public static final String SSE_CUSTOMER_KEY_MD5 = "sse-customer-key-md5";
    /** The object's ACL when it is not the owner-only default, as {@link dev.tarn.s3.security.AccessControlList#encode()} writes it. */
    public static final String ACL = "acl";
    /** Number of parts for an object completed from a multipart upload. */
    public static final String PARTS_COUNT = "parts-count";
    /**
     * For GLACIER and DEEP_ARCHIVE objects after a RestoreObject: the ISO-8601 instant the
     * restored copy expires. The restore is ongoing until {@link #RESTORE_READY_AT}.
     */
    public static final String RESTORE = "restore";
    /** The ISO-8601 instant a requested restore completes (archived bytes are really on disk, so only a configured delay). */
    public static final String RESTORE_READY_AT = "restore-ready-at";
    /**
     * For an object completed from a multipart upload: the checksum of each part, base64,
     * comma-separated in part order (its segments are its parts), for GET with partNumber.
     */
    public static final String PART_CHECKSUMS = "part-checksums";

    // Part records (PartRecord.attributes) keep their checksums as CHECKSUM_VALUE_PREFIX + algorithm,
    // like objects. Upload records (UploadRecord.attributes) keep the object's system and user
    // metadata, TAGGING and SERVER_SIDE_ENCRYPTION under the names above, and CHECKSUM_ALGORITHM /
    // CHECKSUM_TYPE only when CreateMultipartUpload asked for a checksum algorithm.

    private ObjectAttributes() {}

    /** The name of a stored checksum value: "checksum-CRC32", "checksum-SHA256", ... */
    public static String checksumValue(dev.tarn.storage.blob.ChecksumAlgorithm algorithm)
    {
        return CHECKSUM_VALUE_PREFIX + algorithm.name();
    }
}
