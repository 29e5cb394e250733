package dev.tarn.s3.security;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Dependencies;
import dev.tarn.s3.S3Xml;

import static java.util.Objects.requireNonNull;

/** The security sub-resources of S3 (and the account's public access block of S3 Control), each with its handler. */
public final class SecurityOperations
{
    private final BucketPolicyHandler policies;
    private final PublicAccessBlockHandler publicAccessBlocks;
    private final OwnershipHandler ownership;
    private final BucketEncryptionHandler encryption;

    public SecurityOperations(S3Dependencies dependencies, S3Xml xml, BucketAccess access)
    {
        requireNonNull(dependencies, "dependencies is null");
        this.policies = new BucketPolicyHandler(dependencies.metadata(), access, xml);
        this.publicAccessBlocks = new PublicAccessBlockHandler(dependencies.metadata(), access, xml);
        this.ownership = new OwnershipHandler(dependencies.metadata(), access, xml);
        this.encryption = new BucketEncryptionHandler(dependencies.metadata(), access, xml);
    }

    public BucketPolicyHandler policies()
    {
        return policies;
    }

    public PublicAccessBlockHandler publicAccessBlocks()
    {
        return publicAccessBlocks;
    }

    public OwnershipHandler ownership()
    {
        return ownership;
    }

    public BucketEncryptionHandler encryption()
    {
        return encryption;
    }
}
