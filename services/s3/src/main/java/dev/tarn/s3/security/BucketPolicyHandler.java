package dev.tarn.s3.security;

import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.bucket.RequestBodies;
import dev.tarn.s3.xml.PolicyStatus;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ResponseBody;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Put/Get/DeleteBucketPolicy and GetBucketPolicyStatus. A policy is validated as S3 validates
 * it, refused when BlockPublicPolicy applies and it is public, and stored as sent.
 */
public final class BucketPolicyHandler
{
    private final MetadataStore metadata;
    private final BucketAccess access;
    private final PublicAccessBlocks publicAccessBlocks;
    private final S3Xml xml;

    public BucketPolicyHandler(MetadataStore metadata, BucketAccess access, S3Xml xml)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.access = requireNonNull(access, "access is null");
        this.publicAccessBlocks = new PublicAccessBlocks(metadata);
        this.xml = requireNonNull(xml, "xml is null");
    }

    public ServiceResponse put(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketRecord bucket = access.bucketPolicyManagement(request, name, "s3:PutBucketPolicy");
        request.header("x-amz-confirm-remove-self-bucket-access").ifPresent(BucketPolicyHandler::checkConfirmation);
        String policy = new String(RequestBodies.read(request), StandardCharsets.UTF_8);
        BucketPolicyValidator.validate(policy, name);
        if (PublicPolicies.isPublic(policy) && publicAccessBlocks.effective(bucket).blockPublicPolicy()) {
            throw CommonErrors.ACCESS_DENIED.exception("User: " + request.context().caller().arn()
                    + " is not authorized to perform: s3:PutBucketPolicy on resource: \"arn:aws:s3:::" + name
                    + "\" because public policies are blocked by the BlockPublicPolicy block public access setting.");
        }
        BucketConfigurationStore.store(metadata, name, SecurityConfigurations.POLICY, Optional.of(policy));
        return ServiceResponse.empty(204, Headers.empty());
    }

    public ServiceResponse get(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketRecord bucket = access.bucketPolicyManagement(request, name, "s3:GetBucketPolicy");
        String policy = bucket.configuration(SecurityConfigurations.POLICY)
                .orElseThrow(() -> SecurityErrors.NO_SUCH_BUCKET_POLICY.exception().with("BucketName", name));
        return ServiceResponse.of(200, Headers.empty(), ResponseBody.bytes(policy.getBytes(StandardCharsets.UTF_8), "application/json"));
    }

    public ServiceResponse delete(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketRecord bucket = access.bucketPolicyManagement(request, name, "s3:DeleteBucketPolicy");
        if (bucket.configuration(SecurityConfigurations.POLICY).isEmpty()) {
            throw SecurityErrors.NO_SUCH_BUCKET_POLICY.exception().with("BucketName", name);
        }
        BucketConfigurationStore.store(metadata, name, SecurityConfigurations.POLICY, Optional.empty());
        return ServiceResponse.empty(204, Headers.empty());
    }

    public ServiceResponse status(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketRecord bucket = access.bucket(request, name, "s3:GetBucketPolicyStatus");
        String policy = bucket.configuration(SecurityConfigurations.POLICY)
                .orElseThrow(() -> SecurityErrors.NO_SUCH_BUCKET_POLICY.exception().with("BucketName", name));
        return xml.ok(new PolicyStatus(PublicPolicies.isPublic(policy)));
    }

    /** The header only acknowledges that the policy may lock the caller out; it must be a boolean. */
    private static void checkConfirmation(String value)
    {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw CommonErrors.INVALID_ARGUMENT.exception("Invalid value for x-amz-confirm-remove-self-bucket-access")
                    .with("ArgumentName", "x-amz-confirm-remove-self-bucket-access")
                    .with("ArgumentValue", value);
        }
    }
}
