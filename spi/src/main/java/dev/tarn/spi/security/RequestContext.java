package dev.tarn.spi.security;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * Facts about one request that services and the policy engine need, none of them HTTP.
 *
 * @param requestId the id sent back as x-amz-request-id
 * @param caller the authenticated principal
 * @param region the region the request was signed for
 * @param sourceIp the client's address (aws:SourceIp)
 * @param secureTransport whether the request came over TLS (aws:SecureTransport)
 * @param receivedAt when the request arrived (aws:CurrentTime)
 */
public record RequestContext(String requestId, Caller caller, String region, String sourceIp, boolean secureTransport, Instant receivedAt)
{
    public RequestContext
    {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(caller, "caller is null");
        requireNonNull(region, "region is null");
        requireNonNull(sourceIp, "sourceIp is null");
        requireNonNull(receivedAt, "receivedAt is null");
    }
}
