package dev.tarn.s3;

import dev.tarn.s3.security.AclRequests;
import dev.tarn.s3.security.ObjectAcls;
import dev.tarn.s3.security.ObjectOwnership;
import dev.tarn.s3.security.PublicAccessBlocks;
import dev.tarn.s3.security.PublicPolicies;
import dev.tarn.s3.security.SecurityConfigurations;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.security.AccountDirectory;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.AuthorizationRequest;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.ObjectVersion;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The first step of every bucket or object operation: find the bucket (NoSuchBucket otherwise)
 * and ask the authorizer for the IAM action on the resource ARN AWS documents for it, with the
 * bucket policy and, when the bucket has ACLs enabled, the grants of its ACL and of the object's
 * ACL (object reads and ACL requests) as the resource policy. Object reads and ACL requests on an
 * object another account owns are decided as S3 does in the object owner's context: its ACL
 * grants (and the bucket policy's denials) with the object owner as the resource account, so the
 * bucket owner reads it only when the ACL grants it. Under RestrictPublicBuckets (the bucket's or
 * its account's), a public bucket policy speaks only for principals of the bucket owner's account.
 */
public final class BucketAccess
{
    /** Object actions an object ACL can grant. */
    private static final Set<String> OBJECT_ACL_ACTIONS = Set.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTorrent", "s3:GetObjectAcl",
            "s3:GetObjectVersionAcl", "s3:PutObjectAcl", "s3:PutObjectVersionAcl");

    private final MetadataStore metadata;
    private final Authorizer authorizer;
    private final PublicAccessBlocks publicAccessBlocks;
    private final ObjectAcls acls;

    public BucketAccess(MetadataStore metadata, Authorizer authorizer)
    {
        this(metadata, authorizer, AccountDirectory.of(List.of()));
    }

    public BucketAccess(MetadataStore metadata, Authorizer authorizer, AccountDirectory accounts)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.publicAccessBlocks = new PublicAccessBlocks(metadata);
        this.acls = new ObjectAcls(new AclRequests(accounts), publicAccessBlocks);
    }

    /** ACLs of new objects and the stored ones. */
    public ObjectAcls acls()
    {
        return acls;
    }

    /**
     * For Get/Put/DeleteBucketPolicy: the bucket owner's root user may always manage the policy,
     * even one that denies it everything (so no policy can lock the owner out); everyone else is
     * checked as usual, and a caller of another account that is allowed gets MethodNotAllowed.
     */
    public BucketRecord bucketPolicyManagement(ServiceRequest request, String bucket, String action)
    {
        BucketRecord record = find(bucket);
        Caller caller = request.context().caller();
        boolean ownerRoot = caller.root() && caller.accountId().equals(record.ownerAccountId());
        String arn = "arn:aws:s3:::" + bucket;
        Optional<String> policy = ownerRoot ? Optional.empty() : effectivePolicy(caller, record);
        authorizer.authorize(request.context(), new AuthorizationRequest(action, arn, Optional.of(record.ownerAccountId()), Map.of(), policy));
        if (!caller.accountId().equals(record.ownerAccountId())) {
            // S3: only identities of the bucket owner's account manage its policy, whatever the policy grants
            throw S3Errors.METHOD_NOT_ALLOWED.exception();
        }
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
        authorize(request, action, "arn:aws:s3:::" + bucket, record, conditionKeys, Optional.empty());
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
        Optional<ObjectVersion> object = OBJECT_ACL_ACTIONS.contains(action) && !ObjectOwnership.aclsDisabled(record)
                ? aclObject(bucket, key, request.queryParameter("versionId"))
                : Optional.empty();
        authorize(request, action, "arn:aws:s3:::" + bucket + "/" + key, record, conditionKeys, object);
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
     * crawler acting as its role), with the same bucket policy and ACL rules as a request.
     */
    public BucketRecord authorize(RequestContext context, String bucket, Optional<String> key, String action, Map<String, List<String>> conditionKeys)
    {
        BucketRecord record = find(bucket);
        authorize(context, action, "arn:aws:s3:::" + bucket + key.map(name -> "/" + name).orElse(""), record, conditionKeys, Optional.empty());
        return record;
    }

    private void authorize(ServiceRequest request, String action, String arn, BucketRecord bucket, Map<String, List<String>> conditionKeys,
            Optional<ObjectVersion> object)
    {
        authorize(request.context(), action, arn, bucket, conditionKeys, object);
    }

    private void authorize(RequestContext context, String action, String arn, BucketRecord bucket, Map<String, List<String>> conditionKeys,
            Optional<ObjectVersion> object)
    {
        Optional<String> bucketPolicy = effectivePolicy(context.caller(), bucket);
        if (object.isPresent() && ObjectAcls.ownedByAnotherAccount(bucket, object.get())) {
            // S3's object context: the object owner's ACL decides, even for the bucket owner
            Optional<String> policy = acls.objectOwnerPolicy(bucketPolicy, bucket, object.get());
            authorizer.authorize(context, new AuthorizationRequest(action, arn, Optional.of(object.get().ownerAccountId()), conditionKeys, policy));
            return;
        }
        Optional<String> policy = acls.resourcePolicy(bucketPolicy, bucket, object);
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

    /** The object version whose ACL speaks for an object read or ACL request (none when absent: the operation answers that). */
    private Optional<ObjectVersion> aclObject(String bucket, String key, Optional<String> versionId)
    {
        return metadata.read(reader -> versionId.isPresent() ? reader.version(bucket, key, versionId.get()) : reader.latest(bucket, key))
                .filter(version -> !version.deleteMarker());
    }

    private BucketRecord find(String bucket)
    {
        return metadata.read(reader -> reader.bucket(bucket))
                .orElseThrow(() -> S3Errors.NO_SUCH_BUCKET.exception().with("BucketName", bucket));
    }
}
