package dev.tarn.s3;

import dev.tarn.s3.security.PublicAccessBlocks;
import dev.tarn.s3.security.PublicPolicies;
import dev.tarn.s3.security.SecurityConfigurations;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.AuthorizationRequest;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The first step of every bucket or object operation: find the bucket (NoSuchBucket otherwise)
 * and ask the authorizer for the IAM action on the resource ARN AWS documents for it, with the
 * bucket policy as the resource policy. Under RestrictPublicBuckets (the bucket's or its
 * account's), a public bucket policy speaks only for principals of the bucket owner's account.
 */
public final class BucketAccess
{
    private final MetadataStore metadata;
    private final Authorizer authorizer;
    private final PublicAccessBlocks publicAccessBlocks;

    public BucketAccess(MetadataStore metadata, Authorizer authorizer)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.publicAccessBlocks = new PublicAccessBlocks(metadata);
    }

    /**
     * For Get/Put/DeleteBucketPolicy: the bucket owner's root user may always manage the policy,
     * even one that denies it everything (so no policy can lock the owner out); everyone else is
     * checked as usual.
     */
    public BucketRecord bucketPolicyManagement(ServiceRequest request, String bucket, String action)
    {
        BucketRecord record = find(bucket);
        Caller caller = request.context().caller();
        boolean ownerRoot = caller.root() && caller.accountId().equals(record.ownerAccountId());
        String arn = "arn:aws:s3:::" + bucket;
        Optional<String> policy = ownerRoot ? Optional.empty() : effectivePolicy(caller, record);
        authorizer.authorize(request.context(), new AuthorizationRequest(action, arn, Optional.of(record.ownerAccountId()), Map.of(), policy));
        return record;
    }

    /** Loads the bucket and checks {@code action} on {@code arn:aws:s3:::bucket}. */
    public BucketRecord bucket(ServiceRequest request, String bucket, String action)
    {
        return bucket(request, bucket, action, Map.of());
    }

    public BucketRecord bucket(ServiceRequest request, String bucket, String action, Map<String, List<String>> conditionKeys)
    {
        BucketRecord record = find(bucket);
        authorize(request, action, "arn:aws:s3:::" + bucket, record, conditionKeys);
        return record;
    }

    /** Loads the bucket and checks {@code action} on {@code arn:aws:s3:::bucket/key}. */
    public BucketRecord object(ServiceRequest request, String bucket, String key, String action)
    {
        return object(request, bucket, key, action, Map.of());
    }

    public BucketRecord object(ServiceRequest request, String bucket, String key, String action, Map<String, List<String>> conditionKeys)
    {
        BucketRecord record = find(bucket);
        authorize(request, action, "arn:aws:s3:::" + bucket + "/" + key, record, conditionKeys);
        return record;
    }

    /** Checks an action on a resource that is not a bucket or object (e.g. s3:ListAllMyBuckets on *). */
    public void authorize(ServiceRequest request, String action, String resourceArn)
    {
        authorizer.authorize(request.context(), new AuthorizationRequest(action, resourceArn, Optional.empty(), Map.of()));
    }

    /**
     * Checks {@code action} on a bucket, or on one of its objects when {@code key} is given, for a
     * principal that reads S3 from inside the server rather than through a request (a Glue
     * crawler acting as its role), with the same bucket policy rules as a request.
     */
    public BucketRecord authorize(RequestContext context, String bucket, Optional<String> key, String action, Map<String, List<String>> conditionKeys)
    {
        BucketRecord record = find(bucket);
        authorize(context, action, "arn:aws:s3:::" + bucket + key.map(name -> "/" + name).orElse(""), record, conditionKeys);
        return record;
    }

    private void authorize(ServiceRequest request, String action, String arn, BucketRecord bucket, Map<String, List<String>> conditionKeys)
    {
        authorize(request.context(), action, arn, bucket, conditionKeys);
    }

    private void authorize(RequestContext context, String action, String arn, BucketRecord bucket, Map<String, List<String>> conditionKeys)
    {
        Optional<String> policy = effectivePolicy(context.caller(), bucket);
        authorizer.authorize(context, new AuthorizationRequest(action, arn, Optional.of(bucket.ownerAccountId()), conditionKeys, policy));
    }

    /** The bucket policy as it applies to this caller: none from a restricted public policy unless the caller is of the owner's account. */
    private Optional<String> effectivePolicy(Caller caller, BucketRecord bucket)
    {
        Optional<String> policy = bucket.configuration(SecurityConfigurations.POLICY);
        if (policy.isEmpty() || caller.accountId().equals(bucket.ownerAccountId())) {
            return policy;
        }
        if (publicAccessBlocks.effective(bucket).restrictPublicBuckets() && PublicPolicies.isPublic(policy.get())) {
            return Optional.empty();
        }
        return policy;
    }

    private BucketRecord find(String bucket)
    {
        return metadata.read(reader -> reader.bucket(bucket))
                .orElseThrow(() -> S3Errors.NO_SUCH_BUCKET.exception().with("BucketName", bucket));
    }
}
