package dev.tarn.gateway.auth;

import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The framing rules of {@link AwsChunkedInputStream}, fed by hand. */
class AwsChunkedInputStreamTest
{
    private static final String DATE = "20260101T120000Z";
    private static final String SCOPE = "20260101/us-east-1/s3/aws4_request";
    private static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    private static final byte[] KEY = AwsChunkedEncoder.signingKey("secret", "20260101", "us-east-1", "s3");

    @Test
    void decodesUnsignedChunks()
            throws IOException
    {
        assertThat(decode("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")).isEqualTo("hello world");
        assertThat(decode("0\r\n\r\n")).isEmpty();
    }

    @Test
    void toleratesBareLineFeedsSpacesAndAMissingLastLine()
            throws IOException
    {
        assertThat(decode("5 \nhello\n0\n\n")).isEqualTo("hello");
        assertThat(decode("5;ext=1\r\nhello\r\n0\r\n")).isEqualTo("hello");
        assertThat(decode("5\r\nhello\r\n0\r\n")).isEqualTo("hello");
        assertThat(decode("A\r\n0123456789\r\n0\r\n\r\n")).isEqualTo("0123456789");
    }

    @Test
    void refusesMalformedFraming()
    {
        assertCode(unsigned("5x\r\nhello\r\n0\r\n\r\n"), "InvalidRequest");
        assertCode(unsigned("\r\nhello\r\n0\r\n\r\n"), "InvalidRequest");
        assertCode(unsigned("-5\r\nhello\r\n0\r\n\r\n"), "InvalidRequest");
        assertCode(unsigned("1000000000000000\r\n"), "InvalidRequest");
        assertCode(unsigned("3\r\nhello\r\n0\r\n\r\n"), "InvalidRequest");
        assertCode(unsigned("5\r\nhello\r\n0\r\ngarbage\r\n"), "InvalidRequest");
        assertCode(unsigned("a".repeat(5000) + "\r\n"), "InvalidRequest");
    }

    @Test
    void refusesATruncatedBody()
    {
        assertCode(unsigned("5\r\nhel"), "IncompleteBody");
        assertCode(unsigned("5\r\nhello\r\n"), "IncompleteBody");
        assertCode(unsigned("5\r\nhello"), "IncompleteBody");
        assertCode(unsigned("5\r\nhello\r\n0"), "IncompleteBody");
        assertCode(unsigned(""), "IncompleteBody");
    }

    @Test
    void holdsTheBodyToItsDeclaredLength()
            throws IOException
    {
        assertThat(read(new AwsChunkedInputStream(stream("5\r\nhello\r\n0\r\n\r\n"), null, false, Set.of(), OptionalLong.of(5)))).isEqualTo("hello");
        assertCode(new AwsChunkedInputStream(stream("5\r\nhello\r\n0\r\n\r\n"), null, false, Set.of(), OptionalLong.of(6)), "IncompleteBody");
        assertCode(new AwsChunkedInputStream(stream("5\r\nhello\r\n1\r\n!\r\n0\r\n\r\n"), null, false, Set.of(), OptionalLong.of(5)), "InvalidRequest");
    }

    @Test
    void readsTrailersAndChecksTheyWereAnnounced()
            throws IOException
    {
        AwsChunkedInputStream in = new AwsChunkedInputStream(stream("5\r\nhello\r\n0\r\nx-amz-checksum-crc32: AAAAAA== \r\nX-Amz-Meta-Note:a\r\n\r\n"),
                null, true, Set.of("x-amz-checksum-crc32", "x-amz-meta-note"), OptionalLong.of(5));
        assertThatThrownBy(in::trailers).isInstanceOf(IllegalStateException.class);

        assertThat(read(in)).isEqualTo("hello");

        assertThat(in.trailers().first("x-amz-checksum-crc32")).contains("AAAAAA==");
        assertThat(in.trailers().first("x-amz-meta-note")).contains("a");

        assertCode(trailing("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", Set.of()), "MalformedTrailerError");
        assertCode(trailing("0\r\n\r\n", Set.of("x-amz-checksum-crc32")), "MalformedTrailerError");
        assertCode(trailing("0\r\nno colon here\r\n\r\n", Set.of()), "MalformedTrailerError");
        assertCode(trailing("0\r\n" + "x-amz-meta-a:1\r\n".repeat(100) + "\r\n", Set.of("x-amz-meta-a")), "MalformedTrailerError");
    }

    @Test
    void decodesSignedChunksWithSignaturesInEitherCase()
            throws IOException
    {
        String body = signedBody("hello world");
        assertThat(read(signed(body))).isEqualTo("hello world");
        assertThat(read(signed(upperCaseSignatures(body)))).isEqualTo("hello world");
    }

    @Test
    void refusesSignedChunksWithoutAGoodSignature()
    {
        String body = signedBody("hello world");
        String firstSignature = body.substring(body.indexOf('=') + 1, body.indexOf('\r'));

        assertCode(signed(body.replace(";chunk-signature=" + firstSignature, "")), "SignatureDoesNotMatch");
        assertCode(signed(body.replace(firstSignature, firstSignature.substring(1))), "SignatureDoesNotMatch");
        assertCode(signed(body.replace(firstSignature, firstSignature + "0")), "SignatureDoesNotMatch");
        assertCode(signed(body.replace("hello", "jello")), "SignatureDoesNotMatch");
        assertCode(new AwsChunkedInputStream(stream(body), new ChunkSignatureVerifier(KEY, DATE, SCOPE, SEED.replace('4', '5')), false, Set.of(),
                OptionalLong.empty()), "SignatureDoesNotMatch");
    }

    @Test
    void keepsFailingOnceAFailureWasReported()
    {
        AwsChunkedInputStream in = trailing("5\r\nhel", Set.of());
        AwsException first = failure(in);
        assertThatThrownBy(in::read).isSameAs(first);
        assertThatThrownBy(in::trailers).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hasNoTrailersWhenNoneAreExpected()
    {
        assertThat(unsigned("5\r\nhello\r\n0\r\n\r\n").trailers().asMap()).isEmpty();
    }

    @Test
    void availableNeverPromisesMoreThanTheChunk()
            throws IOException
    {
        AwsChunkedInputStream in = unsigned("5\r\nhello\r\n0\r\n\r\n");
        assertThat(in.available()).isZero();
        assertThat(in.read()).isEqualTo('h');
        assertThat(in.available()).isEqualTo(4);
    }

    private static String signedBody(String data)
    {
        ChunkSigner signer = new ChunkSigner(KEY, SEED);
        String dataSignature = signer.sign(data);
        String finalSignature = signer.sign("");
        return Integer.toHexString(data.length()) + ";chunk-signature=" + dataSignature + "\r\n" + data + "\r\n"
                + "0;chunk-signature=" + finalSignature + "\r\n\r\n";
    }

    /** The chunk signing rules, written out once more for hand-made bodies. */
    private static final class ChunkSigner
    {
        private final byte[] key;
        private String previous;

        ChunkSigner(byte[] key, String seed)
        {
            this.key = key;
            this.previous = seed;
        }

        String sign(String data)
        {
            String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + DATE + "\n" + SCOPE + "\n" + previous + "\n" + SigV4.EMPTY_SHA256 + "\n"
                    + SigV4.sha256Hex(data);
            previous = SigV4.hex(SigV4.hmac(key, stringToSign));
            return previous;
        }
    }

    private static String upperCaseSignatures(String body)
    {
        StringBuilder out = new StringBuilder();
        for (String line : body.split("\r\n", -1)) {
            int at = line.indexOf("chunk-signature=");
            out.append(at < 0 ? line : line.substring(0, at) + "chunk-signature=" + line.substring(at + 16).toUpperCase(Locale.ROOT)).append("\r\n");
        }
        return out.substring(0, out.length() - 2);
    }

    private static AwsChunkedInputStream signed(String body)
    {
        return new AwsChunkedInputStream(stream(body), new ChunkSignatureVerifier(KEY, DATE, SCOPE, SEED), false, Set.of(), OptionalLong.empty());
    }

    private static AwsChunkedInputStream unsigned(String body)
    {
        return new AwsChunkedInputStream(stream(body), null, false, Set.of(), OptionalLong.empty());
    }

    private static AwsChunkedInputStream trailing(String body, Set<String> declared)
    {
        return new AwsChunkedInputStream(stream(body), null, true, declared, OptionalLong.empty());
    }

    private static String decode(String body)
            throws IOException
    {
        return read(unsigned(body));
    }

    private static String read(InputStream in)
            throws IOException
    {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static InputStream stream(String body)
    {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void assertCode(AwsChunkedInputStream in, String code)
    {
        assertThat(failure(in).code()).isEqualTo(code);
    }

    private static AwsException failure(InputStream in)
    {
        try {
            in.readAllBytes();
        }
        catch (AwsException e) {
            return e;
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the body was accepted");
    }
}
