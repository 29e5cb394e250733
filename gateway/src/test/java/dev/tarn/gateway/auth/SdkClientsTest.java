package dev.tarn.gateway.auth;

import dev.tarn.gateway.auth.SdkRequests.CapturingHttpClient;
import dev.tarn.gateway.auth.SdkRequests.Wire;
import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

import static dev.tarn.gateway.auth.SdkRequests.ACCESS_KEY;
import static dev.tarn.gateway.auth.SdkRequests.PERMANENT;
import static dev.tarn.gateway.auth.SdkRequests.SECRET_KEY;
import static dev.tarn.gateway.auth.SdkRequests.authenticator;
import static dev.tarn.gateway.auth.SdkRequests.authenticatorAt;
import static dev.tarn.gateway.auth.SdkRequests.readPayload;
import static dev.tarn.gateway.auth.SigV4AuthenticatorTest.crc32;
import static dev.tarn.gateway.auth.SigV4AuthenticatorTest.failure;
import static dev.tarn.gateway.auth.SigV4AuthenticatorTest.random;
import static dev.tarn.gateway.auth.SigV4AuthenticatorTest.withContentLength;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the SDK's real service clients put on the wire (captured by an HTTP client that only
 * records) must verify: S3 over HTTPS (unsigned chunks with a CRC32 trailer by default) and over
 * plain HTTP (signed chunks with a signed trailer), and STS's form-encoded POST.
 */
class SdkClientsTest
{
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));

    @ParameterizedTest
    @ValueSource(strings = {"https://s3.tarn.test", "http://localhost:9000"})
    void verifiesS3ClientUploads(String endpoint)
    {
        byte[] body = random(300 * 1024 + 5, 21);
        Wire wire = captureS3(endpoint, s3 -> s3.putObject(put -> put.bucket("bucket").key("dir/a b+c=d ü.bin"), RequestBody.fromBytes(body)));
        String mode = wire.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow();
        assertThat(mode).isEqualTo(endpoint.startsWith("https") ? "STREAMING-UNSIGNED-PAYLOAD-TRAILER" : "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");

        Authentication authentication = authenticatorFor(wire).authenticate(wire.incoming());

        assertThat(authentication.credential()).contains(PERMANENT);
        assertThat(authentication.decodedLength()).isEqualTo(OptionalLong.of(body.length));
        assertThat(readPayload(authentication)).isEqualTo(body);
        assertThat(authentication.trailers().get().first("x-amz-checksum-crc32")).contains(crc32(body));
    }

    @Test
    void verifiesS3ClientUploadsWithOtherChecksums()
    {
        byte[] body = random(1000, 22);
        for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32_C, ChecksumAlgorithm.SHA256, ChecksumAlgorithm.SHA1)) {
            Wire wire = captureS3("http://localhost:9000", s3 -> s3.putObject(put -> put.bucket("bucket").key("k").checksumAlgorithm(algorithm),
                    RequestBody.fromBytes(body)));
            Authentication authentication = authenticatorFor(wire).authenticate(wire.incoming());
            assertThat(readPayload(authentication)).as(algorithm.toString()).isEqualTo(body);
            assertThat(authentication.trailers().get().asMap()).as(algorithm.toString()).hasSize(1);
        }
    }

    @Test
    void verifiesS3ClientReadsListsAndBatchDeletes()
    {
        String endpoint = "https://s3.tarn.test";
        List<Wire> wires = List.of(
                captureS3(endpoint, s3 -> s3.getObject(get -> get.bucket("bucket").key("a/b.txt").range("bytes=0-9"))),
                captureS3(endpoint, s3 -> s3.listObjectsV2(list -> list.bucket("bucket").prefix("photos/2026 ü").delimiter("/").maxKeys(10))),
                captureS3(endpoint, s3 -> s3.getObjectAcl(acl -> acl.bucket("bucket").key("x"))),
                captureS3(endpoint, s3 -> s3.createMultipartUpload(create -> create.bucket("bucket").key("big"))),
                captureS3(endpoint, s3 -> s3.deleteObjects(delete -> delete.bucket("bucket")
                        .delete(Delete.builder().objects(ObjectIdentifier.builder().key("a").build(), ObjectIdentifier.builder().key("b & c").build()).build()))));

        for (Wire wire : wires) {
            Authentication authentication = authenticatorFor(wire).authenticate(wire.incoming());
            assertThat(authentication.credential()).as(wire.request().getUri().toString()).contains(PERMANENT);
            assertThat(readPayload(authentication)).as(wire.request().getUri().toString()).isEqualTo(decodedBody(wire));
        }
    }

    @Test
    void verifiesStsClientRequests()
    {
        CapturingHttpClient http = new CapturingHttpClient("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:root</Arn><UserId>123456789012</UserId><Account>123456789012</Account>"
                + "</GetCallerIdentityResult></GetCallerIdentityResponse>", Map.of());
        try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).httpClient(http).build()) {
            sts.getCallerIdentity();
        }
        Wire wire = http.requests.get(0);

        Authentication authentication = authenticatorFor(wire).authenticate(wire.incoming());

        assertThat(authentication.service()).contains("sts");
        assertThat(new String(readPayload(authentication), StandardCharsets.UTF_8)).isEqualTo("Action=GetCallerIdentity&Version=2011-06-15");
    }

    @Test
    void hashesTheBodyWhenNoContentShaHeaderIsSent()
    {
        byte[] body = "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Freader&RoleSessionName=s&Version=2011-06-15"
                .getBytes(StandardCharsets.UTF_8);
        Wire wire = legacySign(body);
        assertThat(wire.request().firstMatchingHeader("x-amz-content-sha256")).isEmpty();

        Authentication authentication = authenticator().authenticate(wire.incoming());

        assertThat(authentication.service()).contains("sts");
        assertThat(authentication.decodedLength()).isEqualTo(OptionalLong.of(body.length));
        assertThat(readPayload(authentication)).isEqualTo(body);

        byte[] tampered = body.clone();
        tampered[tampered.length - 1] = '6';
        assertThat(failure(authenticator(), wire.withBody(tampered).incoming()).code()).isEqualTo("SignatureDoesNotMatch");

        byte[] truncated = java.util.Arrays.copyOf(body, body.length - 1);
        assertThat(failure(authenticator(), wire.withBody(truncated).incoming()).code()).isEqualTo("IncompleteBody");
    }

    @Test
    void refusesToBufferMoreThan16MiB()
    {
        Wire wire = legacySign("Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8));
        long tooLarge = SigV4Authenticator.MAX_BUFFERED_PAYLOAD + 1L;

        AwsException declared = failure(authenticator(), withBody(wire.incoming(), zeros(tooLarge), OptionalLong.of(tooLarge)));
        assertThat(declared.code()).isEqualTo("RequestEntityTooLarge");
        assertThat(declared.httpStatus()).isEqualTo(413);

        AwsException undeclared = failure(authenticator(), withBody(wire.incoming(), zeros(tooLarge), OptionalLong.empty()));
        assertThat(undeclared.code()).isEqualTo("RequestEntityTooLarge");
    }

    private static Wire legacySign(byte[] body)
    {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).protocol("https").host("sts.amazonaws.com").encodedPath("/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .putHeader("Content-Length", Integer.toString(body.length))
                .contentStreamProvider(() -> new ByteArrayInputStream(body))
                .build();
        SdkHttpFullRequest signed = Aws4Signer.create().sign(request, Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))
                .signingName("sts")
                .signingRegion(Region.US_EAST_1)
                .signingClockOverride(SdkRequests.CLOCK)
                .build());
        return new Wire(signed, body);
    }

    private static Wire captureS3(String endpoint, Consumer<S3Client> call)
    {
        CapturingHttpClient http = new CapturingHttpClient("", Map.of("ETag", "\"0123456789abcdef0123456789abcdef\""));
        try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                .credentialsProvider(CREDENTIALS).httpClient(http).build()) {
            call.accept(s3);
        }
        catch (RuntimeException e) {
            // The canned empty answer does not parse for every operation; only the request matters.
            if (http.requests.isEmpty()) {
                throw e;
            }
        }
        return http.requests.get(0);
    }

    /** The SDK signs with its own clock: check at the moment the request was signed. */
    private static SigV4Authenticator authenticatorFor(Wire wire)
    {
        String date = wire.request().firstMatchingHeader("X-Amz-Date").orElseThrow();
        return authenticatorAt(SigV4.parseBasicDateTime(date).orElseThrow());
    }

    private static byte[] decodedBody(Wire wire)
    {
        return wire.body();
    }

    private static IncomingRequest withBody(IncomingRequest request, InputStream body, OptionalLong contentLength)
    {
        return withContentLength(new IncomingRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(), body, contentLength),
                contentLength);
    }

    private static InputStream zeros(long length)
    {
        return new InputStream()
        {
            private long remaining = length;

            @Override
            public int read()
            {
                if (remaining == 0) {
                    return -1;
                }
                remaining--;
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len)
            {
                if (remaining == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, remaining);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                remaining -= n;
                return n;
            }
        };
    }
}
