package dev.tarn.s3.security;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.bucket.RequestBodies;
import dev.tarn.s3.xml.ServerSideEncryptionConfiguration;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Put/Get/DeleteBucketEncryption. Every bucket encrypts: without a configuration (or after
 * Delete) it is SSE-S3, which Get answers, as S3 does for every bucket now.
 */
public final class BucketEncryptionHandler
{
    private final MetadataStore metadata;
    private final BucketAccess access;
    private final S3Xml xml;

    public BucketEncryptionHandler(MetadataStore metadata, BucketAccess access, S3Xml xml)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.access = requireNonNull(access, "access is null");
        this.xml = requireNonNull(xml, "xml is null");
    }

    public ServiceResponse put(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        access.bucket(request, name, "s3:PutEncryptionConfiguration");
        ServerSideEncryptionConfiguration configuration = xml.read(RequestBodies.read(request), ServerSideEncryptionConfiguration.class);
        if (configuration.rules().size() != 1 || configuration.rules().get(0).applyServerSideEncryptionByDefault() == null
                || configuration.rules().get(0).applyServerSideEncryptionByDefault().sseAlgorithm() == null) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        ServerSideEncryptionConfiguration.Rule rule = configuration.rules().get(0);
        String algorithm = rule.applyServerSideEncryptionByDefault().sseAlgorithm();
        Optional<String> keyId = rule.applyServerSideEncryptionByDefault().kmsMasterKeyId();
        if (!algorithm.equals(ObjectEncryption.SSE_S3) && !algorithm.equals(ObjectEncryption.SSE_KMS)) {
            throw S3Errors.MALFORMED_XML.exception();
        }
        if (algorithm.equals(ObjectEncryption.SSE_S3) && keyId.isPresent()) {
            throw CommonErrors.INVALID_ARGUMENT.exception("a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse")
                    .with("ArgumentName", "ApplyServerSideEncryptionByDefault");
        }
        DefaultEncryption defaults = new DefaultEncryption(algorithm, keyId, rule.bucketKeyEnabled().orElse(false));
        BucketConfigurationStore.store(metadata, name, SecurityConfigurations.ENCRYPTION, Optional.of(defaults.encode()));
        return ServiceResponse.empty(200, Headers.empty());
    }

    public ServiceResponse get(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        BucketRecord bucket = access.bucket(request, name, "s3:GetEncryptionConfiguration");
        DefaultEncryption defaults = DefaultEncryption.of(bucket);
        return xml.ok(new ServerSideEncryptionConfiguration(List.of(new ServerSideEncryptionConfiguration.Rule(
                new ServerSideEncryptionConfiguration.ByDefault(defaults.algorithm(), defaults.kmsKeyId()), Optional.of(defaults.bucketKeyEnabled())))));
    }

    /** AWS authorizes DeleteBucketEncryption with s3:PutEncryptionConfiguration; the bucket goes back to SSE-S3. */
    public ServiceResponse delete(ServiceRequest request)
    {
        String name = S3Location.of(request).requireBucket();
        access.bucket(request, name, "s3:PutEncryptionConfiguration");
        BucketConfigurationStore.store(metadata, name, SecurityConfigurations.ENCRYPTION, Optional.empty());
        return ServiceResponse.empty(204, Headers.empty());
    }
}
