package dev.tarn.gateway.auth;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The rolling signature of a signed aws-chunked body: each chunk's signature covers the previous
 * one (the first, the request's own signature), so chunks can be neither altered, dropped nor
 * reordered. Checking a chunk allocates nothing.
 */
final class ChunkSignatureVerifier
{
    static final int SIGNATURE_LENGTH = 64;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_SHA256_HEX = SigV4.EMPTY_SHA256.getBytes(StandardCharsets.US_ASCII);

    private final Mac mac;
    private final byte[] payloadPrefix;
    private final String trailerPrefix;
    private final byte[] previousSignature = new byte[SIGNATURE_LENGTH];
    private final byte[] hashHex = new byte[SIGNATURE_LENGTH];
    private final byte[] macOutput = new byte[32];
    private final byte[] computed = new byte[SIGNATURE_LENGTH];
    private final byte[] provided = new byte[SIGNATURE_LENGTH];

    ChunkSignatureVerifier(byte[] signingKey, String amzDate, String scope, String seedSignature)
    {
        this.mac = SigV4.hmacSha256(signingKey);
        this.payloadPrefix = ("AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n").getBytes(StandardCharsets.UTF_8);
        this.trailerPrefix = "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n";
        byte[] seed = requireNonNull(seedSignature, "seedSignature is null").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        // A seed of another length cannot have verified; any chunk will then fail to match.
        System.arraycopy(seed, 0, previousSignature, 0, Math.min(seed.length, SIGNATURE_LENGTH));
    }

    /**
     * Checks the signature of the next chunk: {@code signature[offset, offset + length)} against the
     * SHA-256 of its data.
     */
    boolean verifyChunk(byte[] chunkSha256, byte[] signature, int offset, int length)
    {
        hex(chunkSha256, hashHex);
        mac.update(payloadPrefix);
        mac.update(previousSignature);
        mac.update((byte) '\n');
        mac.update(EMPTY_SHA256_HEX);
        mac.update((byte) '\n');
        mac.update(hashHex);
        return finish(signature, offset, length);
    }

    /** Checks x-amz-trailer-signature, given the SHA-256 of the canonical trailing headers. */
    boolean verifyTrailer(byte[] trailerSha256, String signature)
    {
        hex(trailerSha256, hashHex);
        mac.update(trailerPrefix.getBytes(StandardCharsets.UTF_8));
        mac.update(previousSignature);
        mac.update((byte) '\n');
        mac.update(hashHex);
        byte[] bytes = signature.getBytes(StandardCharsets.ISO_8859_1);
        return finish(bytes, 0, bytes.length);
    }

    private boolean finish(byte[] signature, int offset, int length)
    {
        try {
            mac.doFinal(macOutput, 0);
        }
        catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        hex(macOutput, computed);
        if (length != SIGNATURE_LENGTH) {
            return false;
        }
        for (int i = 0; i < SIGNATURE_LENGTH; i++) {
            byte b = signature[offset + i];
            provided[i] = b >= 'A' && b <= 'F' ? (byte) (b + ('a' - 'A')) : b;
        }
        if (!MessageDigest.isEqual(computed, provided)) {
            return false;
        }
        System.arraycopy(computed, 0, previousSignature, 0, SIGNATURE_LENGTH);
        return true;
    }

    private static void hex(byte[] bytes, byte[] out)
    {
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
    }
}
