package dev.tarn.s3.logging;

import dev.tarn.gateway.audit.Exchange;
import dev.tarn.gateway.http.UriCodec;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.Caller;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * One line of a server access log, with the fields AWS documents in their order. Absent values
 * print as {@code -}; quoted fields are quoted even then, as S3 writes them.
 *
 * @param requester the requester's ARN; empty for an unauthenticated request
 * @param operation {@code REST.GET.OBJECT} and the like
 * @param key the object key, URL-encoded as it was sent
 * @param requestUri method, path and query, and HTTP version: {@code GET /bucket/key?x HTTP/1.1}
 * @param signatureVersion SigV4 for a signed request
 * @param authenticationType AuthHeader or QueryString for a signed request
 * @param aclRequired "Yes" when an ACL was needed to authorize the request
 */
public record AccessLogRecord(String bucketOwner, String bucket, Instant time, String remoteIp, Optional<String> requester, String requestId,
        String operation, Optional<String> key, String requestUri, int httpStatus, Optional<String> errorCode, long bytesSent,
        OptionalLong objectSize, long totalTimeMillis, Optional<Long> turnAroundTimeMillis, Optional<String> referer, Optional<String> userAgent,
        Optional<String> versionId, String hostId, Optional<String> signatureVersion, Optional<String> cipherSuite,
        Optional<String> authenticationType, Optional<String> hostHeader, Optional<String> tlsVersion, Optional<String> accessPointArn,
        Optional<String> aclRequired)
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.US).withZone(ZoneOffset.UTC);
    private static final String ABSENT = "-";

    public AccessLogRecord
    {
        requireNonNull(bucketOwner, "bucketOwner is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(time, "time is null");
        requireNonNull(remoteIp, "remoteIp is null");
        requireNonNull(requester, "requester is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(key, "key is null");
        requireNonNull(requestUri, "requestUri is null");
        requireNonNull(errorCode, "errorCode is null");
        requireNonNull(objectSize, "objectSize is null");
        requireNonNull(turnAroundTimeMillis, "turnAroundTimeMillis is null");
        requireNonNull(referer, "referer is null");
        requireNonNull(userAgent, "userAgent is null");
        requireNonNull(versionId, "versionId is null");
        requireNonNull(hostId, "hostId is null");
        requireNonNull(signatureVersion, "signatureVersion is null");
        requireNonNull(cipherSuite, "cipherSuite is null");
        requireNonNull(authenticationType, "authenticationType is null");
        requireNonNull(hostHeader, "hostHeader is null");
        requireNonNull(tlsVersion, "tlsVersion is null");
        requireNonNull(accessPointArn, "accessPointArn is null");
        requireNonNull(aclRequired, "aclRequired is null");
    }

    /**
     * The record of one exchange with a bucket. Tarn speaks HTTP/1.1 without TLS, so cipher suite
     * and TLS version are absent; with ACLs disabled, no request needs one.
     */
    static AccessLogRecord of(Exchange exchange, LoggedRequest request, String bucketOwner)
    {
        Headers headers = exchange.headers();
        Optional<Caller> caller = exchange.caller().filter(value -> !value.isAnonymous());
        boolean signed = caller.isPresent();
        String uri = exchange.method() + " " + exchange.rawPath() + (exchange.rawQuery().isEmpty() ? "" : "?" + exchange.rawQuery()) + " HTTP/1.1";
        Optional<String> authentication = switch (exchange.signing()) {
            case AUTH_HEADER -> Optional.of("AuthHeader");
            case QUERY_STRING -> Optional.of("QueryString");
            case NONE -> Optional.empty();
        };
        Optional<String> versionId = Optional.ofNullable(UriCodec.parseQuery(exchange.rawQuery()).get("versionId"))
                .filter(values -> !values.isEmpty())
                .map(values -> values.get(0));
        return new AccessLogRecord(bucketOwner, request.bucket(), exchange.receivedAt(), exchange.remoteIp(), caller.map(Caller::arn),
                exchange.requestId(), LoggedOperations.of(exchange, request), request.rawKey(), uri, exchange.status(), exchange.errorCode(),
                exchange.bytesSent(), objectSize(exchange, request), exchange.totalTime().toMillis(), Optional.of(exchange.turnAroundTime().toMillis()),
                headers.first("referer"), headers.first("user-agent"), versionId, exchange.hostId(),
                signed ? Optional.of("SigV4") : Optional.empty(), Optional.empty(), signed ? authentication : Optional.empty(),
                headers.first("host"), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The size of the object read or written: what a PUT carried (without aws-chunked framing),
     * what a GET or HEAD answered (of the whole object for a range).
     */
    private static OptionalLong objectSize(Exchange exchange, LoggedRequest request)
    {
        if (request.rawKey().isEmpty() || exchange.status() >= 300 || exchange.errorCode().isPresent()) {
            return OptionalLong.empty();
        }
        Headers response = exchange.responseHeaders();
        Optional<String> range = response.first("content-range");
        if (range.isPresent()) {
            int slash = range.get().lastIndexOf('/');
            return slash < 0 ? OptionalLong.empty() : parse(range.get().substring(slash + 1));
        }
        return switch (exchange.method()) {
            case "GET" -> OptionalLong.of(exchange.bytesSent());
            case "HEAD" -> response.first("content-length").map(AccessLogRecord::parse).orElse(OptionalLong.empty());
            case "PUT" -> exchange.operation().filter(operation -> operation.equals("PutObject") || operation.equals("UploadPart")).isPresent()
                    ? exchange.headers().first("x-amz-decoded-content-length").map(AccessLogRecord::parse)
                            .orElseGet(() -> OptionalLong.of(exchange.bytesReceived()))
                    : OptionalLong.empty();
            default -> OptionalLong.empty();
        };
    }

    private static OptionalLong parse(String number)
    {
        try {
            return OptionalLong.of(Long.parseLong(number.strip()));
        }
        catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The line, without its newline. */
    public String format()
    {
        StringBuilder line = new StringBuilder(512);
        field(line, bucketOwner);
        field(line, bucket);
        // the bracketed time is the one bare field with a space in it
        separate(line);
        line.append(TIME.format(time));
        field(line, remoteIp);
        field(line, requester);
        field(line, requestId);
        field(line, operation);
        field(line, key);
        quoted(line, Optional.of(requestUri));
        field(line, Integer.toString(httpStatus));
        field(line, errorCode);
        field(line, bytesSent == 0 ? ABSENT : Long.toString(bytesSent));
        field(line, objectSize.isPresent() ? Long.toString(objectSize.getAsLong()) : ABSENT);
        field(line, Long.toString(totalTimeMillis));
        field(line, turnAroundTimeMillis.map(String::valueOf));
        quoted(line, referer);
        quoted(line, userAgent);
        field(line, versionId);
        field(line, hostId);
        field(line, signatureVersion);
        field(line, cipherSuite);
        field(line, authenticationType);
        field(line, hostHeader);
        field(line, tlsVersion);
        field(line, accessPointArn);
        field(line, aclRequired);
        return line.toString();
    }

    private static void field(StringBuilder line, Optional<String> value)
    {
        field(line, value.filter(text -> !text.isEmpty()).orElse(ABSENT));
    }

    /** A bare field cannot hold a space (or a line break): those would shift every field after it. */
    private static void field(StringBuilder line, String value)
    {
        separate(line);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            line.append(c <= ' ' ? '_' : c);
        }
    }

    /** A quoted field keeps its spaces; quotes and control characters in it are escaped. */
    private static void quoted(StringBuilder line, Optional<String> value)
    {
        separate(line);
        line.append('"');
        String text = value.filter(s -> !s.isEmpty()).orElse(ABSENT);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            }
            else if (c < ' ') {
                line.append(String.format("\\x%02X", (int) c));
            }
            else {
                line.append(c);
            }
        }
        line.append('"');
    }

    private static void separate(StringBuilder line)
    {
        if (!line.isEmpty()) {
            line.append(' ');
        }
    }
}
