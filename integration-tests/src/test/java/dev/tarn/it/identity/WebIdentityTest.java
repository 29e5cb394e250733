package dev.tarn.it.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tarn.iam.ConfiguredOidcKeys;
import dev.tarn.it.TestServer;
import dev.tarn.it.iam.AdjustableClock;
import dev.tarn.server.TarnServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * OpenID Connect providers and AssumeRoleWithWebIdentity through the SDK: tokens signed here with
 * keys generated here, the provider's public keys placed as a JWKS file in the data directory,
 * the request sent unsigned as the SDK sends it.
 */
class WebIdentityTest
{
    private static final String ISSUER_HOST = "idp.lake.example";
    private static final String ISSUER = "https://" + ISSUER_HOST;
    private static final String CLIENT_ID = "lake-app";
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final AdjustableClock clock = new AdjustableClock();

    private static TestServer server;
    private static IamClient iam;
    private static StsClient unsigned;
    private static RSAKey rsaKey;
    private static ECKey ecKey;
    private static String providerArn;

    @BeforeAll
    static void start()
            throws JOSEException
    {
        server = TestServer.start(clock);
        iam = server.iam();
        unsigned = server.sts(AnonymousCredentialsProvider.create());
        rsaKey = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        writeKeys(ISSUER_HOST, List.of(rsaKey, ecKey));
        providerArn = iam.createOpenIDConnectProvider(request -> request.url(ISSUER).clientIDList(CLIENT_ID, "other-app")).openIDConnectProviderArn();
        server.s3().createBucket(request -> request.bucket("datasets"));
        server.s3().putObject(request -> request.bucket("datasets").key("a.csv"), RequestBody.fromString("a,b"));
    }

    @AfterAll
    static void stop()
    {
        unsigned.close();
        iam.close();
        server.close();
    }

    @AfterEach
    void resetClock()
    {
        clock.reset();
    }

    static void writeKeys(String providerUrl, List<JWK> keys)
    {
        Path directory = server.dataDir().resolve(TarnServer.OIDC_KEYS_DIRECTORY);
        try {
            Files.createDirectories(directory);
            Files.writeString(ConfiguredOidcKeys.file(directory, providerUrl), new JWKSet(keys).toPublicJWKSet().toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String token(JWK key, Consumer<JWTClaimsSet.Builder> claims)
    {
        Instant now = clock.instant();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("repo:lake/ingest:ref:refs/heads/main")
                .audience(CLIENT_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
        claims.accept(builder);
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            JWSAlgorithm algorithm = key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), builder.build());
            jwt.sign(signer);
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String trust(String provider, String subjectPattern)
    {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},
                 "Action":"sts:AssumeRoleWithWebIdentity",
                 "Condition":{"StringEquals":{"%s:aud":"%s"},"StringLike":{"%s:sub":"%s"}}}]}"""
                .formatted(provider, ISSUER_HOST, CLIENT_ID, ISSUER_HOST, subjectPattern);
    }

    static String newRole(String trust)
    {
        String name = "web-" + NAMES.incrementAndGet();
        String arn = iam.createRole(request -> request.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
        iam.putRolePolicy(request -> request.roleName(name).policyName("read").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::datasets/*"}]}"""));
        return arn;
    }

    static AssumeRoleWithWebIdentityResponse assume(String roleArn, String token)
    {
        return unsigned.assumeRoleWithWebIdentity(request -> request.roleArn(roleArn).roleSessionName("ingest").webIdentityToken(token));
    }

    static StaticCredentialsProvider session(Credentials credentials)
    {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
    }

    static void assertStsError(Runnable call, int status, String code, String messagePart)
    {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }

    @Test
    void aSignedTokenOfATrustedProviderGetsARoleSession()
    {
        String roleArn = newRole(trust(providerArn, "repo:lake/*"));
        AssumeRoleWithWebIdentityResponse response = assume(roleArn, token(rsaKey, claims -> {}));

        assertThat(response.subjectFromWebIdentityToken()).isEqualTo("repo:lake/ingest:ref:refs/heads/main");
        assertThat(response.audience()).isEqualTo(CLIENT_ID);
        assertThat(response.provider()).isEqualTo(ISSUER);
        assertThat(response.assumedRoleUser().arn()).isEqualTo(roleArn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/ingest");
        assertThat(response.credentials().accessKeyId()).startsWith("ASIA");

        try (StsClient sts = server.sts(session(response.credentials()))) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo(response.assumedRoleUser().arn());
        }
        try (var s3 = server.s3(session(response.credentials()))) {
            assertThat(s3.getObjectAsBytes(request -> request.bucket("datasets").key("a.csv")).asUtf8String()).isEqualTo("a,b");
            assertThatThrownBy(() -> s3.putObject(request -> request.bucket("datasets").key("b.csv"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void anEllipticCurveKeyWorksToo()
    {
        String roleArn = newRole(trust(providerArn, "repo:lake/*"));
        assertThat(assume(roleArn, token(ecKey, claims -> {})).credentials().accessKeyId()).startsWith("ASIA");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused()
    {
        String roleArn = newRole(trust(providerArn, "repo:lake/*"));
        assertStsError(() -> assume(roleArn, token(rsaKey, claims -> claims.audience("someone-else"))), 400, "InvalidIdentityToken", "Incorrect token audience");
        // a registered client id that the trust policy does not name: the provider accepts it, the role does not
        assertStsError(() -> assume(roleArn, token(rsaKey, claims -> claims.audience("other-app"))), 403, "AccessDenied",
                "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }

    @Test
    void anExpiredOrNotYetValidTokenIsRefused()
    {
        String roleArn = newRole(trust(providerArn, "repo:lake/*"));
        String token = token(rsaKey, claims -> {});
        clock.advance(Duration.ofMinutes(11));
        assertStsError(() -> assume(roleArn, token), 400, "ExpiredTokenException", "Token expired");
        clock.reset();
        assertStsError(() -> assume(roleArn, token(rsaKey, claims -> claims.notBeforeTime(Date.from(clock.instant().plus(Duration.ofMinutes(5)))))),
                403, "IDPRejectedClaim", "not yet valid");
    }

    @Test
    void aBadSignatureIsRefused()
            throws JOSEException
    {
        String roleArn = newRole(trust(providerArn, "repo:lake/*"));
        // same key id, another key: the provider's key does not verify it
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(rsaKey.getKeyID()).generate();
        assertStsError(() -> assume(roleArn, token(impostor, claims -> {})), 400, "InvalidIdentityToken", "signature");
        // a valid token with one changed claim
        String[] parts = token(rsaKey, claims -> {}).split("\\.");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("repo:lake/ingest", "repo:lake/admins").getBytes()) + "." + parts[2];
        assertStsError(() -> assume(roleArn, tampered), 400, "InvalidIdentityToken", "signature");
        assertStsError(() -> assume(roleArn, "not-a-jwt"), 400, "InvalidIdentityToken", "not a valid JWT");
    }

    @Test
    void untrustedProvidersAndSubjectsAreRefused()
    {
        // an issuer that is no provider of the account
        String roleArn = newRole(trust(providerArn, "repo:lake/*"));
        assertStsError(() -> assume(roleArn, token(rsaKey, claims -> claims.issuer("https://elsewhere.example"))), 400, "InvalidIdentityToken",
                "No OpenIDConnect provider found in your account for https://elsewhere.example");
        // a trust policy naming another provider
        String otherProvider = iam.createOpenIDConnectProvider(request -> request.url("https://other-idp.example").clientIDList(CLIENT_ID)).openIDConnectProviderArn();
        String otherRole = newRole(trust(otherProvider, "repo:lake/*"));
        assertStsError(() -> assume(otherRole, token(rsaKey, claims -> {})), 403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
        // a subject the trust policy does not allow
        assertStsError(() -> assume(roleArn, token(rsaKey, claims -> claims.subject("repo:elsewhere/x"))), 403, "AccessDenied", "Not authorized");
        // a role that does not exist
        assertStsError(() -> assume(roleArn + "-missing", token(rsaKey, claims -> {})), 403, "AccessDenied", "Not authorized");
        iam.deleteOpenIDConnectProvider(request -> request.openIDConnectProviderArn(otherProvider));
    }

    @Test
    void aProviderWithoutKeysRefusesEveryToken()
    {
        String keyless = iam.createOpenIDConnectProvider(request -> request.url("https://keyless.invalid").clientIDList(CLIENT_ID)).openIDConnectProviderArn();
        String roleArn = newRole(trust(keyless, "*"));
        assertStsError(() -> assume(roleArn, token(rsaKey, claims -> claims.issuer("https://keyless.invalid"))), 400, "InvalidIdentityToken",
                "Couldn't retrieve verification key");
    }

    @Test
    void aDeletedProviderNoLongerVouches()
    {
        String url = "https://short-lived.example";
        writeKeys("short-lived.example", List.of(rsaKey));
        String arn = iam.createOpenIDConnectProvider(request -> request.url(url).clientIDList(CLIENT_ID)).openIDConnectProviderArn();
        String roleArn = newRole(trust(arn, "*").replace(ISSUER_HOST, "short-lived.example"));
        String token = token(rsaKey, claims -> claims.issuer(url));
        assertThat(assume(roleArn, token).credentials()).isNotNull();
        iam.deleteOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn));
        assertStsError(() -> assume(roleArn, token), 400, "InvalidIdentityToken", "No OpenIDConnect provider found");
    }

    @Test
    void otherStsActionsStaySigned()
    {
        // unsigned, GetCallerIdentity is not routed to STS at all: no identity comes back
        assertThatThrownBy(unsigned::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> assertThat(e.statusCode()).isGreaterThanOrEqualTo(400));
    }

    @Test
    void providersAreManagedAsIamDoes()
    {
        String url = "https://manage.example/tenant-1";
        String arn = iam.createOpenIDConnectProvider(request -> request.url(url).clientIDList("a").thumbprintList("0123456789012345678901234567890123456789")
                .tags(tag -> tag.key("team").value("lake"))).openIDConnectProviderArn();
        assertThat(arn).isEqualTo("arn:aws:iam::" + server.accountId() + ":oidc-provider/manage.example/tenant-1");

        iam.addClientIDToOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn).clientID("b"));
        iam.addClientIDToOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn).clientID("b"));
        iam.removeClientIDFromOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn).clientID("a"));
        iam.removeClientIDFromOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn).clientID("never-there"));
        iam.updateOpenIDConnectProviderThumbprint(request -> request.openIDConnectProviderArn(arn).thumbprintList("9999999999999999999999999999999999999999"));
        iam.tagOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn).tags(tag -> tag.key("env").value("prod")));
        iam.untagOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn).tagKeys("team"));

        var provider = iam.getOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn));
        assertThat(provider.url()).isEqualTo("manage.example/tenant-1");
        assertThat(provider.clientIDList()).containsExactly("b");
        assertThat(provider.thumbprintList()).containsExactly("9999999999999999999999999999999999999999");
        assertThat(provider.tags()).extracting(tag -> tag.key() + "=" + tag.value()).containsExactly("env=prod");
        assertThat(provider.createDate()).isNotNull();
        assertThat(iam.listOpenIDConnectProviderTags(request -> request.openIDConnectProviderArn(arn)).tags()).hasSize(1);
        assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList()).extracting(entry -> entry.arn()).contains(arn, providerArn);

        assertIamError(() -> iam.createOpenIDConnectProvider(request -> request.url(url).clientIDList("a")), 409, "EntityAlreadyExists", "already exists");
        assertIamError(() -> iam.createOpenIDConnectProvider(request -> request.url("http://plain.example")), 400, "ValidationError", "Invalid Open ID Connect Provider URL");
        assertIamError(() -> iam.createOpenIDConnectProvider(request -> request.url("https://many.example").thumbprintList(
                List.of("1".repeat(40), "2".repeat(40), "3".repeat(40), "4".repeat(40), "5".repeat(40), "6".repeat(40)))), 400, "InvalidInput", "Thumbprint list");
        assertIamError(() -> iam.createOpenIDConnectProvider(request -> request.url("https://short.example").thumbprintList("abc")), 400, "ValidationError", "thumbprintList");

        iam.deleteOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn));
        iam.deleteOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn));
        assertIamError(() -> iam.getOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn)), 404, "NoSuchEntity",
                "OpenIDConnect Provider not found for arn " + arn);
        assertIamError(() -> iam.addClientIDToOpenIDConnectProvider(request -> request.openIDConnectProviderArn(arn).clientID("c")), 404, "NoSuchEntity", "not found");
        assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList()).extracting(entry -> entry.arn()).doesNotContain(arn);
    }

    static void assertIamError(Runnable call, int status, String code, String messagePart)
    {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }
}
