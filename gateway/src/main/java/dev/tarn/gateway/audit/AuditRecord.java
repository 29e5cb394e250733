package dev.tarn.gateway.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tarn.gateway.http.UriCodec;
import dev.tarn.spi.security.Caller;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One line of the audit log: who did what to which resource, and how it ended. Keys are always
 * present (null when unknown), so every line has the same shape.
 *
 * @param principal the caller's ARN; {@code anonymous} for an unsigned request or one whose
 *        signature did not check out ({@code authenticated} tells them apart)
 * @param accessKeyId the access key that signed the request, or that a refused request claimed
 * @param resource for S3, {@code bucket} or {@code bucket/key}; for other services the request path
 */
@JsonPropertyOrder({"time", "requestId", "sourceIp", "principal", "authenticated", "accessKeyId", "service", "operation", "method", "resource",
        "status", "errorCode", "bytesIn", "bytesOut", "durationMs"})
public record AuditRecord(Instant time, String requestId, String sourceIp, String principal, boolean authenticated, Optional<String> accessKeyId,
        Optional<String> service, Optional<String> operation, String method, String resource, int status, Optional<String> errorCode,
        long bytesIn, long bytesOut, long durationMs)
{
    public AuditRecord
    {
        requireNonNull(time, "time is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(sourceIp, "sourceIp is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(service, "service is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(method, "method is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(errorCode, "errorCode is null");
    }

    public static AuditRecord of(Exchange exchange)
    {
        boolean authenticated = exchange.caller().filter(caller -> !caller.isAnonymous()).isPresent();
        return new AuditRecord(exchange.receivedAt(), exchange.requestId(), exchange.remoteIp(),
                exchange.caller().map(Caller::arn).orElse(Caller.ANONYMOUS_ARN), authenticated, exchange.accessKeyId(),
                exchange.service(), exchange.operation(), exchange.method(), resource(exchange), exchange.status(), exchange.errorCode(),
                exchange.bytesReceived(), exchange.bytesSent(), exchange.totalTime().toMillis());
    }

    /** S3 names its resources by bucket and key, in the Host header or the path; other services by path. */
    private static String resource(Exchange exchange)
    {
        boolean s3 = exchange.service().map("s3"::equals).orElse(true);
        if (!s3) {
            return exchange.rawPath();
        }
        String path = UriCodec.decode(exchange.rawPath().startsWith("/") ? exchange.rawPath().substring(1) : exchange.rawPath(), false);
        return exchange.virtualHostBucket()
                .map(bucket -> path.isEmpty() ? bucket : bucket + "/" + path)
                .orElse(path);
    }
}
