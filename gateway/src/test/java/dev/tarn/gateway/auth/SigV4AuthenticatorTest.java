package dev.tarn.gateway.auth;

import dev.tarn.gateway.auth.SdkRequests.Wire;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.zip.CRC32;

import static dev.tarn.gateway.auth.SdkRequests.ACCESS_KEY;
import static dev.tarn.gateway.auth.SdkRequests.NOW;
import static dev.tarn.gateway.auth.SdkRequests.PERMANENT;
import static dev.tarn.gateway.auth.SdkRequests.SESSION_TOKEN;
import static dev.tarn.gateway.auth.SdkRequests.TEMPORARY;
import static dev.tarn.gateway.auth.SdkRequests.TEMPORARY_ACCESS_KEY;
import static dev.tarn.gateway.auth.SdkRequests.authenticator;
import static dev.tarn.gateway.auth.SdkRequests.authenticatorAt;
import static dev.tarn.gateway.auth.SdkRequests.readPayload;
import static dev.tarn.gateway.auth.SdkRequests.sign;
import static dev.tarn.gateway.auth.SdkRequests.signS3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Requests signed by the AWS SDK's own {@link AwsV4HttpSigner} must verify and decode to what was
 * signed; every tampering must be refused with the code S3 answers with.
 */
class SigV4AuthenticatorTest
{
    private static final String HOST = "bucket.s3.us-east-1.amazonaws.com";

    // ---- header signatures: paths, queries, headers

    @Test
    void verifiesASignedGet()
    {
        Wire wire = signS3(get("photos/2026/cat.jpg").build(), null, properties -> {});

        Authentication authentication = authenticator().authenticate(wire.incoming());

        assertThat(authentication.credential()).contains(PERMANENT);
        assertThat(authentication.service()).contains("s3");
        assertThat(authentication.region()).contains("us-east-1");
        assertThat(readPayload(authentication)).isEmpty();
        assertThat(authentication.trailers().get().asMap()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a+b", "a=b&c", "ü/日本語/ключ", "!*'()", "tilde~and-dash_dot.", "percent%41", "double//slash",
            "dot/./and/../segments", "trailing/", "semi;colon,comma", "$@:", "#hash?question", "[brackets]{braces}"})
    void verifiesS3KeysAsSentWithoutNormalizing(String key)
    {
        Wire wire = signS3(get(key).build(), null, properties -> {});

        assertThat(wire.incoming().rawPath()).isEqualTo("/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
        assertThat(authenticator().authenticate(wire.incoming()).credential()).contains(PERMANENT);
    }

    @Test
    void verifiesQueryParametersInAnyOrderWithEmptyAndRepeatedValues()
    {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("https").host(HOST).encodedPath("/")
                .putRawQueryParameter("prefix", "photos/2026 ü+")
                .putRawQueryParameter("list-type", "2")
                .putRawQueryParameter("delimiter", "/")
                .putRawQueryParameter("continuation-token", "1abc/+=%~")
                .putRawQueryParameter("tag", List.of("b", "a", "a b", ""))
                .appendRawQueryParameter("uploads", null)
                .putRawQueryParameter("Empty", "")
                .build();
        Wire wire = signS3(request, null, properties -> {});

        assertThat(authenticator().authenticate(wire.incoming()).credential()).contains(PERMANENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/stage/a%20b/c%2Fd", "/a/./b/../c", "/unicode/%C3%BC", "/x//y/"})
    void verifiesOtherServicesWhosePathsAreEncodedTwice(String path)
    {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("https").host("glue.us-east-1.amazonaws.com")
                .encodedPath(path).putRawQueryParameter("Action", "List Things").build();
        Wire wire = sign(request, null, properties -> properties.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "glue"));

        Authentication authentication = authenticator().authenticate(wire.incoming());

        assertThat(authentication.service()).contains("glue");
        assertThat(authentication.credential()).contains(PERMANENT);
    }

    @Test
    void refusesATamperedHeaderAndTellsWhatWasSigned()
    {
        Wire wire = signS3(put("report.csv").putHeader("Content-Type", "text/csv").putHeader("x-amz-meta-owner", "alice").build(),
                bytes("a,b\n1,2\n"), properties -> {});
        Wire tampered = wire.withRequest(builder -> builder.putHeader("x-amz-meta-owner", "mallory"));

        AwsException error = failure(authenticator(), tampered.incoming());

        assertThat(error.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(error.httpStatus()).isEqualTo(403);
        String canonicalRequest = error.details().get("CanonicalRequest");
        String stringToSign = error.details().get("StringToSign");
        assertThat(canonicalRequest)
                .startsWith("PUT\n/report.csv\n\n")
                .contains("\nhost:" + HOST + "\n")
                .contains("\nx-amz-meta-owner:mallory\n")
                .endsWith("\n\ncontent-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-meta-owner\n"
                        + SigV4.sha256Hex("a,b\n1,2\n"));
        assertThat(stringToSign).isEqualTo("AWS4-HMAC-SHA256\n20260101T120000Z\n20260101/us-east-1/s3/aws4_request\n" + SigV4.sha256Hex(canonicalRequest));
        assertThat(error.details()).containsEntry("AWSAccessKeyId", ACCESS_KEY)
                .containsEntry("StringToSignBytes", SigV4.spacedHex(stringToSign))
                .containsEntry("CanonicalRequestBytes", SigV4.spacedHex(canonicalRequest))
                .containsKey("SignatureProvided");
    }

    @Test
    void refusesATamperedPathQueryOrMethod()
    {
        Wire wire = signS3(get("a/b.txt").putRawQueryParameter("versionId", "1").build(), null, properties -> {});

        assertThat(failure(authenticator(), wire.withRequest(builder -> builder.encodedPath("/a/c.txt")).incoming()).code())
                .isEqualTo("SignatureDoesNotMatch");
        assertThat(failure(authenticator(), wire.withRequest(builder -> builder.encodedPath("/a//b.txt")).incoming()).code())
                .isEqualTo("SignatureDoesNotMatch");
        assertThat(failure(authenticator(), wire.withRequest(builder -> builder.putRawQueryParameter("versionId", "2")).incoming()).code())
                .isEqualTo("SignatureDoesNotMatch");
        assertThat(failure(authenticator(), wire.withRequest(builder -> builder.putRawQueryParameter("acl", "")).incoming()).code())
                .isEqualTo("SignatureDoesNotMatch");
        assertThat(failure(authenticator(), wire.withRequest(builder -> builder.method(SdkHttpMethod.DELETE)).incoming()).code())
                .isEqualTo("SignatureDoesNotMatch");
        assertThat(failure(authenticator(), wire.withRequest(builder -> builder.putHeader("Host", "other.s3.amazonaws.com")).incoming()).code())
                .isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret()
    {
        SdkHttpRequest request = get("a.txt").build();
        var signed = AwsV4HttpSigner.create().sign(builder -> builder
                .identity(software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create(ACCESS_KEY, "wrong-secret"))
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, SdkRequests.CLOCK));

        assertThat(failure(authenticator(), SdkRequests.toIncoming(signed.request(), new byte[0])).code()).isEqualTo("SignatureDoesNotMatch");
    }

    // ---- payloads: digest, unsigned

    @Test
    void verifiesAHexDigestPayloadAsItStreams()
            throws IOException
    {
        byte[] body = random(100_000, 1);
        Wire wire = signS3(put("data.bin").build(), body, properties -> {});
        assertThat(wire.request().firstMatchingHeader("x-amz-content-sha256")).contains(SigV4.hex(SigV4.sha256(body)));

        Authentication authentication = authenticator().authenticate(wire.incoming());
        assertThat(authentication.decodedLength()).isEqualTo(OptionalLong.of(body.length));
        assertThat(readPayload(authentication)).isEqualTo(body);

        // A reader that stops at the declared length is still checked.
        try (InputStream in = authenticator().authenticate(wire.incoming()).payload()) {
            assertThat(in.readNBytes(body.length)).isEqualTo(body);
        }
    }

    @Test
    void refusesAPayloadThatDoesNotMatchItsDigest()
    {
        byte[] body = random(100_000, 2);
        Wire wire = signS3(put("data.bin").build(), body, properties -> {});
        byte[] tampered = body.clone();
        tampered[50_000] ^= 1;

        AwsException error = failure(authenticator(), wire.withBody(tampered).incoming());

        assertThat(error.code()).isEqualTo("XAmzContentSHA256Mismatch");
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.details())
                .containsEntry("ClientComputedContentSHA256", SigV4.hex(SigV4.sha256(body)))
                .containsEntry("S3ComputedContentSHA256", SigV4.hex(SigV4.sha256(tampered)));

        // Reading exactly Content-Length bytes fails too, without waiting for end of stream.
        Authentication authentication = authenticator().authenticate(wire.withBody(tampered).incoming());
        assertThatThrownBy(() -> authentication.payload().readNBytes(tampered.length))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("XAmzContentSHA256Mismatch"));
    }

    @Test
    void refusesADigestReplacedAlongWithThePayload()
    {
        byte[] body = bytes("original");
        Wire wire = signS3(put("data.bin").build(), body, properties -> {});
        byte[] replaced = bytes("replaced");
        Wire tampered = wire.withBody(replaced).withRequest(builder -> builder.putHeader("x-amz-content-sha256", SigV4.hex(SigV4.sha256(replaced))));

        assertThat(failure(authenticator(), tampered.incoming()).code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void refusesATruncatedBody()
    {
        byte[] body = random(10_000, 3);
        Wire wire = signS3(put("data.bin").build(), body, properties -> {});

        AwsException error = failure(authenticator(), wire.withBody(java.util.Arrays.copyOf(body, 9_000)).incoming());

        assertThat(error.code()).isEqualTo("IncompleteBody");
    }

    @Test
    void passesAnUnsignedPayloadThrough()
    {
        byte[] body = random(70_000, 4);
        Wire wire = signS3(put("data.bin").build(), body, properties -> properties.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        assertThat(wire.request().firstMatchingHeader("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");

        Authentication authentication = authenticator().authenticate(wire.incoming());

        assertThat(readPayload(authentication)).isEqualTo(body);
        assertThat(authentication.decodedLength()).isEqualTo(OptionalLong.of(body.length));
    }

    @Test
    void refusesAnUnknownPayloadMode()
    {
        Wire wire = signS3(get("a").build(), null, properties -> {})
                .withRequest(builder -> builder.putHeader("x-amz-content-sha256", "STREAMING-SOMETHING"));

        AwsException error = failure(authenticator(), wire.incoming());

        assertThat(error.code()).isEqualTo("InvalidArgument");
        assertThat(error.details()).containsEntry("ArgumentName", "x-amz-content-sha256");
    }

    // ---- aws-chunked payloads

    @Test
    void decodesSignedChunks()
            throws IOException
    {
        byte[] body = random(300 * 1024 + 17, 5);
        Wire wire = signS3(put("big.bin").build(), body, properties -> properties.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true));
        assertThat(wire.request().firstMatchingHeader("x-amz-content-sha256")).contains("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        assertThat(wire.bodyText()).contains(";chunk-signature=");

        Authentication authentication = authenticator().authenticate(wire.incoming());
        assertThat(authentication.decodedLength()).isEqualTo(OptionalLong.of(body.length));
        assertThat(readPayload(authentication)).isEqualTo(body);
        assertThat(authentication.trailers().get().asMap()).isEmpty();

        for (int readSize : new int[] {1, 7, 8191, 8192, 65_536, 1 << 20}) {
            assertThat(readInPieces(authenticator().authenticate(wire.incoming()).payload(), readSize)).isEqualTo(body);
        }
        assertThat(readPayload(authenticator().authenticate(trickle(wire.incoming())))).isEqualTo(body);
    }

    @Test
    void decodesAnEmptySignedChunkedBody()
    {
        Wire wire = signS3(put("empty").build(), new byte[0], properties -> properties.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true));

        assertThat(readPayload(authenticator().authenticate(wire.incoming()))).isEmpty();
    }

    @Test
    void refusesTamperedChunkData()
    {
        byte[] body = random(300 * 1024, 6);
        Wire wire = signS3(put("big.bin").build(), body, properties -> properties.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true));
        byte[] tampered = wire.body().clone();
        tampered[200 * 1024] ^= 0x20;

        assertThat(failure(authenticator(), wire.withBody(tampered).incoming()).code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void refusesATamperedChunkSignature()
    {
        Wire wire = signS3(put("big.bin").build(), random(300 * 1024, 7),
                properties -> properties.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true));

        for (int occurrence = 0; occurrence < 4; occurrence++) {
            byte[] tampered = flipSignatureDigit(wire.body(), ";chunk-signature=", occurrence);
            assertThat(failure(authenticator(), wire.withBody(tampered).incoming()).code()).as("chunk %s", occurrence).isEqualTo("SignatureDoesNotMatch");
        }
    }

    @Test
    void refusesTheLastChunkSignatureEvenToAReaderThatStopsAtTheDeclaredLength()
    {
        byte[] body = random(1000, 8);
        Wire wire = signS3(put("small.bin").build(), body, properties -> properties.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true));
        Wire tampered = wire.withBody(flipSignatureDigit(wire.body(), ";chunk-signature=", 1));

        Authentication authentication = authenticator().authenticate(tampered.incoming());

        assertThatThrownBy(() -> authentication.payload().readNBytes(body.length))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
        assertThatThrownBy(() -> authentication.payload().read())
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
    }

    @Test
    void refusesReorderedOrDroppedChunks()
    {
        byte[] body = random(128 * 1024 * 2, 9);
        Wire wire = signS3(put("two.bin").build(), body, properties -> properties.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true));
        String text = wire.bodyText();
        int second = text.indexOf("20000;chunk-signature=", 10);
        int last = text.indexOf("0;chunk-signature=", second + 10);
        String first = text.substring(0, second);
        String middle = text.substring(second, last);
        String end = text.substring(last);

        Wire swapped = wire.withBody((middle + first + end).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(failure(authenticator(), swapped.incoming()).code()).isEqualTo("SignatureDoesNotMatch");

        byte[] dropped = (first + end).getBytes(StandardCharsets.ISO_8859_1);
        IncomingRequest droppedRequest = withContentLength(wire.withBody(dropped).incoming(), OptionalLong.of(dropped.length));
        assertThat(failure(authenticator(), droppedRequest).code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void refusesATruncatedChunkedBody()
    {
        byte[] body = random(300 * 1024, 10);
        Wire wire = signS3(put("big.bin").build(), body, properties -> properties.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true));

        // The connection ends before Content-Length bytes came.
        byte[] cut = java.util.Arrays.copyOf(wire.body(), wire.body().length - 100);
        assertThat(failure(authenticator(), wire.withBody(cut).incoming()).code()).isEqualTo("IncompleteBody");

        // No Content-Length at all (the HTTP layer's own chunking), and the aws-chunked body stops early.
        byte[] cutInData = java.util.Arrays.copyOf(wire.body(), 200 * 1024);
        IncomingRequest noLength = withContentLength(wire.withBody(cutInData).incoming(), OptionalLong.empty());
        assertThat(failure(authenticator(), noLength).code()).isEqualTo("IncompleteBody");

        // A body that ends cleanly after the final chunk but holds less than x-amz-decoded-content-length.
        Wire shortDeclared = signS3(put("big.bin").putHeader("x-amz-decoded-content-length", Integer.toString(body.length + 10)).build(), body,
                properties -> properties.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true));
        assertThat(failure(authenticator(), shortDeclared.incoming()).code()).isEqualTo("IncompleteBody");
    }

    @Test
    void refusesAChangedDecodedLength()
    {
        Wire wire = signS3(put("big.bin").build(), random(1000, 11), properties -> properties.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true));

        Wire tampered = wire.withRequest(builder -> builder.putHeader("x-amz-decoded-content-length", "999"));

        assertThat(failure(authenticator(), tampered.incoming()).code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void decodesUnsignedChunksWithAChecksumTrailer()
    {
        byte[] body = random(200 * 1024 + 3, 12);
        Wire wire = signS3(put("data.bin").build(), body, properties -> properties
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
        assertThat(wire.request().firstMatchingHeader("x-amz-content-sha256")).contains("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertThat(wire.request().firstMatchingHeader("x-amz-trailer")).contains("x-amz-checksum-crc32");

        Authentication authentication = authenticator().authenticate(wire.incoming());
        assertThatThrownBy(() -> authentication.trailers().get()).isInstanceOf(IllegalStateException.class);

        assertThat(readPayload(authentication)).isEqualTo(body);
        Headers trailers = authentication.trailers().get();
        assertThat(trailers.asMap().keySet()).containsExactly("x-amz-checksum-crc32");
        assertThat(trailers.first("x-amz-checksum-crc32")).contains(crc32(body));
        assertThat(readPayload(authenticator().authenticate(trickle(wire.incoming())))).isEqualTo(body);
    }

    @Test
    void refusesTrailersThatWereNotAnnounced()
    {
        Wire wire = signS3(put("data.bin").build(), random(1000, 13), properties -> properties
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));

        IncomingRequest renamed = replaceInBody(wire, "x-amz-checksum-crc32:", "x-amz-checksum-crc99:");
        assertThat(renamed.contentLength()).isEqualTo(wire.incoming().contentLength());
        assertThat(failure(authenticator(), renamed).code()).isEqualTo("MalformedTrailerError");

        String text = wire.bodyText();
        IncomingRequest missing = replaceInBody(wire, text.substring(text.indexOf("x-amz-checksum-crc32:"), text.length() - 2), "");
        assertThat(failure(authenticator(), missing).code()).isEqualTo("MalformedTrailerError");
    }

    @Test
    void decodesSignedChunksWithASignedTrailer()
    {
        byte[] body = random(260 * 1024, 14);
        Wire wire = signS3(put("data.bin").build(), body, properties -> properties
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
        assertThat(wire.request().firstMatchingHeader("x-amz-content-sha256")).contains("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
        assertThat(wire.bodyText()).contains("x-amz-trailer-signature:");

        Authentication authentication = authenticator().authenticate(wire.incoming());

        assertThat(readPayload(authentication)).isEqualTo(body);
        assertThat(authentication.trailers().get().first("x-amz-checksum-crc32")).contains(crc32(body));
        assertThat(authentication.trailers().get().contains("x-amz-trailer-signature")).isFalse();
    }

    @Test
    void refusesATamperedSignedTrailer()
    {
        byte[] body = random(1000, 15);
        Wire wire = signS3(put("data.bin").build(), body, properties -> properties
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
        String crc = crc32(body);

        IncomingRequest changedValue = replaceInBody(wire, "x-amz-checksum-crc32:" + crc, "x-amz-checksum-crc32:" + crc32(bytes("other")));
        assertThat(failure(authenticator(), changedValue).code()).isEqualTo("SignatureDoesNotMatch");

        Wire changedSignature = wire.withBody(flipSignatureDigit(wire.body(), "x-amz-trailer-signature:", 0));
        assertThat(failure(authenticator(), changedSignature.incoming()).code()).isEqualTo("SignatureDoesNotMatch");

        String text = wire.bodyText();
        int signatureLine = text.indexOf("x-amz-trailer-signature:");
        IncomingRequest unsignedTrailer = replaceInBody(wire, text.substring(signatureLine, text.indexOf("\r\n", signatureLine) + 2), "");
        assertThat(failure(authenticator(), unsignedTrailer).code()).isEqualTo("SignatureDoesNotMatch");
    }

    // ---- clock

    @Test
    void refusesARequestTooFarFromTheServerClock()
    {
        Wire wire = signS3(get("a").build(), null, properties -> {});

        assertThat(authenticatorAt(NOW.plus(Duration.ofMinutes(14))).authenticate(wire.incoming()).credential()).isPresent();
        assertThat(authenticatorAt(NOW.minus(Duration.ofMinutes(14))).authenticate(wire.incoming()).credential()).isPresent();

        AwsException late = failure(authenticatorAt(NOW.plus(Duration.ofMinutes(16))), wire.incoming());
        assertThat(late.code()).isEqualTo("RequestTimeTooSkewed");
        assertThat(late.httpStatus()).isEqualTo(403);
        assertThat(late.details())
                .containsEntry("RequestTime", "20260101T120000Z")
                .containsEntry("ServerTime", "2026-01-01T12:16:00Z")
                .containsEntry("MaxAllowedSkewMilliseconds", "900000");
        assertThat(failure(authenticatorAt(NOW.minus(Duration.ofMinutes(16))), wire.incoming()).code()).isEqualTo("RequestTimeTooSkewed");

        SigV4Authenticator strict = new SigV4Authenticator(SdkRequests.RESOLVER, Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC), Duration.ofMinutes(1));
        assertThat(failure(strict, wire.incoming()).code()).isEqualTo("RequestTimeTooSkewed");
    }

    @Test
    void acceptsTheDateHeaderInsteadOfXAmzDate()
    {
        // Sign with the Date header only: the SDK always adds X-Amz-Date, so build the signature by hand.
        String date = "Thu, 01 Jan 2026 12:00:00 GMT";
        String canonicalRequest = "GET\n/a.txt\n\ndate:" + date + "\nhost:" + HOST + "\n\ndate;host\n" + SigV4.EMPTY_SHA256;
        String stringToSign = "AWS4-HMAC-SHA256\n20260101T120000Z\n20260101/us-east-1/s3/aws4_request\n" + SigV4.sha256Hex(canonicalRequest);
        String signature = SigV4.hex(SigV4.hmac(SigV4.signingKey(SdkRequests.SECRET_KEY, "20260101", "us-east-1", "s3"), stringToSign));
        Headers headers = Headers.builder()
                .add("Host", HOST)
                .add("Date", date)
                .add("x-amz-content-sha256", SigV4.EMPTY_SHA256)
                .add("Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20260101/us-east-1/s3/aws4_request,SignedHeaders=date;host,Signature=" + signature)
                .build();

        IncomingRequest request = new IncomingRequest("GET", "/a.txt", "", headers, new ByteArrayInputStream(new byte[0]), OptionalLong.empty());

        assertThat(authenticator().authenticate(request).credential()).contains(PERMANENT);
    }

    // ---- credentials

    @Test
    void refusesAnUnknownOrInactiveKey()
    {
        Wire wire = signS3(get("a").build(), null, properties -> {});
        Wire unknown = withAccessKey(wire, ACCESS_KEY, "AKIAUNKNOWNKEY000000");
        Wire inactive = withAccessKey(wire, ACCESS_KEY, SdkRequests.INACTIVE_ACCESS_KEY);

        AwsException unknownError = failure(authenticator(), unknown.incoming());
        assertThat(unknownError.code()).isEqualTo("InvalidAccessKeyId");
        assertThat(unknownError.httpStatus()).isEqualTo(403);
        assertThat(unknownError.details()).containsEntry("AWSAccessKeyId", "AKIAUNKNOWNKEY000000");
        assertThat(failure(authenticator(), inactive.incoming()).code()).isEqualTo("InvalidAccessKeyId");
    }

    @Test
    void verifiesTemporaryCredentialsWithTheirToken()
    {
        Wire wire = signTemporary(SESSION_TOKEN, SdkRequests.CLOCK);
        assertThat(wire.request().firstMatchingHeader("X-Amz-Security-Token")).contains(SESSION_TOKEN);

        assertThat(authenticator().authenticate(wire.incoming()).credential()).contains(TEMPORARY);
    }

    @Test
    void refusesTemporaryCredentialsWithoutTheirToken()
    {
        Wire wire = signTemporary(SESSION_TOKEN, SdkRequests.CLOCK);

        Wire missing = wire.withRequest(builder -> builder.removeHeader("X-Amz-Security-Token"));
        assertThat(failure(authenticator(), missing.incoming()).code()).isEqualTo("InvalidToken");

        Wire other = signTemporary("AnotherSessionToken", SdkRequests.CLOCK);
        assertThat(failure(authenticator(), other.incoming()).code()).isEqualTo("InvalidToken");

        Wire tokenOnPermanentKey = signS3(get("a").putHeader("X-Amz-Security-Token", SESSION_TOKEN).build(), null, properties -> {});
        assertThat(failure(authenticator(), tokenOnPermanentKey.incoming()).code()).isEqualTo("InvalidToken");
    }

    @Test
    void refusesExpiredTemporaryCredentials()
    {
        Instant afterExpiry = SdkRequests.TOKEN_EXPIRATION.plusSeconds(60);
        Wire wire = signTemporary(SESSION_TOKEN, Clock.fixed(afterExpiry, ZoneOffset.UTC));

        AwsException error = failure(authenticatorAt(afterExpiry), wire.incoming());

        assertThat(error.code()).isEqualTo("ExpiredToken");
        assertThat(error.httpStatus()).isEqualTo(400);
    }

    // ---- malformed and missing signatures

    @ParameterizedTest
    @ValueSource(strings = {
            "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date",
            "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/s3, SignedHeaders=host;x-amz-date, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=%s/2026-01-01/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=%s/20260102/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/s3/aws5_request, SignedHeaders=host;x-amz-date, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=%s/20260101//s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/s3/aws4_request, SignedHeaders=x-amz-date, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;;x-amz-date, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/s3/aws4_request, Credential=x, SignedHeaders=host, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc, Extra=1",
            "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/s3/aws4_request SignedHeaders=host Signature=abc",
            "AWS4-HMAC-SHA256",
    })
    void refusesAMalformedAuthorizationHeader(String authorization)
    {
        Wire wire = signS3(get("a").build(), null, properties -> {})
                .withRequest(builder -> builder.putHeader("Authorization", authorization.formatted(ACCESS_KEY)));

        AwsException error = failure(authenticator(), wire.incoming());

        assertThat(error.code()).isEqualTo("AuthorizationHeaderMalformed");
        assertThat(error.httpStatus()).isEqualTo(400);
    }

    @Test
    void refusesOtherAuthorizationSchemes()
    {
        Wire wire = signS3(get("a").build(), null, properties -> {});

        assertThat(failure(authenticator(), wire.withRequest(builder -> builder.putHeader("Authorization", "AWS " + ACCESS_KEY + ":c2lnbmF0dXJl")).incoming()).code())
                .isEqualTo("InvalidRequest");
        assertThat(failure(authenticator(), wire.withRequest(builder -> builder.putHeader("Authorization", "Bearer abc")).incoming()).code())
                .isEqualTo("InvalidArgument");
        assertThat(failure(authenticator(), wire.withRequest(builder -> builder.putRawQueryParameter("X-Amz-Credential", "x")).incoming()).code())
                .isEqualTo("InvalidArgument");
    }

    @Test
    void refusesAMissingOrUnreadableDate()
    {
        Wire wire = signS3(get("a").build(), null, properties -> {});

        assertThat(failure(authenticator(), wire.withRequest(builder -> builder.removeHeader("X-Amz-Date")).incoming()).code())
                .isEqualTo("AccessDenied");
        assertThat(failure(authenticator(), wire.withRequest(builder -> builder.putHeader("X-Amz-Date", "2026-01-01T12:00:00Z")).incoming()).code())
                .isEqualTo("AccessDenied");
    }

    @Test
    void letsAnonymousRequestsThroughWithoutACredential()
    {
        byte[] body = bytes("public data");
        IncomingRequest request = new IncomingRequest("PUT", "/bucket/key", "acl",
                Headers.builder().add("Host", "s3.example.com").build(), new ByteArrayInputStream(body), OptionalLong.of(body.length));

        Authentication authentication = authenticator().authenticate(request);

        assertThat(authentication.credential()).isEmpty();
        assertThat(authentication.service()).isEmpty();
        assertThat(authentication.region()).isEmpty();
        assertThat(authentication.decodedLength()).isEqualTo(OptionalLong.of(body.length));
        assertThat(readPayload(authentication)).isEqualTo(body);

        IncomingRequest wrongDigest = new IncomingRequest("PUT", "/bucket/key", "",
                Headers.builder().add("Host", "s3.example.com").add("x-amz-content-sha256", SigV4.EMPTY_SHA256).build(),
                new ByteArrayInputStream(body), OptionalLong.of(body.length));
        assertThat(failure(authenticator(), wrongDigest).code()).isEqualTo("XAmzContentSHA256Mismatch");
    }

    // ---- helpers

    static SdkHttpRequest.Builder get(String key)
    {
        return SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("https").host(HOST).encodedPath("/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
    }

    static SdkHttpRequest.Builder put(String key)
    {
        return get(key).method(SdkHttpMethod.PUT);
    }

    private static Wire signTemporary(String token, Clock clock)
    {
        return signS3(get("a").build(), null, properties -> properties
                .identity(AwsSessionCredentialsIdentity.create(TEMPORARY_ACCESS_KEY, SdkRequests.SECRET_KEY, token))
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    }

    static AwsException failure(SigV4Authenticator authenticator, IncomingRequest request)
    {
        try {
            readPayload(authenticator.authenticate(request));
        }
        catch (AwsException e) {
            return e;
        }
        throw new AssertionError("the request was accepted");
    }

    static byte[] random(int size, long seed)
    {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String crc32(byte[] data)
    {
        CRC32 crc = new CRC32();
        crc.update(data);
        long value = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value});
    }

    private static byte[] readInPieces(InputStream in, int size)
            throws IOException
    {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[size];
        while (true) {
            int n = size == 1 ? oneByte(in, buffer) : in.read(buffer, 0, size);
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buffer, 0, n);
        }
    }

    private static int oneByte(InputStream in, byte[] buffer)
            throws IOException
    {
        int b = in.read();
        if (b < 0) {
            return -1;
        }
        buffer[0] = (byte) b;
        return 1;
    }

    /** The same request with a body that arrives one to three bytes at a time, as a slow network hands it over. */
    static IncomingRequest trickle(IncomingRequest request)
    {
        InputStream body = request.body();
        InputStream slow = new InputStream()
        {
            private int turn;

            @Override
            public int read()
                    throws IOException
            {
                return body.read();
            }

            @Override
            public int read(byte[] b, int off, int len)
                    throws IOException
            {
                return body.read(b, off, Math.min(len, 1 + turn++ % 3));
            }
        };
        return new IncomingRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(), slow, request.contentLength());
    }

    static IncomingRequest withContentLength(IncomingRequest request, OptionalLong contentLength)
    {
        return new IncomingRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(), request.body(), contentLength);
    }

    private static Wire withAccessKey(Wire wire, String from, String to)
    {
        String authorization = wire.request().firstMatchingHeader("Authorization").orElseThrow();
        return wire.withRequest(builder -> builder.putHeader("Authorization", authorization.replace(from, to)));
    }

    /** Changes one hex digit of the n-th signature that follows the marker in the body. */
    private static byte[] flipSignatureDigit(byte[] body, String marker, int occurrence)
    {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = -1;
        for (int i = 0; i <= occurrence; i++) {
            at = text.indexOf(marker, at + 1);
            assertThat(at).as("signature %s after %s", occurrence, marker).isGreaterThanOrEqualTo(0);
        }
        byte[] tampered = body.clone();
        int digit = at + marker.length() + 5;
        tampered[digit] = (byte) (tampered[digit] == '0' ? '1' : '0');
        return tampered;
    }

    /**
     * Replaces text in the body. The length the connection delivers follows the new size; the
     * signed Content-Length header is left alone, so that only the body's own checks are tried.
     */
    private static IncomingRequest replaceInBody(Wire wire, String from, String to)
    {
        String text = wire.bodyText();
        assertThat(text).contains(from);
        byte[] replaced = text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
        return withContentLength(wire.withBody(replaced).incoming(), OptionalLong.of(replaced.length));
    }
}
