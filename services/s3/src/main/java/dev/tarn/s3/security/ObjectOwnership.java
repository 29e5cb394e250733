package dev.tarn.s3.security;

import dev.tarn.s3.S3Errors;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.storage.meta.BucketRecord;

import java.util.Optional;
import java.util.Set;

/**
 * A bucket's Object Ownership. New buckets are BucketOwnerEnforced (ACLs disabled), as in S3
 * since 2023, unless the installation chooses ObjectWriter: with ACLs disabled the bucket owner
 * owns every object, and the only ACLs accepted are the ones that say just that (private,
 * bucket-owner-full-control). With ACLs enabled (BucketOwnerPreferred, ObjectWriter, or no
 * controls after DeleteBucketOwnershipControls) ACLs are kept and enforced.
 */
public final class ObjectOwnership
{
    public static final String BUCKET_OWNER_ENFORCED = "BucketOwnerEnforced";
    public static final String BUCKET_OWNER_PREFERRED = "BucketOwnerPreferred";
    public static final String OBJECT_WRITER = "ObjectWriter";
    /** Stored after DeleteBucketOwnershipControls: the bucket has no ownership controls (Get answers OwnershipControlsNotFoundError). */
    static final String NONE = "none";
    private static final Set<String> VALUES = Set.of(BUCKET_OWNER_ENFORCED, BUCKET_OWNER_PREFERRED, OBJECT_WRITER);
    private static final Set<String> OWNER_ONLY_ACLS = Set.of("private", "bucket-owner-full-control");
    private static final Set<String> GRANT_HEADERS = Set.of("x-amz-grant-read", "x-amz-grant-write", "x-amz-grant-read-acp", "x-amz-grant-write-acp",
            "x-amz-grant-full-control");

    private ObjectOwnership() {}

    /** The setting as stored; empty when the controls were deleted. */
    public static Optional<String> of(BucketRecord bucket)
    {
        String value = bucket.configuration(SecurityConfigurations.OWNERSHIP).orElse(BUCKET_OWNER_ENFORCED);
        return value.equals(NONE) ? Optional.empty() : Optional.of(value);
    }

    public static boolean aclsDisabled(BucketRecord bucket)
    {
        return of(bucket).filter(BUCKET_OWNER_ENFORCED::equals).isPresent();
    }

    public static String validate(String value)
    {
        if (!VALUES.contains(value)) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        return value;
    }

    /** For writes that may carry an ACL (PutObject, CopyObject, CreateMultipartUpload, PutBucketAcl, PutObjectAcl). */
    public static void checkAclHeaders(Headers headers, BucketRecord bucket)
    {
        if (!aclsDisabled(bucket)) {
            return;
        }
        boolean grants = GRANT_HEADERS.stream().anyMatch(headers::contains);
        boolean publicCanned = headers.first("x-amz-acl").filter(acl -> !OWNER_ONLY_ACLS.contains(acl)).isPresent();
        if (grants || publicCanned) {
            throw SecurityErrors.ACL_NOT_SUPPORTED.exception();
        }
    }

    /** An installation's default for new buckets (BucketOwnerEnforced unless chosen otherwise); IllegalArgumentException when unknown. */
    public static String checkDefault(String value)
    {
        if (!VALUES.contains(value)) {
            throw new IllegalArgumentException("object ownership must be one of " + VALUES + ": " + value);
        }
        return value;
    }

    /**
     * Who owns an object written now: the bucket owner under BucketOwnerEnforced, and under
     * BucketOwnerPreferred when the writer grants it bucket-owner-full-control; otherwise the
     * writer's account (an anonymous writer's objects belong to the bucket owner).
     */
    public static String ownerOfNewObject(BucketRecord bucket, String writerAccountId, Headers headers)
    {
        Optional<String> ownership = of(bucket);
        if (writerAccountId.isEmpty() || ownership.filter(BUCKET_OWNER_ENFORCED::equals).isPresent()) {
            return bucket.ownerAccountId();
        }
        if (ownership.filter(BUCKET_OWNER_PREFERRED::equals).isPresent()
                && headers.first("x-amz-acl").filter("bucket-owner-full-control"::equals).isPresent()) {
            return bucket.ownerAccountId();
        }
        return writerAccountId;
    }

    /** CreateBucket's x-amz-object-ownership (or the installation's default) with its x-amz-acl: a public ACL needs ACLs enabled. */
    public static Optional<String> forNewBucket(Headers headers)
    {
        return forNewBucket(headers, BUCKET_OWNER_ENFORCED);
    }

    public static Optional<String> forNewBucket(Headers headers, String installationDefault)
    {
        Optional<String> requested = headers.first("x-amz-object-ownership").map(value -> {
            if (!VALUES.contains(value)) {
                throw CommonErrors.INVALID_ARGUMENT.exception("Invalid x-amz-object-ownership header: " + value)
                        .with("ArgumentName", "x-amz-object-ownership").with("ArgumentValue", value);
            }
            return value;
        });
        boolean enforced = requested.orElse(installationDefault).equals(BUCKET_OWNER_ENFORCED);
        boolean publicAcl = headers.first("x-amz-acl").filter(acl -> !OWNER_ONLY_ACLS.contains(acl)).isPresent()
                || GRANT_HEADERS.stream().anyMatch(headers::contains);
        if (enforced && publicAcl) {
            throw SecurityErrors.INVALID_BUCKET_ACL_WITH_OWNERSHIP.exception();
        }
        return Optional.of(requested.orElse(installationDefault)).filter(value -> !value.equals(BUCKET_OWNER_ENFORCED));
    }
}
