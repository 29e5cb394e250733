package dev.tarn.gateway.auth;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.SigningCredential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.tarn.gateway.auth.SdkRequests.ACCESS_KEY;
import static dev.tarn.gateway.auth.SdkRequests.PERMANENT;
import static dev.tarn.gateway.auth.SdkRequests.SECRET_KEY;
import static dev.tarn.gateway.auth.SdkRequests.SESSION_TOKEN;
import static dev.tarn.gateway.auth.SdkRequests.TEMPORARY;
import static dev.tarn.gateway.auth.SdkRequests.TEMPORARY_ACCESS_KEY;
import static dev.tarn.gateway.auth.SdkRequests.authenticatorAt;
import static dev.tarn.gateway.auth.SdkRequests.readPayload;
import static dev.tarn.gateway.auth.SigV4AuthenticatorTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** Presigned URLs made by the SDK's S3Presigner (and its signer's query mode), verified and tampered with. */
class PresignedUrlTest
{
    private static final S3Presigner PRESIGNER = S3Presigner.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .build();
    private static final S3Presigner PATH_STYLE_PRESIGNER = S3Presigner.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://localhost:9000"))
            .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .build();
    private static final S3Presigner TEMPORARY_PRESIGNER = S3Presigner.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(TEMPORARY_ACCESS_KEY, SECRET_KEY, SESSION_TOKEN)))
            .build();

    @AfterAll
    static void close()
    {
        PRESIGNER.close();
        PATH_STYLE_PRESIGNER.close();
        TEMPORARY_PRESIGNER.close();
    }

    @Test
    void verifiesAPresignedGet()
    {
        PresignedGetObjectRequest presigned = presignGet(PRESIGNER, "reports/2026 Q1/ü+résumé.pdf", Duration.ofMinutes(10));
        IncomingRequest request = incoming(presigned.httpRequest(), new byte[0]);
        assertThat(request.rawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=600");

        Authentication authentication = authenticatorAt(signedAt(presigned).plusSeconds(60)).authenticate(request);

        assertThat(authentication.credential()).contains(PERMANENT);
        assertThat(authentication.service()).contains("s3");
        assertThat(authentication.region()).contains("us-east-1");
        assertThat(readPayload(authentication)).isEmpty();
    }

    @Test
    void verifiesAPathStylePresignedGetWithResponseOverrides()
    {
        PresignedGetObjectRequest presigned = PATH_STYLE_PRESIGNER.presignGetObject(builder -> builder
                .signatureDuration(Duration.ofHours(1))
                .getObjectRequest(get -> get.bucket("bucket").key("a/b c.txt")
                        .responseContentDisposition("attachment; filename=\"b c.txt\"")
                        .responseContentType("text/plain")));
        IncomingRequest request = incoming(presigned.httpRequest(), new byte[0]);
        assertThat(request.headers().first("host")).contains("localhost:9000");

        assertThat(authenticatorAt(signedAt(presigned)).authenticate(request).credential()).contains(PERMANENT);
    }

    @Test
    void refusesAnExpiredOrNotYetValidUrl()
    {
        PresignedGetObjectRequest presigned = presignGet(PRESIGNER, "a.txt", Duration.ofMinutes(10));
        IncomingRequest request = incoming(presigned.httpRequest(), new byte[0]);
        Instant signedAt = signedAt(presigned);

        assertThat(authenticatorAt(signedAt.plusSeconds(600)).authenticate(incoming(presigned.httpRequest(), new byte[0])).credential()).isPresent();

        AwsException expired = failure(authenticatorAt(signedAt.plusSeconds(601)), request);
        assertThat(expired.code()).isEqualTo("AccessDenied");
        assertThat(expired.httpStatus()).isEqualTo(403);
        assertThat(expired.getMessage()).isEqualTo("Request has expired");
        assertThat(expired.details()).containsEntry("X-Amz-Expires", "600").containsKeys("Expires", "ServerTime");

        AwsException early = failure(authenticatorAt(signedAt.minus(Duration.ofMinutes(16))), incoming(presigned.httpRequest(), new byte[0]));
        assertThat(early.code()).isEqualTo("AccessDenied");
        assertThat(early.getMessage()).isEqualTo("Request is not valid yet");
    }

    @Test
    void refusesATamperedUrl()
    {
        PresignedGetObjectRequest presigned = presignGet(PRESIGNER, "a.txt", Duration.ofMinutes(10));
        SigV4Authenticator authenticator = authenticatorAt(signedAt(presigned));
        IncomingRequest original = incoming(presigned.httpRequest(), new byte[0]);

        assertThat(failure(authenticator, withPathAndQuery(original, "/b.txt", original.rawQuery())).code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(failure(authenticator, withPathAndQuery(original, original.rawPath(), original.rawQuery().replace("X-Amz-Expires=600", "X-Amz-Expires=6000")))
                .code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(failure(authenticator, withPathAndQuery(original, original.rawPath(), original.rawQuery() + "&versionId=2")).code())
                .isEqualTo("SignatureDoesNotMatch");
        String signature = original.rawQuery().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
        String otherSignature = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
        assertThat(failure(authenticator, withPathAndQuery(original, original.rawPath(), original.rawQuery().replace(signature, otherSignature))).code())
                .isEqualTo("SignatureDoesNotMatch");
        IncomingRequest otherMethod = new IncomingRequest("DELETE", original.rawPath(), original.rawQuery(), original.headers(),
                new ByteArrayInputStream(new byte[0]), OptionalLong.empty());
        assertThat(failure(authenticator, otherMethod).code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void refusesAmzHeadersTheUrlDoesNotSign()
    {
        PresignedGetObjectRequest presigned = presignGet(PRESIGNER, "a.txt", Duration.ofMinutes(10));
        IncomingRequest original = incoming(presigned.httpRequest(), new byte[0]);
        IncomingRequest withHeader = new IncomingRequest(original.method(), original.rawPath(), original.rawQuery(),
                original.headers().toBuilder().add("x-amz-copy-source", "other/key").add("User-Agent", "curl/8").build(),
                new ByteArrayInputStream(new byte[0]), OptionalLong.empty());

        AwsException error = failure(authenticatorAt(signedAt(presigned)), withHeader);

        assertThat(error.code()).isEqualTo("AccessDenied");
        assertThat(error.details()).containsEntry("HeadersNotSigned", "x-amz-copy-source");
    }

    @Test
    void refusesMalformedQueryParameters()
    {
        PresignedGetObjectRequest presigned = presignGet(PRESIGNER, "a.txt", Duration.ofMinutes(10));
        SigV4Authenticator authenticator = authenticatorAt(signedAt(presigned));
        IncomingRequest original = incoming(presigned.httpRequest(), new byte[0]);
        String query = original.rawQuery();

        for (String tampered : new String[] {
                query.replace("X-Amz-Expires=600", "X-Amz-Expires=604801"),
                query.replace("X-Amz-Expires=600", "X-Amz-Expires=0"),
                query.replace("X-Amz-Expires=600", "X-Amz-Expires=ten"),
                query.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA1"),
                query.replace("%2Faws4_request", "%2Faws5_request"),
                query.replaceAll("X-Amz-Date=[0-9TZ]+", "X-Amz-Date=2026"),
                query.replaceAll("&?X-Amz-Date=[0-9TZ]+", ""),
                query.replaceAll("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=x-amz-date"),
        }) {
            assertThat(failure(authenticator, withPathAndQuery(original, original.rawPath(), tampered)).code())
                    .as(tampered)
                    .isEqualTo("AuthorizationQueryParametersError");
        }
        assertThat(failure(authenticator, withPathAndQuery(original, original.rawPath(), query.replace(ACCESS_KEY, "AKIAUNKNOWN"))).code())
                .isEqualTo("InvalidAccessKeyId");
    }

    @Test
    void uploadsThroughAPresignedPut()
    {
        byte[] body = "uploaded through a presigned URL".getBytes(StandardCharsets.UTF_8);
        PresignedPutObjectRequest presigned = PRESIGNER.presignPutObject(builder -> builder
                .signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(put -> put.bucket("bucket").key("upload.txt").contentType("text/plain").metadata(java.util.Map.of("owner", "alice"))));
        SdkHttpRequest request = presigned.httpRequest().toBuilder().putHeader("Content-Length", Integer.toString(body.length)).build();

        Authentication authentication = authenticatorAt(signedAt(presigned)).authenticate(incoming(request, body));

        assertThat(readPayload(authentication)).isEqualTo(body);
        assertThat(authentication.decodedLength()).isEqualTo(OptionalLong.of(body.length));

        SdkHttpRequest otherType = request.toBuilder().putHeader("Content-Type", "text/html").build();
        assertThat(failure(authenticatorAt(signedAt(presigned)), incoming(otherType, body)).code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void verifiesAUrlPresignedWithTemporaryCredentials()
    {
        PresignedGetObjectRequest presigned = presignGet(TEMPORARY_PRESIGNER, "a.txt", Duration.ofMinutes(10));
        IncomingRequest request = incoming(presigned.httpRequest(), new byte[0]);
        assertThat(request.rawQuery()).contains("X-Amz-Security-Token=");

        // The presigner signs at the real time: give the temporary credential an expiration after it.
        Instant signedAt = signedAt(presigned);
        SigningCredential temporary = new SigningCredential(TEMPORARY.accessKeyId(), TEMPORARY.secretAccessKey(), TEMPORARY.caller(),
                TEMPORARY.sessionToken(), Optional.of(signedAt.plus(Duration.ofHours(1))), true);
        SigV4Authenticator authenticator = new SigV4Authenticator(accessKeyId -> Optional.of(temporary).filter(c -> c.accessKeyId().equals(accessKeyId)),
                Clock.fixed(signedAt, ZoneOffset.UTC));

        assertThat(authenticator.authenticate(request).credential()).contains(temporary);

        IncomingRequest withoutToken = withPathAndQuery(request, request.rawPath(), request.rawQuery().replaceAll("&?X-Amz-Security-Token=[^&]*", ""));
        assertThat(failure(authenticator, withoutToken).code()).isEqualTo("InvalidToken");

        SigV4Authenticator afterExpiry = new SigV4Authenticator(accessKeyId -> Optional.of(temporary), Clock.fixed(signedAt.plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertThat(failure(afterExpiry, request).code()).isEqualTo("ExpiredToken");
    }

    @Test
    void verifiesAQuerySignedRequestOfAnotherService()
    {
        // The EKS-token style: an STS GetCallerIdentity request presigned by the signer's query mode.
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("https").host("sts.us-east-1.amazonaws.com").encodedPath("/")
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15")
                .build();
        SdkRequests.Wire wire = SdkRequests.sign(request, null, properties -> properties
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60)));

        Authentication authentication = SdkRequests.authenticator().authenticate(wire.incoming());

        assertThat(authentication.service()).contains("sts");
        assertThat(authentication.credential()).contains(PERMANENT);
    }

    private static PresignedGetObjectRequest presignGet(S3Presigner presigner, String key, Duration duration)
    {
        return presigner.presignGetObject(builder -> builder.signatureDuration(duration).getObjectRequest(get -> get.bucket("bucket").key(key)));
    }

    private static Instant signedAt(software.amazon.awssdk.awscore.presigner.PresignedRequest presigned)
    {
        String date = presigned.httpRequest().firstMatchingRawQueryParameter("X-Amz-Date").orElseThrow();
        return SigV4.parseBasicDateTime(date).orElseThrow();
    }

    private static IncomingRequest incoming(SdkHttpRequest request, byte[] body)
    {
        return SdkRequests.toIncoming(request, body);
    }

    private static IncomingRequest withPathAndQuery(IncomingRequest request, String path, String query)
    {
        return new IncomingRequest(request.method(), path, query, request.headers(), new ByteArrayInputStream(new byte[0]), request.contentLength());
    }
}
