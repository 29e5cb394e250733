package dev.tarn.s3.security;

import dev.tarn.s3.ObjectAttributes;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.ObjectVersion;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Who owns a new object and which ACL it gets (PutObject, CopyObject, CreateMultipartUpload), and
 * the stored ACLs of buckets and objects. Under BucketOwnerEnforced objects get no ACL; otherwise
 * the ACL the request asks for, refused when it is public and BlockPublicAcls is on.
 */
public final class ObjectAcls
{
    private final AclRequests requests;
    private final PublicAccessBlocks publicAccessBlocks;
    private final AclStatements statements = new AclStatements();

    public ObjectAcls(AclRequests requests, PublicAccessBlocks publicAccessBlocks)
    {
        this.requests = requireNonNull(requests, "requests is null");
        this.publicAccessBlocks = requireNonNull(publicAccessBlocks, "publicAccessBlocks is null");
    }

    public AclRequests requests()
    {
        return requests;
    }

    /** The owner of an object written by this request, and its ACL when it is not the owner-only default. */
    public record NewObject(String ownerAccountId, Optional<AccessControlList> acl)
    {
        public NewObject
        {
            requireNonNull(ownerAccountId, "ownerAccountId is null");
            requireNonNull(acl, "acl is null");
        }

        public void addTo(Map<String, String> attributes)
        {
            acl.ifPresent(value -> attributes.put(ObjectAttributes.ACL, value.encode()));
        }
    }

    public NewObject forNewObject(RequestContext context, Headers headers, BucketRecord bucket)
    {
        ObjectOwnership.checkAclHeaders(headers, bucket);
        String owner = ObjectOwnership.ownerOfNewObject(bucket, context.caller().accountId(), headers);
        if (ObjectOwnership.aclsDisabled(bucket)) {
            return new NewObject(owner, Optional.empty());
        }
        Optional<AccessControlList> acl = requests.fromHeaders(headers, owner, bucket.ownerAccountId());
        acl.ifPresent(value -> checkNotBlocked(value, bucket));
        return new NewObject(owner, acl.filter(value -> !value.equals(AccessControlList.ownerOnly(owner))));
    }

    /** BlockPublicAcls: a request that would put a public ACL is AccessDenied. */
    public void checkNotBlocked(AccessControlList acl, BucketRecord bucket)
    {
        if (acl.isPublic() && publicAccessBlocks.effective(bucket).blockPublicAcls()) {
            throw CommonErrors.ACCESS_DENIED.exception();
        }
    }

    public static AccessControlList bucketAcl(BucketRecord bucket)
    {
        return bucket.configuration(SecurityConfigurations.ACL).map(AccessControlList::decode)
                .orElseGet(() -> AccessControlList.ownerOnly(bucket.ownerAccountId()));
    }

    public static AccessControlList objectAcl(ObjectVersion version)
    {
        return version.attribute(ObjectAttributes.ACL).map(AccessControlList::decode)
                .orElseGet(() -> AccessControlList.ownerOnly(version.ownerAccountId()));
    }

    /** The ACLs as they count in access decisions: none with ACLs disabled, without public grants under IgnorePublicAcls. */
    Optional<AccessControlList> effective(AccessControlList acl, BucketRecord bucket)
    {
        if (ObjectOwnership.aclsDisabled(bucket)) {
            return Optional.empty();
        }
        if (acl.isPublic() && publicAccessBlocks.effective(bucket).ignorePublicAcls()) {
            return Optional.of(acl.withoutPublicGrants());
        }
        return Optional.of(acl);
    }

    /** The bucket policy (as far as it applies) with the grants of the bucket's and, if given, the object's ACL. */
    public Optional<String> resourcePolicy(Optional<String> bucketPolicy, BucketRecord bucket, Optional<ObjectVersion> object)
    {
        if (ObjectOwnership.aclsDisabled(bucket)) {
            return bucketPolicy;
        }
        return statements.resourcePolicy(bucketPolicy, effective(bucketAcl(bucket), bucket), object.flatMap(version -> effective(objectAcl(version), bucket)));
    }

    /**
     * Whether S3 decides a request on this object in the object owner's context: ACLs enabled and
     * the object written by another account than the bucket owner's (ObjectWriter, BucketOwnerPreferred).
     */
    public static boolean ownedByAnotherAccount(BucketRecord bucket, ObjectVersion object)
    {
        return !ObjectOwnership.aclsDisabled(bucket) && !object.ownerAccountId().equals(bucket.ownerAccountId());
    }

    /**
     * The resource policy of an object another account owns: only its ACL grants, since a bucket
     * policy cannot grant access to objects the bucket owner does not own; the bucket policy's
     * Deny statements still apply.
     */
    public Optional<String> objectOwnerPolicy(Optional<String> bucketPolicy, BucketRecord bucket, ObjectVersion object)
    {
        return statements.resourcePolicy(bucketPolicy.flatMap(PolicyJson::denyOnly), Optional.empty(), effective(objectAcl(object), bucket));
    }
}
