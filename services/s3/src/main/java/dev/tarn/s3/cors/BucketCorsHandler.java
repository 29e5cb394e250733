package dev.tarn.s3.cors;

import dev.tarn.s3.BucketAccess;
import dev.tarn.s3.S3Location;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.bucket.RequestBodies;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.BucketRecord;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Put/Get/DeleteBucketCors, authorized as S3 does: s3:PutBucketCORS (also for Delete) and s3:GetBucketCORS. */
public final class BucketCorsHandler
{
    private final CorsConfigurations configurations;
    private final BucketAccess access;
    private final S3Xml xml;

    public BucketCorsHandler(CorsConfigurations configurations, BucketAccess access, S3Xml xml)
    {
        this.configurations = requireNonNull(configurations, "configurations is null");
        this.access = requireNonNull(access, "access is null");
        this.xml = requireNonNull(xml, "xml is null");
    }

    public ServiceResponse put(ServiceRequest request)
    {
        String bucket = S3Location.of(request).requireBucket();
        access.bucket(request, bucket, "s3:PutBucketCORS");
        CorsConfiguration configuration = CorsConfiguration.validated(xml.read(RequestBodies.read(request), CorsDocument.class));
        configurations.store(bucket, Optional.of(configuration));
        return ServiceResponse.empty(200, Headers.empty());
    }

    public ServiceResponse get(ServiceRequest request)
    {
        String bucket = S3Location.of(request).requireBucket();
        BucketRecord record = access.bucket(request, bucket, "s3:GetBucketCORS");
        CorsConfiguration configuration = configurations.of(record)
                .orElseThrow(() -> CorsErrors.NO_SUCH_CORS_CONFIGURATION.exception().with("BucketName", bucket));
        return xml.ok(configuration.toDocument());
    }

    public ServiceResponse delete(ServiceRequest request)
    {
        String bucket = S3Location.of(request).requireBucket();
        access.bucket(request, bucket, "s3:PutBucketCORS");
        configurations.store(bucket, Optional.empty());
        return ServiceResponse.empty(204, Headers.empty());
    }
}
