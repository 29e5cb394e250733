package dev.tarn.s3.security;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.bucket.RequestBodies;
import dev.tarn.s3.object.ObjectLookup;
import dev.tarn.s3.xml.AccessControlPolicy;
import dev.tarn.s3.xml.OwnershipControls;
import dev.tarn.s3.xml.Owner;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.ObjectVersion;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Put/Get/DeleteBucketOwnershipControls, and the ACL operations as S3 answers them with ACLs
 * disabled: Get*Acl show the bucket owner with FULL_CONTROL, Put*Acl accept only an ACL that
 * grants nothing more.
 */
public final class OwnershipHandler
{
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
        return xml.ok(ownerOnly(bucket.ownerAccountId()));
    }

    public ServiceResponse getObjectAcl(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String name = location.requireBucket();
        String key = location.requireKey();
        Optional<String> versionId = request.queryParameter("versionId");
        access.object(request, name, key, versionId.isPresent() ? "s3:GetObjectVersionAcl" : "s3:GetObjectAcl");
        ObjectVersion version = lookup.find(name, key, versionId);
        if (version.deleteMarker()) {
            throw versionId.isPresent() ? S3Errors.METHOD_NOT_ALLOWED.exception() : ObjectLookup.noSuchKey(key);
        }
        return xml.ok(ownerOnly(version.ownerAccountId()));
    }

    public ServiceResponse putBucketAcl(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketRecord bucket = access.bucket(request, name, "s3:PutBucketAcl");
        return putAcl(request, bucket);
    }

    public ServiceResponse putObjectAcl(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String name = location.requireBucket();
        String key = location.requireKey();
        BucketRecord bucket = access.object(request, name, key, request.queryParameter("versionId").isPresent() ? "s3:PutObjectVersionAcl" : "s3:PutObjectAcl");
        lookup.find(name, key, request.queryParameter("versionId"));
        return putAcl(request, bucket);
    }

    /** With ACLs disabled only owner-only ACLs are accepted (and change nothing); a body ACL is a grant list S3 refuses. */
    private ServiceResponse putAcl(ServiceRequest request, BucketRecord bucket)
    {
        if (!ObjectOwnership.aclsDisabled(bucket)) {
            throw CommonErrors.NOT_IMPLEMENTED.exception("Access control lists are not kept; use bucket policies (ObjectOwnership BucketOwnerEnforced).");
        }
        ObjectOwnership.checkAclHeaders(request.headers(), bucket);
        if (request.header("x-amz-acl").isEmpty() && RequestBodies.read(request).length > 0) {
            throw SecurityErrors.ACL_NOT_SUPPORTED.exception();
        }
        return ServiceResponse.empty(200, Headers.empty());
    }

    private static AccessControlPolicy ownerOnly(String accountId)
    {
        Owner owner = Owner.of(accountId);
        return new AccessControlPolicy(owner, List.of(new AccessControlPolicy.Grant(
                new AccessControlPolicy.Grantee("CanonicalUser", owner.id(), owner.displayName()), "FULL_CONTROL")));
    }
}
