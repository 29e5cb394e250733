package dev.tarn.it.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tarn.iam.ConfiguredOidcKeys;
import dev.tarn.it.TestServer;
import dev.tarn.it.cli.AwsCli;
import dev.tarn.it.cli.CliResult;
import dev.tarn.server.TarnServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The {@code aws} CLI, unchanged, for OIDC providers, AssumeRoleWithWebIdentity, federation tokens, account aliases and asymmetric/HMAC KMS keys. */
class IdentityCliTest
{
    private static TestServer server;
    private static Optional<Path> cli;

    @TempDir
    Path directory;

    @BeforeAll
    static void start()
    {
        cli = AwsCli.installed();
        server = TestServer.start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private AwsCli aws()
    {
        assumeThat(cli).as("the aws CLI on PATH").isPresent();
        return AwsCli.forDataDir(server.dataDir(), directory);
    }

    @Test
    void webIdentityFederationWithTheCli()
            throws Exception
    {
        AwsCli aws = aws();
        RSAKey key = new RSAKeyGenerator(2048).keyID("cli-key").generate();
        Path keys = Files.createDirectories(server.dataDir().resolve(TarnServer.OIDC_KEYS_DIRECTORY));
        Files.writeString(ConfiguredOidcKeys.file(keys, "ci.lake.example"), new JWKSet(key).toPublicJWKSet().toString());

        String providerArn = aws.ok("iam", "create-open-id-connect-provider", "--url", "https://ci.lake.example", "--client-id-list", "sts.amazonaws.com",
                "--thumbprint-list", "a".repeat(40), "--query", "OpenIDConnectProviderArn", "--output", "text").strip();
        assertThat(aws.ok("iam", "list-open-id-connect-providers", "--query", "OpenIDConnectProviderList[].Arn", "--output", "text")).contains(providerArn);
        assertThat(aws.ok("iam", "get-open-id-connect-provider", "--open-id-connect-provider-arn", providerArn, "--query", "ClientIDList[0]",
                "--output", "text").strip()).isEqualTo("sts.amazonaws.com");

        String trust = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity",
                 "Condition":{"StringEquals":{"ci.lake.example:aud":"sts.amazonaws.com","ci.lake.example:sub":"repo:lake/etl:ref:refs/heads/main"}}}]}"""
                .formatted(providerArn);
        String roleArn = aws.ok("iam", "create-role", "--role-name", "ci-deploy", "--assume-role-policy-document", trust, "--query", "Role.Arn",
                "--output", "text").strip();

        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("cli-key").build(), new JWTClaimsSet.Builder()
                .issuer("https://ci.lake.example").subject("repo:lake/etl:ref:refs/heads/main").audience("sts.amazonaws.com")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build());
        jwt.sign(new RSASSASigner(key));

        String assumed = aws.ok("sts", "assume-role-with-web-identity", "--role-arn", roleArn, "--role-session-name", "deploy-42",
                "--web-identity-token", jwt.serialize(), "--query", "AssumedRoleUser.Arn", "--output", "text").strip();
        assertThat(assumed).isEqualTo("arn:aws:sts::" + server.accountId() + ":assumed-role/ci-deploy/deploy-42");

        SignedJWT other = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("cli-key").build(), new JWTClaimsSet.Builder()
                .issuer("https://ci.lake.example").subject("repo:elsewhere/x").audience("sts.amazonaws.com")
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build());
        other.sign(new RSASSASigner(key));
        CliResult denied = aws.run("sts", "assume-role-with-web-identity", "--role-arn", roleArn, "--role-session-name", "deploy-43",
                "--web-identity-token", other.serialize());
        assertThat(denied.succeeded()).isFalse();
        assertThat(denied.stderr()).contains("AccessDenied");

        aws.ok("iam", "delete-open-id-connect-provider", "--open-id-connect-provider-arn", providerArn);
        CliResult gone = aws.run("iam", "get-open-id-connect-provider", "--open-id-connect-provider-arn", providerArn);
        assertThat(gone.stderr()).contains("NoSuchEntity");
    }

    @Test
    void federationTokensAndAliasesWithTheCli()
    {
        AwsCli aws = aws();
        aws.ok("iam", "create-account-alias", "--account-alias", "lake-cli");
        assertThat(aws.ok("iam", "list-account-aliases", "--query", "AccountAliases[0]", "--output", "text").strip()).isEqualTo("lake-cli");

        aws.ok("iam", "create-user", "--user-name", "cli-federator");
        aws.ok("iam", "put-user-policy", "--user-name", "cli-federator", "--policy-name", "fed", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:GetFederationToken\",\"s3:ListAllMyBuckets\"],\"Resource\":\"*\"}]}");
        String[] keys = aws.ok("iam", "create-access-key", "--user-name", "cli-federator", "--query", "[AccessKey.AccessKeyId,AccessKey.SecretAccessKey]",
                "--output", "text").strip().split("\\s+");
        AwsCli user = aws.withKeys(keys[0], keys[1]);
        String federated = user.ok("sts", "get-federation-token", "--name", "cli-analyst", "--policy",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListAllMyBuckets\",\"Resource\":\"*\"}]}",
                "--query", "FederatedUser.Arn", "--output", "text").strip();
        assertThat(federated).isEqualTo("arn:aws:sts::" + server.accountId() + ":federated-user/cli-analyst");

        CliResult root = aws.run("sts", "get-federation-token", "--name", "root-analyst");
        assertThat(root.succeeded()).isFalse();
        assertThat(root.stderr()).contains("AccessDenied");
    }

    @Test
    void signingAndMacKeysWithTheCli()
            throws Exception
    {
        AwsCli aws = aws();
        String keyId = aws.ok("kms", "create-key", "--key-spec", "ECC_NIST_P256", "--key-usage", "SIGN_VERIFY", "--query", "KeyMetadata.KeyId",
                "--output", "text").strip();
        byte[] message = "release 1.4.2 manifest".getBytes(StandardCharsets.UTF_8);
        Path messageFile = Files.write(directory.resolve("message.bin"), message);
        String signature = aws.ok("kms", "sign", "--key-id", keyId, "--message", "fileb://" + messageFile, "--signing-algorithm", "ECDSA_SHA_256",
                "--query", "Signature", "--output", "text").strip();
        Path signatureFile = Files.write(directory.resolve("signature.bin"), Base64.getDecoder().decode(signature));
        assertThat(aws.ok("kms", "verify", "--key-id", keyId, "--message", "fileb://" + messageFile, "--signature", "fileb://" + signatureFile,
                "--signing-algorithm", "ECDSA_SHA_256", "--query", "SignatureValid", "--output", "text").strip()).isEqualTo("True");

        String publicKey = aws.ok("kms", "get-public-key", "--key-id", keyId, "--query", "PublicKey", "--output", "text").strip();
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
        Signature jdk = Signature.getInstance("SHA256withECDSA");
        jdk.initVerify(key);
        jdk.update(message);
        assertThat(jdk.verify(Base64.getDecoder().decode(signature))).isTrue();

        Path otherFile = Files.write(directory.resolve("other.bin"), "release 1.4.3 manifest".getBytes(StandardCharsets.UTF_8));
        CliResult invalid = aws.run("kms", "verify", "--key-id", keyId, "--message", "fileb://" + otherFile, "--signature", "fileb://" + signatureFile,
                "--signing-algorithm", "ECDSA_SHA_256");
        assertThat(invalid.stderr()).contains("KMSInvalidSignatureException");

        String macKey = aws.ok("kms", "create-key", "--key-spec", "HMAC_384", "--key-usage", "GENERATE_VERIFY_MAC", "--query", "KeyMetadata.KeyId",
                "--output", "text").strip();
        String mac = aws.ok("kms", "generate-mac", "--key-id", macKey, "--message", "fileb://" + messageFile, "--mac-algorithm", "HMAC_SHA_384",
                "--query", "Mac", "--output", "text").strip();
        assertThat(Base64.getDecoder().decode(mac)).hasSize(48);
        Path macFile = Files.write(directory.resolve("mac.bin"), Base64.getDecoder().decode(mac));
        assertThat(aws.ok("kms", "verify-mac", "--key-id", macKey, "--message", "fileb://" + messageFile, "--mac", "fileb://" + macFile,
                "--mac-algorithm", "HMAC_SHA_384", "--query", "MacValid", "--output", "text").strip()).isEqualTo("True");
        CliResult wrongUsage = aws.run("kms", "sign", "--key-id", macKey, "--message", "fileb://" + messageFile, "--signing-algorithm", "ECDSA_SHA_256");
        assertThat(wrongUsage.stderr()).contains("InvalidKeyUsageException");
    }
}
