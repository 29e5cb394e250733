package dev.tarn.gateway.auth;

import javax.crypto.Mac;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The rolling signature of a signed aws-chunked body: each chunk's signature covers the previous
 * one (the first, the request's own signature), so chunks can be neither altered, dropped nor
 * reordered.
 */
final class ChunkSignatureVerifier
{
    private final Mac mac;
    private final String payloadPrefix;
    private final String trailerPrefix;
    private String previousSignature;

    ChunkSignatureVerifier(byte[] signingKey, String amzDate, String scope, String seedSignature)
    {
        this.mac = SigV4.hmacSha256(signingKey);
        this.payloadPrefix = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n";
        this.trailerPrefix = "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n";
        this.previousSignature = requireNonNull(seedSignature, "seedSignature is null").toLowerCase(Locale.ROOT);
    }

    /** Checks the signature of the next chunk, given the SHA-256 of its data. */
    boolean verifyChunk(byte[] chunkSha256, String providedSignature)
    {
        String stringToSign = payloadPrefix + previousSignature + "\n" + SigV4.EMPTY_SHA256 + "\n" + SigV4.hex(chunkSha256);
        return check(stringToSign, providedSignature);
    }

    /** Checks x-amz-trailer-signature, given the SHA-256 of the canonical trailing headers. */
    boolean verifyTrailer(byte[] trailerSha256, String providedSignature)
    {
        String stringToSign = trailerPrefix + previousSignature + "\n" + SigV4.hex(trailerSha256);
        return check(stringToSign, providedSignature);
    }

    private boolean check(String stringToSign, String providedSignature)
    {
        String computed = SigV4.hex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        if (!SigV4.constantTimeEquals(computed, providedSignature.toLowerCase(Locale.ROOT))) {
            return false;
        }
        previousSignature = computed;
        return true;
    }
}
