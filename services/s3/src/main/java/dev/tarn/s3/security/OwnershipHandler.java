package dev.tarn.s3.security;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.bucket.RequestBodies;
import dev.tarn.s3.object.ObjectLookup;
import dev.tarn.s3.ObjectAttributes;
import dev.tarn.s3.object.ObjectHeaders;
import dev.tarn.s3.xml.OwnershipControls;
import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.ObjectVersion;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Put/Get/DeleteBucketOwnershipControls and Get/PutBucketAcl, Get/PutObjectAcl. With ACLs
 * disabled (BucketOwnerEnforced) Get*Acl show the bucket owner with FULL_CONTROL and Put*Acl
 * accept only an ACL that grants nothing more; with ACLs enabled the ACLs are kept (canned,
 * grant headers or body) and enforced by {@link dev.tarn.s3.BucketAccess}.
 */
public final class OwnershipHandler
{
    private static final AwsErrorCode UNEXPECTED_CONTENT = new AwsErrorCode("UnexpectedContent", 400, "This request does not support content");
    private static final AwsErrorCode MISSING_SECURITY_HEADER = new AwsErrorCode("MissingSecurityHeader", 400, "Your request was missing a required header");

    private final MetadataStore metadata;
    private final BucketAccess access;
    private final ObjectLookup lookup;
    private final S3Xml xml;

    public OwnershipHandler(MetadataStore metadata, BucketAccess access, S3Xml xml)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.access = requireNonNull(access, "access is null");
        this.lookup = new ObjectLookup(metadata);
        this.xml = requireNonNull(xml, "xml is null");
    }

    public ServiceResponse putControls(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        access.bucket(request, name, "s3:PutBucketOwnershipControls");
        OwnershipControls controls = xml.read(RequestBodies.read(request), OwnershipControls.class);
        if (controls.rules().size() != 1 || controls.rules().get(0) == null || controls.rules().get(0).objectOwnership() == null) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        String value = ObjectOwnership.validate(controls.rules().get(0).objectOwnership());
        BucketConfigurationStore.store(metadata, name, SecurityConfigurations.OWNERSHIP, Optional.of(value));
        return ServiceResponse.empty(200, Headers.empty());
    }

    public ServiceResponse getControls(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketRecord bucket = access.bucket(request, name, "s3:GetBucketOwnershipControls");
        String value = ObjectOwnership.of(bucket).orElseThrow(() -> SecurityErrors.OWNERSHIP_CONTROLS_NOT_FOUND.exception().with("BucketName", name));
        return xml.ok(new OwnershipControls(List.of(new OwnershipControls.Rule(value))));
    }

    /** AWS authorizes DeleteBucketOwnershipControls with s3:PutBucketOwnershipControls. */
    public ServiceResponse deleteControls(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        access.bucket(request, name, "s3:PutBucketOwnershipControls");
        BucketConfigurationStore.store(metadata, name, SecurityConfigurations.OWNERSHIP, Optional.of(ObjectOwnership.NONE));
        return ServiceResponse.empty(204, Headers.empty());
    }

    public ServiceResponse getBucketAcl(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketRecord bucket = access.bucket(request, name, "s3:GetBucketAcl");
        AccessControlList acl = ObjectOwnership.aclsDisabled(bucket) ? AccessControlList.ownerOnly(bucket.ownerAccountId()) : ObjectAcls.bucketAcl(bucket);
        return xml.ok(acl.toXml());
    }

    public ServiceResponse getObjectAcl(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String name = location.requireBucket();
        String key = location.requireKey();
        Optional<String> versionId = request.queryParameter("versionId");
        BucketRecord bucket = access.object(request, name, key, versionId.isPresent() ? "s3:GetObjectVersionAcl" : "s3:GetObjectAcl");
        ObjectVersion version = lookup.find(name, key, versionId);
        if (version.deleteMarker()) {
            throw versionId.isPresent() ? S3Errors.METHOD_NOT_ALLOWED.exception() : ObjectLookup.noSuchKey(key);
        }
        // with ACLs disabled the bucket owner owns every object and its ACL says just that
        AccessControlList acl = ObjectOwnership.aclsDisabled(bucket) ? AccessControlList.ownerOnly(bucket.ownerAccountId()) : ObjectAcls.objectAcl(version);
        Headers.Builder headers = Headers.builder();
        ObjectHeaders.versionId(headers, bucket, version.versionId());
        return xml.response(200, headers.build(), acl.toXml());
    }

    public ServiceResponse putBucketAcl(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketRecord bucket = access.bucket(request, name, "s3:PutBucketAcl");
        if (ObjectOwnership.aclsDisabled(bucket)) {
            return putAclWithAclsDisabled(request, bucket);
        }
        AccessControlList acl = requestedAcl(request, bucket, bucket.ownerAccountId());
        BucketConfigurationStore.store(metadata, name, SecurityConfigurations.ACL,
                Optional.of(acl).filter(value -> !value.equals(AccessControlList.ownerOnly(bucket.ownerAccountId()))).map(AccessControlList::encode));
        return ServiceResponse.empty(200, Headers.empty());
    }

    public ServiceResponse putObjectAcl(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String name = location.requireBucket();
        String key = location.requireKey();
        Optional<String> versionId = request.queryParameter("versionId").map(ObjectLookup::checkVersionId);
        BucketRecord bucket = access.object(request, name, key, versionId.isPresent() ? "s3:PutObjectVersionAcl" : "s3:PutObjectAcl");
        ObjectVersion found = lookup.find(name, key, versionId);
        if (ObjectOwnership.aclsDisabled(bucket)) {
            return putAclWithAclsDisabled(request, bucket);
        }
        AccessControlList acl = requestedAcl(request, bucket, found.ownerAccountId());
        ObjectVersion updated = metadata.write(transaction -> {
            ObjectVersion current = versionId.isPresent()
                    ? transaction.version(name, key, versionId.get()).orElseThrow(() -> S3Errors.NO_SUCH_VERSION.exception().with("Key", key).with("VersionId", versionId.get()))
                    : transaction.latest(name, key).orElseThrow(() -> ObjectLookup.noSuchKey(key));
            if (current.deleteMarker()) {
                throw versionId.isPresent() ? S3Errors.METHOD_NOT_ALLOWED.exception() : ObjectLookup.noSuchKey(key);
            }
            Map<String, String> attributes = new HashMap<>(current.attributes());
            if (acl.equals(AccessControlList.ownerOnly(current.ownerAccountId()))) {
                attributes.remove(ObjectAttributes.ACL);
            }
            else {
                attributes.put(ObjectAttributes.ACL, new AccessControlList(current.ownerAccountId(), acl.grants()).encode());
            }
            ObjectVersion changed = current.withAttributes(attributes);
            transaction.updateVersion(changed);
            return changed;
        });
        Headers.Builder headers = Headers.builder();
        ObjectHeaders.versionId(headers, bucket, updated.versionId());
        return ServiceResponse.empty(200, headers.build());
    }

    /** The ACL of a Put*Acl request: from its headers or, without any, from its body (not both). */
    private AccessControlList requestedAcl(ServiceRequest request, BucketRecord bucket, String ownerAccountId)
    {
        byte[] body = RequestBodies.read(request);
        AclRequests requests = access.acls().requests();
        Optional<AccessControlList> fromHeaders = requests.fromHeaders(request.headers(), ownerAccountId, bucket.ownerAccountId());
        if (fromHeaders.isPresent() && body.length > 0) {
            throw UNEXPECTED_CONTENT.exception();
        }
        if (fromHeaders.isEmpty() && body.length == 0) {
            throw MISSING_SECURITY_HEADER.exception().with("MissingHeaderName", "x-amz-acl");
        }
        AccessControlList acl = fromHeaders.orElseGet(() -> requests.fromBody(xml, body, ownerAccountId));
        access.acls().checkNotBlocked(acl, bucket);
        return acl;
    }

    /** With ACLs disabled only owner-only ACLs are accepted (and change nothing); a body ACL is a grant list S3 refuses. */
    private ServiceResponse putAclWithAclsDisabled(ServiceRequest request, BucketRecord bucket)
    {
        ObjectOwnership.checkAclHeaders(request.headers(), bucket);
        if (request.header("x-amz-acl").isEmpty() && RequestBodies.read(request).length > 0) {
            throw SecurityErrors.ACL_NOT_SUPPORTED.exception();
        }
        return ServiceResponse.empty(200, Headers.empty());
    }
}
