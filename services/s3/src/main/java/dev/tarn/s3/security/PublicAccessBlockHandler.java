package dev.tarn.s3.security;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.bucket.RequestBodies;
import dev.tarn.s3.xml.PublicAccessBlockConfiguration;
import dev.tarn.s3.xml.PublicAccessBlockControlConfiguration;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Put/Get/DeletePublicAccessBlock, on a bucket (S3) and on an account (S3 Control's
 * {@code /v20180820/configuration/publicAccessBlock}, for the account in x-amz-account-id, which
 * must be the caller's own).
 */
public final class PublicAccessBlockHandler
{
    private final MetadataStore metadata;
    private final BucketAccess access;
    private final PublicAccessBlocks blocks;
    private final S3Xml xml;

    public PublicAccessBlockHandler(MetadataStore metadata, BucketAccess access, S3Xml xml)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.access = requireNonNull(access, "access is null");
        this.blocks = new PublicAccessBlocks(metadata);
        this.xml = requireNonNull(xml, "xml is null");
    }

    public ServiceResponse putBucket(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        access.bucket(request, name, "s3:PutBucketPublicAccessBlock");
        PublicAccessBlock block = read(request);
        BucketConfigurationStore.store(metadata, name, SecurityConfigurations.PUBLIC_ACCESS_BLOCK, Optional.of(block.encode()));
        return ServiceResponse.empty(200, Headers.empty());
    }

    public ServiceResponse getBucket(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketRecord bucket = access.bucket(request, name, "s3:GetBucketPublicAccessBlock");
        PublicAccessBlock block = PublicAccessBlocks.ofBucket(bucket)
                .orElseThrow(() -> SecurityErrors.NO_SUCH_PUBLIC_ACCESS_BLOCK.exception().with("BucketName", name));
        return xml.ok(new PublicAccessBlockConfiguration(Optional.of(block.blockPublicAcls()), Optional.of(block.ignorePublicAcls()),
                Optional.of(block.blockPublicPolicy()), Optional.of(block.restrictPublicBuckets())));
    }

    /** AWS authorizes DeletePublicAccessBlock with s3:PutBucketPublicAccessBlock. */
    public ServiceResponse deleteBucket(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        access.bucket(request, name, "s3:PutBucketPublicAccessBlock");
        BucketConfigurationStore.store(metadata, name, SecurityConfigurations.PUBLIC_ACCESS_BLOCK, Optional.empty());
        return ServiceResponse.empty(204, Headers.empty());
    }

    public ServiceResponse putAccount(ServiceRequest request)
    {
        String account = account(request, "s3:PutAccountPublicAccessBlock");
        blocks.putAccount(account, read(request));
        return ServiceResponse.empty(200, Headers.empty());
    }

    public ServiceResponse getAccount(ServiceRequest request)
    {
        String account = account(request, "s3:GetAccountPublicAccessBlock");
        PublicAccessBlock block = blocks.ofAccount(account).orElseThrow(SecurityErrors.NO_SUCH_PUBLIC_ACCESS_BLOCK::exception);
        return xml.ok(new PublicAccessBlockControlConfiguration(block.blockPublicAcls(), block.ignorePublicAcls(), block.blockPublicPolicy(),
                block.restrictPublicBuckets()));
    }

    /** AWS authorizes the account's DeletePublicAccessBlock with s3:PutAccountPublicAccessBlock. */
    public ServiceResponse deleteAccount(ServiceRequest request)
    {
        String account = account(request, "s3:PutAccountPublicAccessBlock");
        blocks.deleteAccount(account);
        return ServiceResponse.empty(204, Headers.empty());
    }

    private String account(ServiceRequest request, String action)
    {
        String account = request.header("x-amz-account-id")
                .orElseThrow(() -> CommonErrors.INVALID_REQUEST.exception("Missing required header for this request: x-amz-account-id"));
        access.authorize(request, action, "*");
        if (!account.equals(request.context().caller().accountId())) {
            throw CommonErrors.ACCESS_DENIED.exception("User: " + request.context().caller().arn() + " is not authorized to perform: " + action
                    + " on account " + account);
        }
        return account;
    }

    private PublicAccessBlock read(ServiceRequest request)
    {
        PublicAccessBlockConfiguration configuration = xml.read(RequestBodies.read(request), PublicAccessBlockConfiguration.class);
        return new PublicAccessBlock(configuration.blockPublicAcls().orElse(false), configuration.ignorePublicAcls().orElse(false),
                configuration.blockPublicPolicy().orElse(false), configuration.restrictPublicBuckets().orElse(false));
    }
}
