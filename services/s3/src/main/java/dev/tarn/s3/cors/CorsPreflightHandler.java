package dev.tarn.s3.cors;

import dev.tarn.s3.S3Errors;
import dev.tarn.s3.S3Location;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A browser's preflight (OPTIONS on a bucket or object URL), answered from the bucket's CORS
 * rules. Browsers never sign preflights and S3 authorizes nothing here: the rules are the whole
 * decision.
 */
public final class CorsPreflightHandler
{
    private final MetadataStore metadata;
    private final CorsConfigurations configurations;

    public CorsPreflightHandler(MetadataStore metadata, CorsConfigurations configurations)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.configurations = requireNonNull(configurations, "configurations is null");
    }

    public ServiceResponse handle(ServiceRequest request)
    {
        S3Location location = S3Location.of(request);
        String resourceType = location.isObject() ? "OBJECT" : "BUCKET";
        String origin = request.header("Origin")
                .orElseThrow(() -> CorsErrors.BAD_REQUEST.exception("Insufficient information. Origin request header needed."));
        Optional<String> requestedMethod = request.header("Access-Control-Request-Method");
        String method = requestedMethod.filter(CorsRule.METHODS::contains)
                .orElseThrow(() -> CorsErrors.BAD_REQUEST.exception("Invalid Access-Control-Request-Method: " + requestedMethod.orElse("null")));
        List<String> requestHeaders = requestHeaders(request);
        String bucketName = location.requireBucket();
        BucketRecord bucket = metadata.read(reader -> reader.bucket(bucketName))
                .orElseThrow(() -> S3Errors.NO_SUCH_BUCKET.exception().with("BucketName", bucketName));
        CorsConfiguration configuration = configurations.of(bucket)
                .orElseThrow(() -> CorsErrors.ACCESS_FORBIDDEN.exception(CorsErrors.CORS_NOT_ENABLED)
                        .with("Method", method)
                        .with("ResourceType", resourceType));
        CorsMatch match = configuration.match(origin, method, requestHeaders)
                .orElseThrow(() -> CorsErrors.ACCESS_FORBIDDEN.exception()
                        .with("Method", method)
                        .with("ResourceType", resourceType));
        Headers.Builder headers = Headers.builder();
        match.addPreflightTo(headers, requestHeaders);
        return ServiceResponse.empty(200, headers.build());
    }

    /** Access-Control-Request-Headers: a comma-separated list, possibly sent as several headers. */
    private static List<String> requestHeaders(ServiceRequest request)
    {
        return request.headers().all("Access-Control-Request-Headers").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
    }
}
