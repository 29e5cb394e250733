package dev.tarn.gateway.audit;

import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.Caller;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One request and its answer as the gateway saw them, handed to every {@link RequestObserver}
 * once the response is sent.
 *
 * @param hostId the id sent back as x-amz-id-2
 * @param receivedAt when the request arrived
 * @param rawPath the path as sent (percent-encoded)
 * @param rawQuery the query string as sent, without '?'
 * @param virtualHostBucket the bucket named by a virtual-hosted Host header
 * @param caller who made the request (the anonymous caller for an unsigned one); empty when
 *        authentication failed
 * @param service the signing name of the service that handled (or refused) the request, when known
 * @param operation the AWS operation name, when it could be told
 * @param errorCode the AWS error code of an error answer
 * @param responseHeaders the headers of the answer as the service gave them
 * @param bytesReceived the request body bytes read
 * @param bytesSent the response body bytes written
 * @param turnAroundTime from arrival until the response started
 * @param totalTime from arrival until the response was written
 */
public record Exchange(String requestId, String hostId, Instant receivedAt, String remoteIp, boolean secure, String method, String rawPath,
        String rawQuery, Headers headers, Optional<String> virtualHostBucket, Optional<Caller> caller, Optional<String> service,
        Optional<String> operation, int status, Optional<String> errorCode, Headers responseHeaders, long bytesReceived, long bytesSent, Duration turnAroundTime,
        Duration totalTime)
{
    public Exchange
    {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(hostId, "hostId is null");
        requireNonNull(receivedAt, "receivedAt is null");
        requireNonNull(remoteIp, "remoteIp is null");
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(rawQuery, "rawQuery is null");
        requireNonNull(headers, "headers is null");
        requireNonNull(virtualHostBucket, "virtualHostBucket is null");
        requireNonNull(caller, "caller is null");
        requireNonNull(service, "service is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(errorCode, "errorCode is null");
        requireNonNull(responseHeaders, "responseHeaders is null");
        requireNonNull(turnAroundTime, "turnAroundTime is null");
        requireNonNull(totalTime, "totalTime is null");
    }

    /** How the request was signed: a SigV4 Authorization header, a presigned URL, or not at all. */
    public enum Signing
    {
        AUTH_HEADER, QUERY_STRING, NONE
    }

    public Signing signing()
    {
        if (headers.first("authorization").isPresent()) {
            return Signing.AUTH_HEADER;
        }
        return rawQuery.contains("X-Amz-Credential=") || rawQuery.contains("X-Amz-Signature=") ? Signing.QUERY_STRING : Signing.NONE;
    }

    /**
     * The access key that signed the request, or that it claimed to be signed with when
     * authentication failed (so a refused key shows in the audit trail).
     */
    public Optional<String> accessKeyId()
    {
        Optional<String> verified = caller.flatMap(Caller::accessKeyId);
        return verified.isPresent() ? verified : ClaimedAccessKey.of(headers, rawQuery);
    }
}
