package dev.tarn.it.kms;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.CreateGrantResponse;
import software.amazon.awssdk.services.kms.model.CreateKeyResponse;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.ReEncryptResponse;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;
import software.amazon.awssdk.services.kms.model.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KMS through the AWS SDK for Java v2: every operation, its errors, and its effects on cryptography. */
class KmsTest
{
    private static final SdkBytes SECRET = SdkBytes.fromString("orders are confidential", StandardCharsets.UTF_8);

    private static TestServer server;
    private static String account;
    private static String aliceArn;
    private static KmsClient kms;
    private static KmsClient alice;
    private static AwsCredentialsProvider aliceCredentials;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        account = server.accountId();
        kms = server.kms();
        // a user of the account with no policy at all: only grants and key policies naming her let her in
        try (IamClient iam = server.iam()) {
            aliceArn = iam.createUser(request -> request.userName("alice")).user().arn();
            AccessKey key = iam.createAccessKey(request -> request.userName("alice")).accessKey();
            aliceCredentials = server.credentials(key.accessKeyId(), key.secretAccessKey());
            alice = server.kms(aliceCredentials);
        }
    }

    @AfterAll
    static void stop()
    {
        kms.close();
        alice.close();
        server.close();
    }

    @Test
    void createDescribeAndList()
    {
        Instant before = Instant.now().minusSeconds(2);
        CreateKeyResponse created = kms.createKey(request -> request.description("orders").tags(Tag.builder().tagKey("team").tagValue("lake").build()));
        KeyMetadata metadata = created.keyMetadata();
        assertThat(metadata.keyId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(metadata.arn()).isEqualTo("arn:aws:kms:us-east-1:" + account + ":key/" + metadata.keyId());
        assertThat(metadata.awsAccountId()).isEqualTo(account);
        assertThat(metadata.creationDate()).isAfter(before);
        assertThat(metadata.enabled()).isTrue();
        assertThat(metadata.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(metadata.keyManager()).isEqualTo(KeyManagerType.CUSTOMER);
        assertThat(metadata.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(metadata.encryptionAlgorithmsAsStrings()).containsExactly("SYMMETRIC_DEFAULT");
        assertThat(metadata.origin()).isEqualTo(OriginType.AWS_KMS);
        assertThat(metadata.multiRegion()).isFalse();
        assertThat(metadata.description()).isEqualTo("orders");

        KeyMetadata described = kms.describeKey(request -> request.keyId(metadata.arn())).keyMetadata();
        assertThat(described.keyId()).isEqualTo(metadata.keyId());
        assertThat(described.deletionDate()).isNull();

        List<String> listed = new ArrayList<>();
        String marker = null;
        do {
            String current = marker;
            ListKeysResponse page = kms.listKeys(request -> request.limit(1).marker(current));
            page.keys().forEach(entry -> listed.add(entry.keyId()));
            marker = page.truncated() ? page.nextMarker() : null;
        }
        while (marker != null);
        assertThat(listed).contains(metadata.keyId()).doesNotHaveDuplicates();

        assertThat(kms.listResourceTags(request -> request.keyId(metadata.keyId())).tags())
                .containsExactly(Tag.builder().tagKey("team").tagValue("lake").build());
    }

    @Test
    void errorsAreKmsErrors()
    {
        assertKmsError("NotFoundException", () -> kms.describeKey(request -> request.keyId("11111111-2222-3333-4444-555555555555")));
        assertKmsError("NotFoundException", () -> kms.describeKey(request -> request.keyId("alias/missing")));
        assertKmsError("NotFoundException", () -> kms.describeKey(request -> request.keyId("not-a-key")));
        assertKmsError("UnsupportedOperationException", () -> kms.createKey(request -> request.keySpec(KeySpec.SM2)));
        assertKmsError("MalformedPolicyDocumentException", () -> kms.createKey(request -> request.policy("{\"Statement\":[]}")));
        assertKmsError("ValidationException", () -> kms.generateRandom(request -> request.numberOfBytes(1025)));
        assertKmsError("AccessDeniedException", () -> alice.createKey(request -> { }));
        assertKmsError("AccessDeniedException", () -> alice.listKeys());
    }

    @Test
    void encryptDecryptWithAndWithoutContext()
    {
        String keyId = newKey();
        byte[] plain = kms.encrypt(request -> request.keyId(keyId).plaintext(SECRET)).ciphertextBlob().asByteArray();
        DecryptResponse decrypted = kms.decrypt(request -> request.ciphertextBlob(SdkBytes.fromByteArray(plain)));
        assertThat(decrypted.plaintext()).isEqualTo(SECRET);
        assertThat(decrypted.keyId()).endsWith(keyId);
        assertThat(decrypted.encryptionAlgorithmAsString()).isEqualTo("SYMMETRIC_DEFAULT");

        Map<String, String> context = Map.of("bucket", "sales", "object", "2026/orders.parquet");
        byte[] bound = kms.encrypt(request -> request.keyId(keyId).plaintext(SECRET).encryptionContext(context)).ciphertextBlob().asByteArray();
        assertThat(kms.decrypt(request -> request.ciphertextBlob(SdkBytes.fromByteArray(bound)).encryptionContext(context).keyId(keyId)).plaintext())
                .isEqualTo(SECRET);
        assertKmsError("InvalidCiphertextException", () -> kms.decrypt(request -> request.ciphertextBlob(SdkBytes.fromByteArray(bound))));
        assertKmsError("InvalidCiphertextException", () -> kms.decrypt(request -> request.ciphertextBlob(SdkBytes.fromByteArray(bound))
                .encryptionContext(Map.of("bucket", "sales", "object", "other"))));

        byte[] tampered = bound.clone();
        tampered[tampered.length - 5] ^= 0x40;
        assertKmsError("InvalidCiphertextException", () -> kms.decrypt(request -> request.ciphertextBlob(SdkBytes.fromByteArray(tampered)).encryptionContext(context)));
        assertKmsError("InvalidCiphertextException", () -> kms.decrypt(request -> request.ciphertextBlob(SdkBytes.fromUtf8String("garbage"))));
        assertKmsError("IncorrectKeyException", () -> kms.decrypt(request -> request.ciphertextBlob(SdkBytes.fromByteArray(plain)).keyId(newKey())));
        assertKmsError("InvalidKeyUsageException", () -> kms.encrypt(request -> request.keyId(keyId).plaintext(SECRET).encryptionAlgorithm("RSAES_OAEP_SHA_256")));
        assertKmsError("ValidationException", () -> kms.encrypt(request -> request.keyId(keyId).plaintext(SdkBytes.fromByteArray(new byte[4097]))));
    }

    @Test
    void reEncryptMovesACiphertextToAnotherKey()
    {
        String source = newKey();
        String destination = newKey();
        byte[] blob = kms.encrypt(request -> request.keyId(source).plaintext(SECRET).encryptionContext(Map.of("a", "1"))).ciphertextBlob().asByteArray();
        ReEncryptResponse moved = kms.reEncrypt(request -> request.ciphertextBlob(SdkBytes.fromByteArray(blob)).sourceEncryptionContext(Map.of("a", "1"))
                .destinationKeyId(destination).destinationEncryptionContext(Map.of("b", "2")));
        assertThat(moved.sourceKeyId()).endsWith(source);
        assertThat(moved.keyId()).endsWith(destination);
        DecryptResponse decrypted = kms.decrypt(request -> request.ciphertextBlob(moved.ciphertextBlob()).encryptionContext(Map.of("b", "2")));
        assertThat(decrypted.plaintext()).isEqualTo(SECRET);
        assertThat(decrypted.keyId()).endsWith(destination);
    }

    @Test
    void dataKeysAndRandomBytes()
    {
        String keyId = newKey();
        GenerateDataKeyResponse dataKey = kms.generateDataKey(request -> request.keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(Map.of("t", "x")));
        assertThat(dataKey.plaintext().asByteArray()).hasSize(32);
        assertThat(kms.decrypt(request -> request.ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(Map.of("t", "x"))).plaintext())
                .isEqualTo(dataKey.plaintext());
        assertThat(kms.generateDataKey(request -> request.keyId(keyId).keySpec(DataKeySpec.AES_128)).plaintext().asByteArray()).hasSize(16);
        assertThat(kms.generateDataKey(request -> request.keyId(keyId).numberOfBytes(64)).plaintext().asByteArray()).hasSize(64);
        assertKmsError("ValidationException", () -> kms.generateDataKey(request -> request.keyId(keyId)));
        assertKmsError("ValidationException", () -> kms.generateDataKey(request -> request.keyId(keyId).numberOfBytes(32).keySpec(DataKeySpec.AES_256)));

        var withoutPlaintext = kms.generateDataKeyWithoutPlaintext(request -> request.keyId(keyId).keySpec(DataKeySpec.AES_256));
        assertThat(kms.decrypt(request -> request.ciphertextBlob(withoutPlaintext.ciphertextBlob())).plaintext().asByteArray()).hasSize(32);

        byte[] random = kms.generateRandom(request -> request.numberOfBytes(1024)).plaintext().asByteArray();
        assertThat(random).hasSize(1024);
        assertThat(kms.generateRandom(request -> request.numberOfBytes(1024)).plaintext().asByteArray()).isNotEqualTo(random);
    }

    @Test
    void disabledAndPendingDeletionKeys()
    {
        String keyId = newKey();
        SdkBytes blob = kms.encrypt(request -> request.keyId(keyId).plaintext(SECRET)).ciphertextBlob();

        kms.disableKey(request -> request.keyId(keyId));
        assertThat(kms.describeKey(request -> request.keyId(keyId)).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
        assertKmsError("DisabledException", () -> kms.encrypt(request -> request.keyId(keyId).plaintext(SECRET)));
        assertKmsError("DisabledException", () -> kms.decrypt(request -> request.ciphertextBlob(blob)));
        assertKmsError("DisabledException", () -> kms.generateDataKey(request -> request.keyId(keyId).keySpec(DataKeySpec.AES_256)));
        kms.enableKey(request -> request.keyId(keyId));
        assertThat(kms.decrypt(request -> request.ciphertextBlob(blob)).plaintext()).isEqualTo(SECRET);

        assertKmsError("ValidationException", () -> kms.scheduleKeyDeletion(request -> request.keyId(keyId).pendingWindowInDays(31)));
        ScheduleKeyDeletionResponse scheduled = kms.scheduleKeyDeletion(request -> request.keyId(keyId).pendingWindowInDays(7));
        assertThat(scheduled.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(scheduled.pendingWindowInDays()).isEqualTo(7);
        assertThat(scheduled.deletionDate()).isBetween(Instant.now().plus(Duration.ofDays(7)).minusSeconds(60), Instant.now().plus(Duration.ofDays(7)).plusSeconds(60));
        KeyMetadata pending = kms.describeKey(request -> request.keyId(keyId)).keyMetadata();
        assertThat(pending.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(pending.deletionDate()).isEqualTo(scheduled.deletionDate());
        assertKmsError("KMSInvalidStateException", () -> kms.encrypt(request -> request.keyId(keyId).plaintext(SECRET)));
        assertKmsError("KMSInvalidStateException", () -> kms.decrypt(request -> request.ciphertextBlob(blob)));
        assertKmsError("KMSInvalidStateException", () -> kms.enableKey(request -> request.keyId(keyId)));
        assertKmsError("KMSInvalidStateException", () -> kms.tagResource(request -> request.keyId(keyId).tags(Tag.builder().tagKey("a").tagValue("b").build())));

        assertThat(kms.cancelKeyDeletion(request -> request.keyId(keyId)).keyId()).endsWith(keyId);
        assertThat(kms.describeKey(request -> request.keyId(keyId)).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
        assertKmsError("KMSInvalidStateException", () -> kms.cancelKeyDeletion(request -> request.keyId(keyId)));
    }

    @Test
    void aliases()
    {
        String keyId = newKey();
        String other = newKey();
        String name = "alias/it-" + keyId.substring(0, 8);
        kms.createAlias(request -> request.aliasName(name).targetKeyId(keyId));
        assertKmsError("AlreadyExistsException", () -> kms.createAlias(request -> request.aliasName(name).targetKeyId(keyId)));
        assertKmsError("InvalidAliasNameException", () -> kms.createAlias(request -> request.aliasName("alias/aws/s3").targetKeyId(keyId)));
        assertKmsError("ValidationException", () -> kms.createAlias(request -> request.aliasName("no-prefix").targetKeyId(keyId)));
        assertKmsError("NotFoundException", () -> kms.createAlias(request -> request.aliasName("alias/nowhere").targetKeyId("11111111-2222-3333-4444-555555555555")));

        byte[] blob = kms.encrypt(request -> request.keyId(name).plaintext(SECRET)).ciphertextBlob().asByteArray();
        assertThat(kms.decrypt(request -> request.ciphertextBlob(SdkBytes.fromByteArray(blob)).keyId(name)).plaintext()).isEqualTo(SECRET);

        List<AliasListEntry> forKey = kms.listAliases(request -> request.keyId(keyId)).aliases();
        assertThat(forKey).extracting(AliasListEntry::aliasName).containsExactly(name);
        assertThat(forKey.get(0).aliasArn()).isEqualTo("arn:aws:kms:us-east-1:" + account + ":" + name);
        assertThat(forKey.get(0).targetKeyId()).isEqualTo(keyId);
        assertThat(kms.listAliases().aliases()).extracting(AliasListEntry::aliasName).contains(name);

        kms.updateAlias(request -> request.aliasName(name).targetKeyId(other));
        assertThat(kms.describeKey(request -> request.keyId(name)).keyMetadata().keyId()).isEqualTo(other);
        assertKmsError("NotFoundException", () -> kms.updateAlias(request -> request.aliasName("alias/nothing-here").targetKeyId(other)));
        kms.deleteAlias(request -> request.aliasName(name));
        assertKmsError("NotFoundException", () -> kms.deleteAlias(request -> request.aliasName(name)));
        assertKmsError("NotFoundException", () -> kms.describeKey(request -> request.keyId(name)));
    }

    @Test
    void keyPolicies()
    {
        String keyId = newKey();
        String policy = kms.getKeyPolicy(request -> request.keyId(keyId).policyName("default")).policy();
        assertThat(policy).isEqualTo("""
                {
                  "Version" : "2012-10-17",
                  "Id" : "key-default-1",
                  "Statement" : [ {
                    "Sid" : "Enable IAM User Permissions",
                    "Effect" : "Allow",
                    "Principal" : {
                      "AWS" : "arn:aws:iam::%s:root"
                    },
                    "Action" : "kms:*",
                    "Resource" : "*"
                  } ]
                }""".formatted(account));
        assertThat(kms.listKeyPolicies(request -> request.keyId(keyId)).policyNames()).containsExactly("default");

        String replacement = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Root\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + account + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        kms.putKeyPolicy(request -> request.keyId(keyId).policyName("default").policy(replacement).bypassPolicyLockoutSafetyCheck(true));
        assertThat(kms.getKeyPolicy(request -> request.keyId(keyId)).policy()).isEqualTo(replacement);
        assertKmsError("MalformedPolicyDocumentException", () -> kms.putKeyPolicy(request -> request.keyId(keyId).policy("{\"Version\":\"2012-10-17\",\"Statement\":{}}")));
        assertKmsError("NotFoundException", () -> kms.getKeyPolicy(request -> request.keyId(keyId).policyName("other")));
    }

    @Test
    void grantsAllowTheGranteeWhatTheyList()
    {
        String keyId = newKey();
        SdkBytes blob = kms.encrypt(request -> request.keyId(keyId).plaintext(SECRET)).ciphertextBlob();
        assertKmsError("AccessDeniedException", () -> alice.decrypt(request -> request.ciphertextBlob(blob)));

        CreateGrantResponse grant = kms.createGrant(request -> request.keyId(keyId).granteePrincipal(aliceArn)
                .operations(GrantOperation.DECRYPT, GrantOperation.DESCRIBE_KEY).name("alice-reads")
                .retiringPrincipal("arn:aws:iam::" + account + ":root"));
        assertThat(grant.grantId()).matches("[0-9a-f]{64}");
        assertThat(grant.grantToken()).isNotBlank();
        assertThat(alice.decrypt(request -> request.ciphertextBlob(blob)).plaintext()).isEqualTo(SECRET);
        assertThat(alice.describeKey(request -> request.keyId(keyId)).keyMetadata().keyId()).isEqualTo(keyId);
        assertKmsError("AccessDeniedException", () -> alice.encrypt(request -> request.keyId(keyId).plaintext(SECRET)));
        assertKmsError("AccessDeniedException", () -> alice.disableKey(request -> request.keyId(keyId)));

        List<GrantListEntry> grants = kms.listGrants(request -> request.keyId(keyId)).grants();
        assertThat(grants).hasSize(1);
        GrantListEntry listed = grants.get(0);
        assertThat(listed.grantId()).isEqualTo(grant.grantId());
        assertThat(listed.name()).isEqualTo("alice-reads");
        assertThat(listed.granteePrincipal()).isEqualTo(aliceArn);
        assertThat(listed.operations()).containsExactlyInAnyOrder(GrantOperation.DECRYPT, GrantOperation.DESCRIBE_KEY);
        assertThat(listed.issuingAccount()).isEqualTo("arn:aws:iam::" + account + ":root");
        assertThat(listed.keyId()).endsWith(keyId);
        assertThat(kms.listRetirableGrants(request -> request.retiringPrincipal("arn:aws:iam::" + account + ":root")).grants())
                .extracting(GrantListEntry::grantId).contains(grant.grantId());

        // the same name and parameters again is the same grant
        assertThat(kms.createGrant(request -> request.keyId(keyId).granteePrincipal(aliceArn)
                .operations(GrantOperation.DECRYPT, GrantOperation.DESCRIBE_KEY).name("alice-reads")
                .retiringPrincipal("arn:aws:iam::" + account + ":root")).grantId()).isEqualTo(grant.grantId());

        kms.retireGrant(request -> request.grantToken(grant.grantToken()));
        assertKmsError("AccessDeniedException", () -> alice.decrypt(request -> request.ciphertextBlob(blob)));
        assertThat(kms.listGrants(request -> request.keyId(keyId)).grants()).isEmpty();

        CreateGrantResponse second = kms.createGrant(request -> request.keyId(keyId).granteePrincipal(aliceArn)
                .operations(GrantOperation.ENCRYPT));
        assertThat(alice.encrypt(request -> request.keyId(keyId).plaintext(SECRET)).keyId()).endsWith(keyId);
        kms.revokeGrant(request -> request.keyId(keyId).grantId(second.grantId()));
        assertKmsError("AccessDeniedException", () -> alice.encrypt(request -> request.keyId(keyId).plaintext(SECRET)));
        assertKmsError("NotFoundException", () -> kms.revokeGrant(request -> request.keyId(keyId).grantId(second.grantId())));
        assertKmsError("InvalidGrantIdException", () -> kms.revokeGrant(request -> request.keyId(keyId).grantId("nope")));
        assertKmsError("InvalidGrantTokenException", () -> kms.retireGrant(request -> request.grantToken(second.grantToken())));
        assertKmsError("ValidationException", () -> kms.createGrant(request -> request.keyId(keyId).granteePrincipal(aliceArn)
                .operationsWithStrings("Dance")));
    }

    @Test
    void rotationKeepsOldCiphertextsReadable()
    {
        String keyId = newKey();
        SdkBytes before = kms.encrypt(request -> request.keyId(keyId).plaintext(SECRET)).ciphertextBlob();
        GetKeyRotationStatusResponse off = kms.getKeyRotationStatus(request -> request.keyId(keyId));
        assertThat(off.keyRotationEnabled()).isFalse();

        kms.enableKeyRotation(request -> request.keyId(keyId).rotationPeriodInDays(180));
        GetKeyRotationStatusResponse on = kms.getKeyRotationStatus(request -> request.keyId(keyId));
        assertThat(on.keyRotationEnabled()).isTrue();
        assertThat(on.rotationPeriodInDays()).isEqualTo(180);
        assertThat(on.nextRotationDate()).isAfter(Instant.now().plus(Duration.ofDays(179)));
        assertKmsError("ValidationException", () -> kms.enableKeyRotation(request -> request.keyId(keyId).rotationPeriodInDays(30)));

        kms.rotateKeyOnDemand(request -> request.keyId(keyId));
        SdkBytes after = kms.encrypt(request -> request.keyId(keyId).plaintext(SECRET)).ciphertextBlob();
        assertThat(kms.decrypt(request -> request.ciphertextBlob(before)).plaintext()).isEqualTo(SECRET);
        assertThat(kms.decrypt(request -> request.ciphertextBlob(after)).plaintext()).isEqualTo(SECRET);
        assertThat(kms.listKeyRotations(request -> request.keyId(keyId)).rotations()).hasSize(1);

        kms.disableKeyRotation(request -> request.keyId(keyId));
        assertThat(kms.getKeyRotationStatus(request -> request.keyId(keyId)).keyRotationEnabled()).isFalse();
        kms.disableKey(request -> request.keyId(keyId));
        assertKmsError("DisabledException", () -> kms.enableKeyRotation(request -> request.keyId(keyId)));
    }

    @Test
    void tags()
    {
        String keyId = newKey();
        kms.tagResource(request -> request.keyId(keyId).tags(Tag.builder().tagKey("a").tagValue("1").build(), Tag.builder().tagKey("b").tagValue("2").build()));
        kms.tagResource(request -> request.keyId(keyId).tags(Tag.builder().tagKey("a").tagValue("3").build()));
        kms.untagResource(request -> request.keyId(keyId).tagKeys("b"));
        assertThat(kms.listResourceTags(request -> request.keyId(keyId)).tags().stream().collect(Collectors.toMap(Tag::tagKey, Tag::tagValue)))
                .isEqualTo(Map.of("a", "3"));
        assertKmsError("TagException", () -> kms.tagResource(request -> request.keyId(keyId).tags(Tag.builder().tagKey("aws:reserved").tagValue("x").build())));
        assertKmsError("NotFoundException", () -> kms.listResourceTags(request -> request.keyId("11111111-2222-3333-4444-555555555555")));
    }

    @Test
    void keysAndCiphertextsSurviveRestart()
    {
        String keyId = newKey();
        String name = "alias/restart-" + keyId.substring(0, 8);
        kms.createAlias(request -> request.aliasName(name).targetKeyId(keyId));
        SdkBytes blob = kms.encrypt(request -> request.keyId(name).plaintext(SECRET).encryptionContext(Map.of("k", "v"))).ciphertextBlob();

        server.restart();
        try (KmsClient restarted = server.kms()) {
            assertThat(restarted.decrypt(request -> request.ciphertextBlob(blob).encryptionContext(Map.of("k", "v"))).plaintext()).isEqualTo(SECRET);
            assertThat(restarted.describeKey(request -> request.keyId(name)).keyMetadata().keyId()).isEqualTo(keyId);
        }
        finally {
            kms.close();
            alice.close();
            kms = server.kms();
            alice = server.kms(aliceCredentials);
        }
    }

    private static String newKey()
    {
        return kms.createKey(request -> request.description("integration test")).keyMetadata().keyId();
    }

    private static void assertKmsError(String code, Runnable call)
    {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(KmsException.class, error -> {
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
                    assertThat(error.statusCode()).isEqualTo(400);
                });
    }
}
