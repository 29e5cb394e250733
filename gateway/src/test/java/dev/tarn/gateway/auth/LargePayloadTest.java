package dev.tarn.gateway.auth;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.CRC32;

import static dev.tarn.gateway.auth.SdkRequests.IDENTITY;
import static dev.tarn.gateway.auth.SdkRequests.SECRET_KEY;
import static dev.tarn.gateway.auth.SdkRequests.authenticator;
import static dev.tarn.gateway.auth.SdkRequests.toIncoming;
import static dev.tarn.gateway.auth.SigV4AuthenticatorTest.crc32;
import static dev.tarn.gateway.auth.SigV4AuthenticatorTest.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large uploads pass through with bounded memory: what the reading thread allocates stays far
 * below the payload size (throughput is measured by the benchmarks, not here). The request head is signed
 * by the SDK; the body comes from a test encoder that frames exactly as the SDK does (so the
 * signed Content-Length holds) but allocates nothing per chunk, so what the reading thread
 * allocates is what the decoder allocates.
 */
class LargePayloadTest
{
    private static final long ONE_GIB = 1L << 30;
    /** Far below the payload: proof that nothing of it is kept. */
    private static final long MAX_ALLOCATION = 16L << 20;

    @Test
    void streamsAGibOfUnsignedChunksWithATrailer()
            throws IOException
    {
        Result result = stream(ONE_GIB, false, builder -> builder
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));

        assertThat(result.mode).isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertThat(result.allocated).isLessThan(MAX_ALLOCATION);
    }

    @Test
    void streamsAGibOfSignedChunksWithASignedTrailer()
            throws IOException
    {
        Result result = stream(ONE_GIB, true, builder -> builder.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));

        assertThat(result.mode).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
        assertThat(result.allocated).isLessThan(MAX_ALLOCATION);
    }

    @Test
    void decodesWhatTheSdkItselfEncodesAtSize()
            throws IOException
    {
        byte[] body = new byte[40 << 20];
        new Random(3).nextBytes(body);
        SdkRequests.Wire wire = SdkRequests.signS3(put("forty-mib.bin").build(), body, builder -> builder
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));

        Authentication authentication = authenticator().authenticate(wire.incoming());

        try (InputStream payload = authentication.payload()) {
            assertThat(payload.readAllBytes()).isEqualTo(body);
        }
        assertThat(authentication.trailers().get().first("x-amz-checksum-crc32")).contains(crc32(body));
    }

    private record Result(String mode, long allocated) {}

    private static Result stream(long length, boolean signedChunks, Consumer<SignRequest.Builder<AwsCredentialsIdentity>> properties)
            throws IOException
    {
        SdkHttpRequest request = put("one-gib.bin").putHeader("Content-Length", Long.toString(length)).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(builder -> {
            builder.identity(IDENTITY)
                    .request(request)
                    .payload(InputStream::nullInputStream)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(HttpSigner.SIGNING_CLOCK, SdkRequests.CLOCK);
            properties.accept(builder);
        });
        String mode = signed.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow();
        String authorization = signed.request().firstMatchingHeader("Authorization").orElseThrow();
        String seed = authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
        AwsChunkedEncoder encoder = new AwsChunkedEncoder(length,
                signedChunks ? AwsChunkedEncoder.signingKey(SECRET_KEY, "20260101", "us-east-1", "s3") : null,
                "20260101T120000Z", "20260101/us-east-1/s3/aws4_request", seed, true);
        IncomingRequest head = toIncoming(signed.request(), new byte[0]);
        IncomingRequest incoming = new IncomingRequest(head.method(), head.rawPath(), head.rawQuery(), head.headers(), encoder, head.contentLength());

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] buffer = new byte[1 << 20];
        CRC32 crc = new CRC32();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();

        Authentication authentication = authenticator().authenticate(incoming);
        long decoded = 0;
        try (InputStream payload = authentication.payload()) {
            for (int n = payload.read(buffer); n >= 0; n = payload.read(buffer)) {
                crc.update(buffer, 0, n);
                decoded += n;
            }
        }

        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

        assertThat(authentication.decodedLength()).isEqualTo(OptionalLong.of(length));
        assertThat(decoded).isEqualTo(length);
        assertThat(encoder.read()).as("the body is exactly as long as the signed Content-Length").isEqualTo(-1);
        assertThat(incoming.contentLength()).isPresent();
        String expectedCrc = encoder.crc32();
        assertThat(authentication.trailers().get().first("x-amz-checksum-crc32")).contains(expectedCrc);
        long value = crc.getValue();
        assertThat(java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value}))
                .as("what was decoded is what was encoded")
                .isEqualTo(expectedCrc);
        return new Result(mode, allocated);
    }
}
