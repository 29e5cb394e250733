package dev.tarn.gateway.auth;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.CredentialResolver;
import dev.tarn.spi.security.SigningCredential;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.tarn.gateway.auth.SdkRequests.readPayload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fixed vectors: the worked examples of AWS's S3 documentation ("Examples: Signature Calculations"
 * and "Signature Calculations for the Authorization Header: Transferring Payload in Multiple
 * Chunks"), and cases of the AWS SigV4 test suite.
 */
class AwsDocumentationVectorsTest
{
    private static final String S3_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String S3_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant S3_EXAMPLE_TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final String SUITE_ACCESS_KEY = "AKIDEXAMPLE";
    private static final String SUITE_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");

    private static final SigningCredential S3_CREDENTIAL = SigningCredential.permanent(S3_ACCESS_KEY, S3_SECRET_KEY, Caller.root("111122223333", S3_ACCESS_KEY));
    private static final SigningCredential SUITE_CREDENTIAL = SigningCredential.permanent(SUITE_ACCESS_KEY, SUITE_SECRET_KEY,
            Caller.root("111122223333", SUITE_ACCESS_KEY));
    private static final CredentialResolver RESOLVER = accessKeyId -> accessKeyId.equals(S3_ACCESS_KEY) ? Optional.of(S3_CREDENTIAL)
            : accessKeyId.equals(SUITE_ACCESS_KEY) ? Optional.of(SUITE_CREDENTIAL) : Optional.empty();

    @Test
    void s3GetObjectWithRange()
    {
        IncomingRequest request = request("GET", "/test.txt", "", new byte[0], OptionalLong.empty(),
                "Host", "examplebucket.s3.amazonaws.com",
                "Range", "bytes=0-9",
                "x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "x-amz-date", "20130524T000000Z",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");

        Authentication authentication = s3Authenticator().authenticate(request);

        assertThat(authentication.credential()).contains(S3_CREDENTIAL);
        assertThat(authentication.service()).contains("s3");
        assertThat(authentication.region()).contains("us-east-1");
        assertThat(readPayload(authentication)).isEmpty();
    }

    @Test
    void s3GetObjectWithRangeShowsTheDocumentedCanonicalRequestWhenTheSignatureIsWrong()
    {
        IncomingRequest request = request("GET", "/test.txt", "", new byte[0], OptionalLong.empty(),
                "Host", "examplebucket.s3.amazonaws.com",
                "Range", "bytes=0-9",
                "x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "x-amz-date", "20130524T000000Z",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                        + "Signature=0000000000000000000000000000000000000000000000000000000000000000");

        assertThatThrownBy(() -> s3Authenticator().authenticate(request))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.details().get("CanonicalRequest")).isEqualTo("""
                            GET
                            /test.txt

                            host:examplebucket.s3.amazonaws.com
                            range:bytes=0-9
                            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                            x-amz-date:20130524T000000Z

                            host;range;x-amz-content-sha256;x-amz-date
                            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
                    assertThat(e.details().get("StringToSign")).isEqualTo("""
                            AWS4-HMAC-SHA256
                            20130524T000000Z
                            20130524/us-east-1/s3/aws4_request
                            7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972""");
                });
    }

    @Test
    void s3PutObject()
    {
        byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);
        IncomingRequest request = request("PUT", "/test%24file.text", "", body, OptionalLong.of(body.length),
                "Host", "examplebucket.s3.amazonaws.com",
                "Date", "Fri, 24 May 2013 00:00:00 GMT",
                "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
                        + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");

        assertThat(readPayload(s3Authenticator().authenticate(request))).isEqualTo(body);
    }

    @Test
    void s3GetBucketLifecycle()
    {
        IncomingRequest request = request("GET", "/", "lifecycle", new byte[0], OptionalLong.empty(),
                "Host", "examplebucket.s3.amazonaws.com",
                "x-amz-date", "20130524T000000Z",
                "x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
                        + "Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");

        assertThat(s3Authenticator().authenticate(request).credential()).contains(S3_CREDENTIAL);
    }

    @Test
    void s3ListObjects()
    {
        IncomingRequest request = request("GET", "/", "max-keys=2&prefix=J", new byte[0], OptionalLong.empty(),
                "Host", "examplebucket.s3.amazonaws.com",
                "x-amz-date", "20130524T000000Z",
                "x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
                        + "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");

        assertThat(s3Authenticator().authenticate(request).credential()).contains(S3_CREDENTIAL);
    }

    @Test
    void s3PresignedGetObject()
    {
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
        IncomingRequest request = request("GET", "/test.txt", query, new byte[0], OptionalLong.empty(),
                "Host", "examplebucket.s3.amazonaws.com");

        assertThat(authenticatorAt(S3_EXAMPLE_TIME.plusSeconds(86_000)).authenticate(request).credential()).contains(S3_CREDENTIAL);
        assertThatThrownBy(() -> authenticatorAt(S3_EXAMPLE_TIME.plusSeconds(86_401)).authenticate(request))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("AccessDenied");
                    assertThat(e.getMessage()).isEqualTo("Request has expired");
                    assertThat(e.details()).containsEntry("X-Amz-Expires", "86400").containsEntry("Expires", "2013-05-25T00:00:00Z");
                });
    }

    /** 66560 bytes of 'a' in chunks of 65536 and 1024 bytes, then the final chunk. */
    @Test
    void s3ChunkedPutObject()
    {
        byte[] data = new byte[66_560];
        Arrays.fill(data, (byte) 'a');
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeChunk(body, Arrays.copyOfRange(data, 0, 65_536), "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648");
        writeChunk(body, Arrays.copyOfRange(data, 65_536, 66_560), "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497");
        writeChunk(body, new byte[0], "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
        byte[] wire = body.toByteArray();
        assertThat(wire).hasSize(66_824);

        IncomingRequest request = chunkedExampleRequest(wire);
        Authentication authentication = s3Authenticator().authenticate(request);

        assertThat(authentication.decodedLength()).isEqualTo(OptionalLong.of(66_560));
        assertThat(readPayload(authentication)).isEqualTo(data);

        byte[] tampered = wire.clone();
        tampered[70_000 - 4000] = 'b';
        assertThatThrownBy(() -> readPayload(s3Authenticator().authenticate(chunkedExampleRequest(tampered))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
    }

    @Test
    void signatureTestSuiteGetVanilla()
    {
        IncomingRequest request = request("GET", "/", "", new byte[0], OptionalLong.empty(),
                "Host", "example.amazonaws.com",
                "X-Amz-Date", "20150830T123600Z",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        Authentication authentication = suiteAuthenticator().authenticate(request);

        assertThat(authentication.credential()).contains(SUITE_CREDENTIAL);
        assertThat(authentication.service()).contains("service");
    }

    @Test
    void signatureTestSuiteQueryOrderAndKeyCase()
    {
        IncomingRequest request = request("GET", "/", "Param2=value2&Param1=value1", new byte[0], OptionalLong.empty(),
                "Host", "example.amazonaws.com",
                "X-Amz-Date", "20150830T123600Z",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");

        assertThat(suiteAuthenticator().authenticate(request).credential()).contains(SUITE_CREDENTIAL);
    }

    @Test
    void signatureTestSuitePostFormBodyHashedBecauseNoContentShaHeaderWasSent()
    {
        byte[] body = "Param1=value1".getBytes(StandardCharsets.UTF_8);
        IncomingRequest request = request("POST", "/", "", body, OptionalLong.of(body.length),
                "Content-Type", "application/x-www-form-urlencoded",
                "Host", "example.amazonaws.com",
                "X-Amz-Date", "20150830T123600Z",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");

        Authentication authentication = suiteAuthenticator().authenticate(request);

        assertThat(readPayload(authentication)).isEqualTo(body);
        assertThat(authentication.decodedLength()).isEqualTo(OptionalLong.of(body.length));
    }

    private static IncomingRequest chunkedExampleRequest(byte[] wire)
    {
        return request("PUT", "/examplebucket/chunkObject.txt", "", wire, OptionalLong.of(wire.length),
                "Host", "s3.amazonaws.com",
                "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "Content-Encoding", "aws-chunked",
                "x-amz-decoded-content-length", "66560",
                "Content-Length", "66824",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,"
                        + "Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9");
    }

    private static void writeChunk(ByteArrayOutputStream out, byte[] data, String signature)
    {
        out.writeBytes((Integer.toHexString(data.length) + ";chunk-signature=" + signature + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static SigV4Authenticator s3Authenticator()
    {
        return authenticatorAt(S3_EXAMPLE_TIME);
    }

    private static SigV4Authenticator suiteAuthenticator()
    {
        return authenticatorAt(SUITE_TIME);
    }

    private static SigV4Authenticator authenticatorAt(Instant now)
    {
        return new SigV4Authenticator(RESOLVER, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static IncomingRequest request(String method, String path, String query, byte[] body, OptionalLong contentLength, String... headers)
    {
        Headers.Builder builder = Headers.builder();
        for (int i = 0; i < headers.length; i += 2) {
            builder.add(headers[i], headers[i + 1]);
        }
        return new IncomingRequest(method, path, query, builder.build(), new ByteArrayInputStream(body), contentLength);
    }
}
