package dev.tarn.s3.security;

/** Names under which the security configurations are kept in {@link dev.tarn.storage.meta.BucketRecord#configurations()}. */
public final class SecurityConfigurations
{
    /** The bucket policy, as the JSON text the owner put. */
    public static final String POLICY = "policy";
    /** The bucket's public access block, as {@link PublicAccessBlock#encode()} writes it. */
    public static final String PUBLIC_ACCESS_BLOCK = "publicAccessBlock";
    /** The object ownership setting (BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter); absent means BucketOwnerEnforced. */
    public static final String OWNERSHIP = "ownershipControls";
    /** The bucket ACL, as {@link AccessControlList#encode()} writes it; absent means the owner-only ACL. */
    public static final String ACL = "acl";
    /** The default encryption, as {@link DefaultEncryption#encode()} writes it; absent means SSE-S3. */
    public static final String ENCRYPTION = "encryption";
    /** Server access logging, as {@link dev.tarn.s3.logging.LoggingTarget#encode()} writes it; absent means off. */
    public static final String LOGGING = "logging";
    /** Metadata document collection of account-level public access blocks, by account id. */
    public static final String ACCOUNT_PUBLIC_ACCESS_BLOCKS = "s3.account-public-access-blocks";

    private SecurityConfigurations() {}
}
