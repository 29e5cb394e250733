package dev.tarn.gateway.auth;

import dev.tarn.gateway.auth.SigV4.QueryParameter;
import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.CredentialResolver;
import dev.tarn.spi.security.SigningCredential;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * AWS Signature Version 4, as S3, STS, IAM and the other services check it: the Authorization
 * header or a presigned URL's query parameters, and every x-amz-content-sha256 payload mode
 * (a hex digest, UNSIGNED-PAYLOAD, the signed and unsigned aws-chunked streams with or without
 * trailers, or none at all, when the body's own hash is signed).
 * <p>
 * Payload checks happen while the service reads {@link Authentication#payload()}: a service
 * must read it to its end (or to its declared length) before it treats the body as accepted.
 */
public final class SigV4Authenticator
        implements RequestAuthenticator
{
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    /** The largest body read into memory to hash it, when no x-amz-content-sha256 says how it was signed. */
    public static final int MAX_BUFFERED_PAYLOAD = 16 * 1024 * 1024;
    static final long MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final String STREAMING_SIGNED_VALUE = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    static final String STREAMING_SIGNED_TRAILER_VALUE = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    static final String STREAMING_UNSIGNED_TRAILER_VALUE = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    private static final String X_AMZ_ALGORITHM = "X-Amz-Algorithm";
    private static final String X_AMZ_CREDENTIAL = "X-Amz-Credential";
    private static final String X_AMZ_DATE = "X-Amz-Date";
    private static final String X_AMZ_EXPIRES = "X-Amz-Expires";
    private static final String X_AMZ_SIGNED_HEADERS = "X-Amz-SignedHeaders";
    private static final String X_AMZ_SIGNATURE = "X-Amz-Signature";
    private static final String X_AMZ_SECURITY_TOKEN = "X-Amz-Security-Token";
    private static final Set<String> QUERY_AUTH_PARAMETERS = Set.of(X_AMZ_ALGORITHM, X_AMZ_CREDENTIAL, X_AMZ_SIGNATURE);
    /** Signing names whose requests are signed the S3 way: the path as sent, not encoded again nor normalized. */
    private static final Set<String> S3_SIGNING_NAMES = Set.of("s3", "s3-object-lambda", "s3-outposts", "s3express");
    private static final String MALFORMED_CREDENTIAL = "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";
    private static final int SIGNING_KEY_CACHE_SIZE = 1024;

    private final CredentialResolver credentials;
    private final Clock clock;
    private final Duration maxClockSkew;
    private final Map<SigningKeyId, byte[]> signingKeys = new ConcurrentHashMap<>();

    public SigV4Authenticator(CredentialResolver credentials, Clock clock)
    {
        this(credentials, clock, DEFAULT_MAX_CLOCK_SKEW);
    }

    public SigV4Authenticator(CredentialResolver credentials, Clock clock, Duration maxClockSkew)
    {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.maxClockSkew = requireNonNull(maxClockSkew, "maxClockSkew is null");
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("maxClockSkew is negative");
        }
    }

    @Override
    public Authentication authenticate(IncomingRequest request)
    {
        Headers headers = request.headers();
        List<QueryParameter> query = SigV4.parseQuery(request.rawQuery());
        Optional<String> authorization = headers.first("authorization");
        boolean queryAuth = query.stream().anyMatch(parameter -> QUERY_AUTH_PARAMETERS.contains(parameter.name()));

        if (authorization.isPresent() && queryAuth) {
            throw CommonErrors.INVALID_ARGUMENT.exception("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                            + "Signature query string parameter or the Authorization header should be specified")
                    .with("ArgumentName", "Authorization")
                    .with("ArgumentValue", authorization.get());
        }
        PayloadMode mode = PayloadMode.of(headers.first("x-amz-content-sha256"));
        if (authorization.isEmpty() && !queryAuth) {
            if (first(query, "AWSAccessKeyId").isPresent() && first(query, "Signature").isPresent()) {
                throw unsupportedMechanism();
            }
            return anonymous(request, mode);
        }

        Signed signed = authorization.isPresent()
                ? fromAuthorizationHeader(authorization.get(), headers)
                : fromQuery(query, headers);

        SigningCredential credential = credentials.resolve(signed.accessKeyId())
                .filter(SigningCredential::active)
                .orElseThrow(() -> CommonErrors.INVALID_ACCESS_KEY_ID.exception().with("AWSAccessKeyId", signed.accessKeyId()));
        Instant now = clock.instant();
        checkToken(credential, signed.securityToken(), now);
        checkTime(signed, now);

        boolean s3 = S3_SIGNING_NAMES.contains(signed.service());
        byte[] bufferedBody = null;
        List<String> payloadHashes;
        if (mode == PayloadMode.ABSENT && !signed.presigned()) {
            bufferedBody = readBody(request);
            payloadHashes = List.of(SigV4.hex(SigV4.sha256(bufferedBody)));
        }
        else if (mode == PayloadMode.ABSENT) {
            boolean noBody = request.contentLength().orElse(0) == 0;
            payloadHashes = !s3 && noBody ? List.of(UNSIGNED_PAYLOAD, SigV4.EMPTY_SHA256) : List.of(UNSIGNED_PAYLOAD);
        }
        else {
            payloadHashes = List.of(headers.first("x-amz-content-sha256").orElseThrow().trim());
        }

        byte[] signingKey = signingKey(credential.secretAccessKey(), signed.date(), signed.region(), signed.service());
        String canonicalUri = SigV4.canonicalUri(request.rawPath(), s3);
        String canonicalQuery = SigV4.canonicalQuery(query, signed.presigned() ? X_AMZ_SIGNATURE::equals : name -> false);
        String payloadHash = verifySignature(request, signed, signingKey, canonicalUri, canonicalQuery, payloadHashes);

        if (mode == PayloadMode.ABSENT && bufferedBody != null) {
            return authenticated(credential, signed, new ByteArrayInputStream(bufferedBody), OptionalLong.of(bufferedBody.length), Headers::empty);
        }
        if (mode == PayloadMode.ABSENT && payloadHash.equals(SigV4.EMPTY_SHA256)) {
            mode = PayloadMode.DIGEST;
        }
        ChunkSignatureVerifier verifier = mode.signedChunks()
                ? new ChunkSignatureVerifier(signingKey, signed.amzDate(), signed.scope(), signed.signature())
                : null;
        Payload payload = payload(request, mode, payloadHash, verifier);
        return authenticated(credential, signed, payload.stream(), payload.decodedLength(), payload.trailers());
    }

    // ---- anonymous requests

    private Authentication anonymous(IncomingRequest request, PayloadMode mode)
    {
        if (mode.signedChunks()) {
            throw CommonErrors.INVALID_REQUEST.exception("A request without a signature cannot send a signed aws-chunked payload.");
        }
        String digest = mode == PayloadMode.DIGEST ? request.headers().first("x-amz-content-sha256").orElseThrow().trim() : null;
        Payload payload = payload(request, mode == PayloadMode.ABSENT ? PayloadMode.UNSIGNED : mode, digest, null);
        return new Authentication(Optional.empty(), Optional.empty(), Optional.empty(), payload.stream(), payload.decodedLength(), payload.trailers());
    }

    private static Authentication authenticated(SigningCredential credential, Signed signed, InputStream payload, OptionalLong decodedLength,
            Supplier<Headers> trailers)
    {
        return new Authentication(Optional.of(credential), Optional.of(signed.service()), Optional.of(signed.region()), payload, decodedLength, trailers);
    }

    // ---- the Authorization header

    private static Signed fromAuthorizationHeader(String authorization, Headers headers)
    {
        AwsErrorCode malformed = CommonErrors.AUTHORIZATION_HEADER_MALFORMED;
        String value = authorization.trim();
        int space = indexOfWhitespace(value);
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.equals(SigV4.ALGORITHM)) {
            if (scheme.equals("AWS") || scheme.startsWith("AWS4-")) {
                throw unsupportedMechanism();
            }
            throw CommonErrors.INVALID_ARGUMENT.exception("Unsupported Authorization Type")
                    .with("ArgumentName", "Authorization")
                    .with("ArgumentValue", authorization);
        }

        String credentialValue = null;
        String signedHeaders = null;
        String signature = null;
        String rest = space < 0 ? "" : value.substring(space + 1);
        for (String component : rest.split(",")) {
            String part = component.trim();
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw malformed(malformed, "the authorization component \"" + part + "\" is malformed.");
            }
            String name = part.substring(0, equals).trim();
            String componentValue = part.substring(equals + 1).trim();
            switch (name) {
                case "Credential" -> credentialValue = once(malformed, name, credentialValue, componentValue);
                case "SignedHeaders" -> signedHeaders = once(malformed, name, signedHeaders, componentValue);
                case "Signature" -> signature = once(malformed, name, signature, componentValue);
                default -> throw malformed(malformed, "the authorization component \"" + part + "\" is malformed.");
            }
        }
        if (credentialValue == null || signedHeaders == null || signature == null) {
            throw malformed(malformed, "the authorization header requires three components: Credential, SignedHeaders, and Signature.");
        }

        String amzDate;
        Instant requestTime;
        Optional<String> xAmzDate = headers.first("x-amz-date").map(String::trim);
        if (xAmzDate.isPresent()) {
            requestTime = SigV4.parseBasicDateTime(xAmzDate.get()).orElseThrow(SigV4Authenticator::invalidDate);
            amzDate = xAmzDate.get();
        }
        else {
            String date = headers.first("date").map(String::trim).orElseThrow(SigV4Authenticator::invalidDate);
            try {
                requestTime = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            }
            catch (DateTimeParseException e) {
                throw invalidDate();
            }
            amzDate = SigV4.formatBasicDateTime(requestTime);
        }

        Credential credential = Credential.parse(credentialValue, malformed);
        List<String> signedHeaderNames = parseSignedHeaders(signedHeaders, malformed);
        checkCredentialDate(credential, requestTime, malformed);
        return new Signed(credential, signedHeaders, signedHeaderNames, signature, requestTime, amzDate, false, 0,
                headers.first("x-amz-security-token").map(String::trim));
    }

    // ---- presigned URLs

    private static Signed fromQuery(List<QueryParameter> query, Headers headers)
    {
        AwsErrorCode malformed = CommonErrors.AUTHORIZATION_QUERY_PARAMETERS_ERROR;
        Optional<String> algorithm = first(query, X_AMZ_ALGORITHM);
        Optional<String> credentialValue = first(query, X_AMZ_CREDENTIAL);
        Optional<String> signature = first(query, X_AMZ_SIGNATURE);
        Optional<String> date = first(query, X_AMZ_DATE);
        Optional<String> signedHeaders = first(query, X_AMZ_SIGNED_HEADERS);
        Optional<String> expires = first(query, X_AMZ_EXPIRES);
        if (algorithm.isEmpty() || credentialValue.isEmpty() || signature.isEmpty() || date.isEmpty() || signedHeaders.isEmpty() || expires.isEmpty()) {
            throw malformed.exception("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, "
                    + "X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        if (!algorithm.get().equals(SigV4.ALGORITHM)) {
            throw malformed.exception("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        Instant requestTime = SigV4.parseBasicDateTime(date.get())
                .orElseThrow(() -> malformed.exception("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\""));
        long expiresSeconds = parseExpires(expires.get(), malformed);

        Credential credential = Credential.parse(credentialValue.get(), malformed);
        List<String> signedHeaderNames = parseSignedHeaders(signedHeaders.get(), malformed);
        checkCredentialDate(credential, requestTime, malformed);

        // As S3 does, refuse x-amz-* headers the URL's signature does not cover: whoever holds a
        // presigned URL must not be able to add, say, x-amz-copy-source or x-amz-acl to it.
        Set<String> signedSet = Set.copyOf(signedHeaderNames);
        List<String> unsigned = new ArrayList<>();
        for (String name : headers.asMap().keySet()) {
            if (name.startsWith("x-amz-") && !signedSet.contains(name) && !name.equals("x-amz-content-sha256")) {
                unsigned.add(name);
            }
        }
        if (!unsigned.isEmpty()) {
            throw CommonErrors.ACCESS_DENIED.exception("There were headers present in the request which were not signed")
                    .with("HeadersNotSigned", String.join(", ", unsigned));
        }
        return new Signed(credential, signedHeaders.get(), signedHeaderNames, signature.get(), requestTime, date.get(), true, expiresSeconds,
                first(query, X_AMZ_SECURITY_TOKEN));
    }

    private static long parseExpires(String value, AwsErrorCode malformed)
    {
        long seconds;
        try {
            seconds = Long.parseLong(value);
        }
        catch (NumberFormatException e) {
            throw malformed.exception("X-Amz-Expires should be a number");
        }
        if (seconds < 1) {
            throw malformed.exception("X-Amz-Expires must be non-negative");
        }
        if (seconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
            throw malformed.exception("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        return seconds;
    }

    // ---- shared parsing

    private static List<String> parseSignedHeaders(String signedHeaders, AwsErrorCode malformed)
    {
        List<String> names = new ArrayList<>();
        for (String name : signedHeaders.split(";", -1)) {
            if (name.isEmpty()) {
                throw malformed(malformed, "the SignedHeaders are malformed.");
            }
            names.add(name.toLowerCase(Locale.ROOT));
        }
        if (!names.contains("host")) {
            throw malformed(malformed, "the host header must be signed.");
        }
        return names;
    }

    private static void checkCredentialDate(Credential credential, Instant requestTime, AwsErrorCode malformed)
    {
        if (!credential.date().equals(SigV4.formatBasicDate(requestTime))) {
            throw malformed.exception("Invalid credential date. Date is not the same as X-Amz-Date.");
        }
    }

    private static String once(AwsErrorCode malformed, String name, String previous, String value)
    {
        if (previous != null) {
            throw malformed(malformed, "the authorization component " + name + " is repeated.");
        }
        return value;
    }

    private static AwsException malformed(AwsErrorCode code, String detail)
    {
        String prefix = code == CommonErrors.AUTHORIZATION_HEADER_MALFORMED
                ? "The authorization header is malformed; "
                : "Error parsing the X-Amz-Credential parameter; ";
        return code.exception(prefix + detail);
    }

    private static AwsException invalidDate()
    {
        return CommonErrors.ACCESS_DENIED.exception("AWS authentication requires a valid Date or x-amz-date header");
    }

    private static AwsException unsupportedMechanism()
    {
        return CommonErrors.INVALID_REQUEST.exception("The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
    }

    private static int indexOfWhitespace(String value)
    {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> first(List<QueryParameter> query, String name)
    {
        for (QueryParameter parameter : query) {
            if (parameter.name().equals(name)) {
                return Optional.of(parameter.value());
            }
        }
        return Optional.empty();
    }

    // ---- checks

    static void checkToken(SigningCredential credential, Optional<String> token, Instant now)
    {
        if (credential.sessionToken().isEmpty()) {
            if (token.isPresent()) {
                throw CommonErrors.INVALID_TOKEN.exception();
            }
            return;
        }
        if (token.isEmpty() || !SigV4.constantTimeEquals(credential.sessionToken().get(), token.get())) {
            throw CommonErrors.INVALID_TOKEN.exception();
        }
        if (credential.expiration().isPresent() && !now.isBefore(credential.expiration().get())) {
            throw CommonErrors.EXPIRED_TOKEN.exception();
        }
    }

    private void checkTime(Signed signed, Instant now)
    {
        String serverTime = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        if (signed.presigned()) {
            if (signed.requestTime().isAfter(now.plus(maxClockSkew))) {
                throw CommonErrors.ACCESS_DENIED.exception("Request is not valid yet")
                        .with("X-Amz-Date", signed.amzDate())
                        .with("ServerTime", serverTime);
            }
            Instant expiry = signed.requestTime().plusSeconds(signed.expiresSeconds());
            if (now.isAfter(expiry)) {
                throw CommonErrors.ACCESS_DENIED.exception("Request has expired")
                        .with("X-Amz-Expires", Long.toString(signed.expiresSeconds()))
                        .with("Expires", DateTimeFormatter.ISO_INSTANT.format(expiry))
                        .with("ServerTime", serverTime);
            }
            return;
        }
        if (Duration.between(signed.requestTime(), now).abs().compareTo(maxClockSkew) > 0) {
            throw CommonErrors.REQUEST_TIME_TOO_SKEWED.exception()
                    .with("RequestTime", signed.amzDate())
                    .with("ServerTime", serverTime)
                    .with("MaxAllowedSkewMilliseconds", Long.toString(maxClockSkew.toMillis()));
        }
    }

    /** Returns the payload hash the signature was made with; throws SignatureDoesNotMatch when none fits. */
    private static String verifySignature(IncomingRequest request, Signed signed, byte[] signingKey, String canonicalUri, String canonicalQuery,
            List<String> payloadHashes)
    {
        StringBuilder prefix = new StringBuilder(256)
                .append(request.method()).append('\n')
                .append(canonicalUri).append('\n')
                .append(canonicalQuery).append('\n');
        for (String name : signed.signedHeaderNames()) {
            prefix.append(name).append(':').append(SigV4.canonicalHeaderValue(request.headers().all(name))).append('\n');
        }
        prefix.append('\n').append(signed.signedHeaders()).append('\n');

        String provided = signed.signature().toLowerCase(Locale.ROOT);
        String firstCanonicalRequest = null;
        String firstStringToSign = null;
        for (String payloadHash : payloadHashes) {
            String canonicalRequest = prefix + payloadHash;
            String stringToSign = SigV4.ALGORITHM + "\n" + signed.amzDate() + "\n" + signed.scope() + "\n" + SigV4.sha256Hex(canonicalRequest);
            String computed = SigV4.hex(SigV4.hmac(signingKey, stringToSign));
            if (SigV4.constantTimeEquals(computed, provided)) {
                return payloadHash;
            }
            if (firstCanonicalRequest == null) {
                firstCanonicalRequest = canonicalRequest;
                firstStringToSign = stringToSign;
            }
        }
        throw CommonErrors.SIGNATURE_DOES_NOT_MATCH.exception()
                .with("AWSAccessKeyId", signed.accessKeyId())
                .with("StringToSign", firstStringToSign)
                .with("SignatureProvided", signed.signature())
                .with("StringToSignBytes", SigV4.spacedHex(firstStringToSign))
                .with("CanonicalRequest", firstCanonicalRequest)
                .with("CanonicalRequestBytes", SigV4.spacedHex(firstCanonicalRequest));
    }

    private byte[] signingKey(String secret, String date, String region, String service)
    {
        SigningKeyId id = new SigningKeyId(secret, date, region, service);
        byte[] key = signingKeys.get(id);
        if (key == null) {
            key = SigV4.signingKey(secret, date, region, service);
            if (signingKeys.size() >= SIGNING_KEY_CACHE_SIZE) {
                signingKeys.clear();
            }
            signingKeys.put(id, key);
        }
        return key;
    }

    // ---- payloads

    private static byte[] readBody(IncomingRequest request)
    {
        if (request.contentLength().orElse(0) > MAX_BUFFERED_PAYLOAD) {
            throw tooLarge();
        }
        try (InputStream body = bounded(request)) {
            byte[] bytes = body.readNBytes(MAX_BUFFERED_PAYLOAD + 1);
            if (bytes.length > MAX_BUFFERED_PAYLOAD) {
                throw tooLarge();
            }
            return bytes;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AwsException tooLarge()
    {
        return CommonErrors.REQUEST_ENTITY_TOO_LARGE.exception("A request without x-amz-content-sha256 may have a body of at most "
                + MAX_BUFFERED_PAYLOAD + " bytes.");
    }

    private static InputStream bounded(IncomingRequest request)
    {
        OptionalLong length = request.contentLength();
        return length.isPresent() ? new ContentLengthInputStream(request.body(), length.getAsLong()) : request.body();
    }

    private record Payload(InputStream stream, OptionalLong decodedLength, Supplier<Headers> trailers) {}

    private static Payload payload(IncomingRequest request, PayloadMode mode, String payloadHash, ChunkSignatureVerifier verifier)
    {
        InputStream body = bounded(request);
        return switch (mode) {
            case ABSENT, UNSIGNED -> new Payload(body, request.contentLength(), Headers::empty);
            case DIGEST -> new Payload(new Sha256VerifyingInputStream(body, payloadHash, request.contentLength()), request.contentLength(), Headers::empty);
            case STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, STREAMING_UNSIGNED_TRAILER -> {
                OptionalLong decodedLength = decodedLength(request.headers());
                Set<String> declaredTrailers = mode.trailing() ? declaredTrailers(request.headers()) : Set.of();
                AwsChunkedInputStream chunked = new AwsChunkedInputStream(body, verifier, mode.trailing(), declaredTrailers, decodedLength);
                yield new Payload(chunked, decodedLength, chunked::trailers);
            }
        };
    }

    private static OptionalLong decodedLength(Headers headers)
    {
        Optional<String> value = headers.first("x-amz-decoded-content-length").map(String::trim);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long length = Long.parseLong(value.get());
            if (length >= 0) {
                return OptionalLong.of(length);
            }
        }
        catch (NumberFormatException e) {
            // answered below
        }
        throw CommonErrors.INVALID_ARGUMENT.exception("x-amz-decoded-content-length must be a non-negative number")
                .with("ArgumentName", "x-amz-decoded-content-length")
                .with("ArgumentValue", value.get());
    }

    private static Set<String> declaredTrailers(Headers headers)
    {
        Set<String> names = new LinkedHashSet<>();
        for (String value : headers.all("x-amz-trailer")) {
            for (String name : value.split(",")) {
                String trimmed = name.trim().toLowerCase(Locale.ROOT);
                if (!trimmed.isEmpty()) {
                    names.add(trimmed);
                }
            }
        }
        return names;
    }

    private enum PayloadMode
    {
        /** No x-amz-content-sha256: the body's own hash is signed. */
        ABSENT,
        DIGEST,
        UNSIGNED,
        STREAMING_SIGNED,
        STREAMING_SIGNED_TRAILER,
        STREAMING_UNSIGNED_TRAILER;

        static PayloadMode of(Optional<String> header)
        {
            if (header.isEmpty()) {
                return ABSENT;
            }
            String value = header.get().trim();
            switch (value) {
                case UNSIGNED_PAYLOAD:
                    return UNSIGNED;
                case STREAMING_SIGNED_VALUE:
                    return STREAMING_SIGNED;
                case STREAMING_SIGNED_TRAILER_VALUE:
                    return STREAMING_SIGNED_TRAILER;
                case STREAMING_UNSIGNED_TRAILER_VALUE:
                    return STREAMING_UNSIGNED_TRAILER;
                case "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD":
                case "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER":
                case "STREAMING-AWS4-HMAC-SHA256-EVENTS":
                    throw CommonErrors.NOT_IMPLEMENTED.exception("x-amz-content-sha256 " + value + " is not supported.")
                            .with("Header", "x-amz-content-sha256");
                default:
                    if (SigV4.isSha256Hex(value)) {
                        return DIGEST;
                    }
                    throw CommonErrors.INVALID_ARGUMENT.exception("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
                                    + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, or a valid sha256 value.")
                            .with("ArgumentName", "x-amz-content-sha256")
                            .with("ArgumentValue", value);
            }
        }

        boolean signedChunks()
        {
            return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
        }

        boolean trailing()
        {
            return this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
        }
    }

    // ---- values

    /** The parts of {@code AKID/YYYYMMDD/REGION/SERVICE/aws4_request}. */
    private record Credential(String accessKeyId, String date, String region, String service)
    {
        static Credential parse(String value, AwsErrorCode malformed)
        {
            String[] parts = value.split("/", -1);
            if (parts.length != 5 || parts[0].isEmpty() || !SigV4.isBasicDate(parts[1]) || parts[2].isEmpty() || parts[3].isEmpty()
                    || !parts[4].equals(SigV4.TERMINATOR)) {
                throw malformed(malformed, MALFORMED_CREDENTIAL);
            }
            return new Credential(parts[0], parts[1], parts[2], parts[3]);
        }
    }

    /** What a request says about its own signature, before anything is checked. */
    private record Signed(Credential credential, String signedHeaders, List<String> signedHeaderNames, String signature, Instant requestTime,
            String amzDate, boolean presigned, long expiresSeconds, Optional<String> securityToken)
    {
        String accessKeyId()
        {
            return credential.accessKeyId();
        }

        String date()
        {
            return credential.date();
        }

        String region()
        {
            return credential.region();
        }

        String service()
        {
            return credential.service();
        }

        String scope()
        {
            return credential.date() + "/" + credential.region() + "/" + credential.service() + "/" + SigV4.TERMINATOR;
        }
    }

    private record SigningKeyId(String secret, String date, String region, String service) {}
}
