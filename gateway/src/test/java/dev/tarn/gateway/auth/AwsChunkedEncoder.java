package dev.tarn.gateway.auth;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Test-side aws-chunked encoder that produces arbitrarily long bodies as they are read, in the
 * framing the AWS SDK uses (same chunk size, so the same encoded length), without allocating per
 * chunk: every chunk carries the same random block, whose hash is computed once. Signed chunks
 * and trailer signatures are computed here independently of the code under test.
 */
final class AwsChunkedEncoder
        extends InputStream
{
    static final int SDK_CHUNK_SIZE = 128 * 1024;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};

    private final long length;
    private final byte[] block;
    private final byte[] fullBlockHashHex;
    private final Mac mac;
    private final byte[] chunkPrefix;
    private final String trailerPrefix;
    private final byte[] previousSignature = new byte[64];
    private final byte[] macOutput = new byte[32];
    private final CRC32 crc = new CRC32();
    private final boolean withTrailer;

    private final byte[] head = new byte[128];
    private byte[] pending = head;
    private int pendingPos;
    private int pendingLength;
    private int dataPos;
    private int dataLength;
    private boolean crlfDue;
    private long produced;
    private boolean finished;
    private String trailerValue;

    /**
     * @param signingKey the SigV4 signing key for signed chunks; null for unsigned chunks
     * @param seedSignature the request's own signature, which the first chunk's signature chains from
     */
    AwsChunkedEncoder(long length, byte[] signingKey, String amzDate, String scope, String seedSignature, boolean withTrailer)
    {
        this.length = length;
        this.withTrailer = withTrailer;
        this.block = new byte[SDK_CHUNK_SIZE];
        new Random(7).nextBytes(block);
        this.fullBlockHashHex = hex(sha256(block, SDK_CHUNK_SIZE));
        if (signingKey != null) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            chunkPrefix = ("AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n").getBytes(StandardCharsets.UTF_8);
            trailerPrefix = "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n";
            System.arraycopy(seedSignature.getBytes(StandardCharsets.US_ASCII), 0, previousSignature, 0, 64);
        }
        else {
            mac = null;
            chunkPrefix = null;
            trailerPrefix = null;
        }
    }

    /** kSigning, derived here rather than with the code under test. */
    static byte[] signingKey(String secret, String date, String region, String service)
    {
        byte[] key = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
        for (String part : new String[] {date, region, service, "aws4_request"}) {
            try {
                Mac hmac = Mac.getInstance("HmacSHA256");
                hmac.init(new SecretKeySpec(key, "HmacSHA256"));
                key = hmac.doFinal(part.getBytes(StandardCharsets.UTF_8));
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return key;
    }

    /** The CRC32 trailer value, base64, once everything was read. */
    String crc32()
    {
        return trailerValue;
    }

    /** Copies of the block the encoder repeats, so that a reader can check what it decoded. */
    byte[] block()
    {
        return block.clone();
    }

    @Override
    public int read()
    {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len)
    {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (pendingPos < pendingLength) {
                int n = Math.min(len, pendingLength - pendingPos);
                System.arraycopy(pending, pendingPos, b, off, n);
                pendingPos += n;
                return n;
            }
            if (dataPos < dataLength) {
                int n = Math.min(len, dataLength - dataPos);
                System.arraycopy(block, dataPos, b, off, n);
                dataPos += n;
                return n;
            }
            if (crlfDue) {
                crlfDue = false;
                setPending(CRLF, 2);
                continue;
            }
            if (produced < length) {
                startChunk((int) Math.min(SDK_CHUNK_SIZE, length - produced));
                continue;
            }
            if (!finished) {
                finished = true;
                finish();
                continue;
            }
            return -1;
        }
    }

    private void startChunk(int size)
    {
        int at = 0;
        String hexSize = Integer.toHexString(size);
        for (int i = 0; i < hexSize.length(); i++) {
            head[at++] = (byte) hexSize.charAt(i);
        }
        if (mac != null) {
            byte[] hashHex = size == SDK_CHUNK_SIZE ? fullBlockHashHex : hex(sha256(block, size));
            at = signatureExtension(hashHex, at);
        }
        head[at++] = '\r';
        head[at++] = '\n';
        setPending(head, at);
        crc.update(block, 0, size);
        dataPos = 0;
        dataLength = size;
        crlfDue = true;
        produced += size;
    }

    private int signatureExtension(byte[] hashHex, int at)
    {
        mac.update(chunkPrefix);
        mac.update(previousSignature);
        mac.update((byte) '\n');
        mac.update(SigV4Hex.EMPTY_SHA256_HEX);
        mac.update((byte) '\n');
        mac.update(hashHex);
        sign();
        byte[] extension = SigV4Hex.CHUNK_SIGNATURE;
        System.arraycopy(extension, 0, head, at, extension.length);
        at += extension.length;
        System.arraycopy(previousSignature, 0, head, at, 64);
        return at + 64;
    }

    private void sign()
    {
        try {
            mac.doFinal(macOutput, 0);
        }
        catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < 32; i++) {
            previousSignature[2 * i] = HEX[(macOutput[i] >> 4) & 0xF];
            previousSignature[2 * i + 1] = HEX[macOutput[i] & 0xF];
        }
    }

    private void finish()
    {
        StringBuilder tail = new StringBuilder("0");
        if (mac != null) {
            int at = signatureExtension(hex(sha256(block, 0)), 0);
            tail.append(new String(head, 0, at, StandardCharsets.US_ASCII));
        }
        tail.append("\r\n");
        if (withTrailer) {
            long value = crc.getValue();
            trailerValue = Base64.getEncoder().encodeToString(new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value});
            tail.append("x-amz-checksum-crc32:").append(trailerValue).append("\r\n");
            if (mac != null) {
                byte[] canonical = ("x-amz-checksum-crc32:" + trailerValue + "\n").getBytes(StandardCharsets.UTF_8);
                mac.update(trailerPrefix.getBytes(StandardCharsets.UTF_8));
                mac.update(previousSignature);
                mac.update((byte) '\n');
                mac.update(hex(sha256(canonical, canonical.length)));
                sign();
                tail.append("x-amz-trailer-signature:").append(new String(previousSignature, StandardCharsets.US_ASCII)).append("\r\n");
            }
        }
        tail.append("\r\n");
        byte[] bytes = tail.toString().getBytes(StandardCharsets.US_ASCII);
        setPending(bytes, bytes.length);
    }

    private void setPending(byte[] bytes, int count)
    {
        pending = bytes;
        pendingPos = 0;
        pendingLength = count;
    }

    private static byte[] sha256(byte[] data, int count)
    {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, 0, count);
            return digest.digest();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hex(byte[] bytes)
    {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return out;
    }

    private static final class SigV4Hex
    {
        static final byte[] EMPTY_SHA256_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".getBytes(StandardCharsets.US_ASCII);
        static final byte[] CHUNK_SIGNATURE = ";chunk-signature=".getBytes(StandardCharsets.US_ASCII);
    }
}
