package dev.tarn.kms;

import dev.tarn.kms.KmsShapes.AliasRequest;
import dev.tarn.kms.KmsShapes.CreateGrantRequest;
import dev.tarn.kms.KmsShapes.CreateGrantResponse;
import dev.tarn.kms.KmsShapes.CreateKeyRequest;
import dev.tarn.kms.KmsShapes.DecryptRequest;
import dev.tarn.kms.KmsShapes.DecryptResponse;
import dev.tarn.kms.KmsShapes.EncryptRequest;
import dev.tarn.kms.KmsShapes.EncryptResponse;
import dev.tarn.kms.KmsShapes.GrantConstraints;
import dev.tarn.kms.KmsShapes.KeyIdRequest;
import dev.tarn.kms.KmsShapes.KeyMetadataResponse;
import dev.tarn.kms.KmsShapes.ListKeysRequest;
import dev.tarn.kms.KmsShapes.ListKeysResponse;
import dev.tarn.kms.KmsShapes.PutKeyPolicyRequest;
import dev.tarn.kms.KmsShapes.RetireGrantRequest;
import dev.tarn.kms.KmsShapes.ScheduleKeyDeletionRequest;
import dev.tarn.kms.KmsShapes.GetKeyPolicyRequest;
import dev.tarn.kms.KmsShapes.GetKeyPolicyResponse;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.kms.DataKeyService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.tarn.kms.KmsHarness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KmsServiceTest
{
    @TempDir
    Path directory;

    private final byte[] masterKey = randomBytes(32);
    private KmsHarness kms;

    @BeforeEach
    void start()
    {
        kms = new KmsHarness(directory, masterKey, new KmsHarness.MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @AfterEach
    void stop()
    {
        kms.close();
    }

    @Test
    void createdKeyIsDescribedAsAws()
    {
        String keyId = createKey();
        KmsShapes.KeyMetadata metadata = kms.<KeyMetadataResponse>call("DescribeKey", keyIdRequest(keyId)).keyMetadata();
        assertThat(metadata.keyId()).isEqualTo(keyId);
        assertThat(metadata.arn()).isEqualTo("arn:aws:kms:us-east-1:111122223333:key/" + keyId);
        assertThat(metadata.keyState()).isEqualTo("Enabled");
        assertThat(metadata.enabled()).isTrue();
        assertThat(metadata.keyManager()).isEqualTo("CUSTOMER");
        assertThat(metadata.keySpec()).isEqualTo("SYMMETRIC_DEFAULT");
        assertThat(metadata.encryptionAlgorithms()).contains(List.of("SYMMETRIC_DEFAULT"));
        assertThat(metadata.signingAlgorithms()).isEmpty();
        assertThat(metadata.origin()).isEqualTo("AWS_KMS");
        assertThat(metadata.deletionDate()).isEmpty();

        GetKeyPolicyResponse policy = kms.call("GetKeyPolicy", new GetKeyPolicyRequest(Optional.of(keyId), Optional.empty()));
        assertThat(policy.policy()).contains("\"Sid\" : \"Enable IAM User Permissions\"", "\"AWS\" : \"arn:aws:iam::111122223333:root\"", "\"Action\" : \"kms:*\"");
        assertThat(policy.policyName()).isEqualTo("default");
    }

    @Test
    void encryptDecryptRoundTripsWithAndWithoutContext()
    {
        String keyId = createKey();
        byte[] secret = "the lake's secret".getBytes(StandardCharsets.UTF_8);

        byte[] plain = encrypt(keyId, secret, Map.of());
        assertThat(decrypt(plain, Map.of()).plaintext()).isEqualTo(secret);

        Map<String, String> context = Map.of("purpose", "test", "table", "orders");
        byte[] bound = encrypt(keyId, secret, context);
        DecryptResponse decrypted = decrypt(bound, Map.of("table", "orders", "purpose", "test"));
        assertThat(decrypted.plaintext()).isEqualTo(secret);
        assertThat(decrypted.keyId()).isEqualTo(KeyArns.keyArn("us-east-1", KmsHarness.ACCOUNT, keyId));

        kms.assertFails("InvalidCiphertextException", "Decrypt", decryptRequest(bound, Map.of("purpose", "test")));
        kms.assertFails("InvalidCiphertextException", "Decrypt", decryptRequest(plain, Map.of("purpose", "test")));
    }

    @Test
    void everyAlteredByteIsRejected()
    {
        String keyId = createKey();
        byte[] blob = encrypt(keyId, new byte[] {1, 2, 3}, Map.of("k", "v"));
        // the header bytes that name the key send a lookup elsewhere; all other bytes are authenticated
        for (int i = 0; i < blob.length; i++) {
            if (i >= 1 && i < 29) {
                continue;
            }
            byte[] tampered = blob.clone();
            tampered[i] ^= 0x01;
            kms.assertFails("InvalidCiphertextException", "Decrypt", decryptRequest(tampered, Map.of("k", "v")));
        }
        kms.assertFails("InvalidCiphertextException", "Decrypt", decryptRequest(Arrays.copyOf(blob, 40), Map.of("k", "v")));
    }

    @Test
    void decryptWithAnotherKeyIdIsIncorrectKey()
    {
        String keyId = createKey();
        String other = createKey();
        byte[] blob = encrypt(keyId, new byte[] {9}, Map.of());
        kms.assertFails("IncorrectKeyException", "Decrypt",
                new DecryptRequest(Optional.of(blob), Optional.empty(), Optional.empty(), Optional.of(other), Optional.empty(), Optional.empty()));
    }

    @Test
    void disabledAndPendingDeletionKeysRefuseCryptography()
    {
        String keyId = createKey();
        byte[] blob = encrypt(keyId, new byte[] {1}, Map.of());

        kms.call("DisableKey", keyIdRequest(keyId));
        kms.assertFails("DisabledException", "Encrypt", encryptRequest(keyId, new byte[] {1}, Map.of()));
        kms.assertFails("DisabledException", "Decrypt", decryptRequest(blob, Map.of()));
        kms.call("EnableKey", keyIdRequest(keyId));
        assertThat(decrypt(blob, Map.of()).plaintext()).containsExactly(1);

        kms.assertFails("ValidationException", "ScheduleKeyDeletion", new ScheduleKeyDeletionRequest(Optional.of(keyId), Optional.of(6)));
        KmsShapes.ScheduleKeyDeletionResponse scheduled = kms.call("ScheduleKeyDeletion", new ScheduleKeyDeletionRequest(Optional.of(keyId), Optional.of(7)));
        assertThat(scheduled.keyState()).isEqualTo("PendingDeletion");
        assertThat(scheduled.deletionDate()).isEqualTo(kms.clock.instant().plus(Duration.ofDays(7)));
        kms.assertFails("KMSInvalidStateException", "Encrypt", encryptRequest(keyId, new byte[] {1}, Map.of()));
        kms.assertFails("KMSInvalidStateException", "Decrypt", decryptRequest(blob, Map.of()));
        kms.assertFails("KMSInvalidStateException", "EnableKey", keyIdRequest(keyId));
        kms.assertFails("KMSInvalidStateException", "ScheduleKeyDeletion", new ScheduleKeyDeletionRequest(Optional.of(keyId), Optional.empty()));

        kms.call("CancelKeyDeletion", keyIdRequest(keyId));
        assertThat(describe(keyId).keyState()).isEqualTo("Disabled");
        kms.assertFails("KMSInvalidStateException", "CancelKeyDeletion", keyIdRequest(keyId));
    }

    @Test
    void keyIsGoneAfterItsDeletionDateWithItsAliases()
    {
        String keyId = createKey();
        kms.call("CreateAlias", new AliasRequest(Optional.of("alias/doomed"), Optional.of(keyId)));
        byte[] blob = encrypt("alias/doomed", new byte[] {1}, Map.of());
        kms.call("ScheduleKeyDeletion", new ScheduleKeyDeletionRequest(Optional.of(keyId), Optional.of(7)));
        kms.clock.advance(Duration.ofDays(7));

        kms.assertFails("NotFoundException", "DescribeKey", keyIdRequest(keyId));
        kms.assertFails("NotFoundException", "Decrypt", decryptRequest(blob, Map.of()));
        ListKeysResponse listed = kms.call("ListKeys", new ListKeysRequest(Optional.empty(), Optional.empty()));
        assertThat(listed.keys()).isEmpty();
        assertThat(kms.service.purgeDeletedKeys()).isEqualTo(1);
        kms.assertFails("NotFoundException", "DescribeKey", keyIdRequest("alias/doomed"));
    }

    @Test
    void rotationKeepsOldCiphertextsReadable()
    {
        String keyId = createKey();
        byte[] before = encrypt(keyId, "v1".getBytes(StandardCharsets.UTF_8), Map.of());
        kms.call("RotateKeyOnDemand", keyIdRequest(keyId));
        byte[] after = encrypt(keyId, "v2".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(CiphertextBlob.parse(before).orElseThrow().materialVersion()).isEqualTo(1);
        assertThat(CiphertextBlob.parse(after).orElseThrow().materialVersion()).isEqualTo(2);
        assertThat(new String(decrypt(before, Map.of()).plaintext(), StandardCharsets.UTF_8)).isEqualTo("v1");
        assertThat(new String(decrypt(after, Map.of()).plaintext(), StandardCharsets.UTF_8)).isEqualTo("v2");

        kms.call("EnableKeyRotation", new KmsShapes.EnableKeyRotationRequest(Optional.of(keyId), Optional.of(90)));
        KmsShapes.GetKeyRotationStatusResponse status = kms.call("GetKeyRotationStatus", keyIdRequest(keyId));
        assertThat(status.keyRotationEnabled()).isTrue();
        assertThat(status.nextRotationDate()).contains(kms.clock.instant().plus(Duration.ofDays(90)));
        kms.clock.advance(Duration.ofDays(91));
        byte[] rotated = encrypt(keyId, "v3".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(CiphertextBlob.parse(rotated).orElseThrow().materialVersion()).isEqualTo(3);
        assertThat(decrypt(before, Map.of()).plaintext()).isEqualTo("v1".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void stateSurvivesRestartUnderTheSameMasterKey()
    {
        String keyId = createKey();
        kms.call("CreateAlias", new AliasRequest(Optional.of("alias/kept"), Optional.of(keyId)));
        byte[] blob = encrypt(keyId, new byte[] {4, 2}, Map.of("a", "b"));
        kms.close();

        kms = new KmsHarness(directory, masterKey, kms.clock);
        assertThat(decrypt(blob, Map.of("a", "b")).plaintext()).containsExactly(4, 2);
        assertThat(describe("alias/kept").keyId()).isEqualTo(keyId);
    }

    @Test
    void anotherMasterKeyCannotOpenTheStore()
    {
        createKey();
        kms.close();
        assertThatThrownBy(() -> new KmsHarness(directory, randomBytes(32), kms.clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("do not belong together");
        kms = new KmsHarness(directory, masterKey, kms.clock);
    }

    @Test
    void noKeyMaterialInTheClearInTheDatabaseFiles()
            throws IOException
    {
        List<String> keyIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keyIds.add(createKey());
        }
        kms.call("RotateKeyOnDemand", keyIdRequest(keyIds.get(0)));
        KmsStore store = new KmsStore();
        KeyMaterials materials = KeyMaterials.fromMasterKey(kms.masterKey, kms.metadata, store, new SecureRandom());
        List<byte[]> secrets = new ArrayList<>();
        for (String keyId : keyIds) {
            KeyRecord key = kms.metadata.read(reader -> store.key(reader, KmsHarness.ACCOUNT, keyId)).orElseThrow();
            for (KeyMaterial material : key.materials()) {
                secrets.add(materials.open(key, material));
            }
        }
        assertThat(secrets).hasSize(4);
        kms.close();

        byte[] files;
        try (Stream<Path> paths = Files.list(directory)) {
            List<Path> databaseFiles = paths.filter(path -> path.getFileName().toString().startsWith("metadata.db")).toList();
            assertThat(databaseFiles).isNotEmpty();
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (Path file : databaseFiles) {
                all.writeBytes(Files.readAllBytes(file));
            }
            files = all.toByteArray();
        }
        String text = new String(files, StandardCharsets.ISO_8859_1);
        for (byte[] secret : secrets) {
            assertThat(indexOf(files, secret)).as("raw material").isEqualTo(-1);
            assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(secret), HexFormat.of().formatHex(secret));
        }
        assertThat(text).contains("kms.keys");
        kms = new KmsHarness(directory, masterKey, kms.clock);
    }

    @Test
    void grantsLetTheGranteeDecryptWithoutAPolicyAllow()
    {
        String keyId = createKey();
        byte[] blob = encrypt(keyId, new byte[] {7}, Map.of("tenant", "a"));
        kms.assertFails("AccessDeniedException", ALICE, "Decrypt", decryptRequest(blob, Map.of("tenant", "a")));

        CreateGrantResponse grant = kms.call("CreateGrant", new CreateGrantRequest(Optional.of(keyId), Optional.of(ALICE.arn()), Optional.empty(),
                Optional.of(List.of("Decrypt")), Optional.of(new GrantConstraints(Optional.of(Map.of("tenant", "a")), Optional.empty())),
                Optional.empty(), Optional.of("alice-decrypt"), Optional.empty()));
        assertThat(grant.grantId()).hasSize(64);
        assertThat(kms.<DecryptResponse>call(ALICE, "Decrypt", decryptRequest(blob, Map.of("tenant", "a"))).plaintext()).containsExactly(7);
        // the grant is for Decrypt only, and only under its constraint
        kms.assertFails("AccessDeniedException", ALICE, "Encrypt", encryptRequest(keyId, new byte[] {1}, Map.of("tenant", "a")));
        byte[] otherTenant = encrypt(keyId, new byte[] {8}, Map.of("tenant", "b"));
        kms.assertFails("AccessDeniedException", ALICE, "Decrypt", decryptRequest(otherTenant, Map.of("tenant", "b")));

        kms.call("RetireGrant", new RetireGrantRequest(Optional.of(grant.grantToken()), Optional.empty(), Optional.empty(), Optional.empty()));
        kms.assertFails("AccessDeniedException", ALICE, "Decrypt", decryptRequest(blob, Map.of("tenant", "a")));
    }

    @Test
    void keyPoliciesAreValidated()
    {
        String keyId = createKey();
        kms.assertFails("MalformedPolicyDocumentException", "PutKeyPolicy",
                new PutKeyPolicyRequest(Optional.of(keyId), Optional.of("default"), Optional.of("{\"Version\":\"2012-10-17\"}"), Optional.empty()));
        kms.assertFails("MalformedPolicyDocumentException", "PutKeyPolicy",
                new PutKeyPolicyRequest(Optional.of(keyId), Optional.of("default"), Optional.of("not json"), Optional.empty()));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        kms.call("PutKeyPolicy", new PutKeyPolicyRequest(Optional.of(keyId), Optional.empty(), Optional.of(policy), Optional.of(true)));
        assertThat(kms.<GetKeyPolicyResponse>call("GetKeyPolicy", new GetKeyPolicyRequest(Optional.of(keyId), Optional.of("default"))).policy())
                .isEqualTo(policy);
        kms.assertFails("NotFoundException", "GetKeyPolicy", new GetKeyPolicyRequest(Optional.of(keyId), Optional.of("other")));
    }

    @Test
    void aliasesFollowAwsRules()
    {
        String keyId = createKey();
        kms.call("CreateAlias", new AliasRequest(Optional.of("alias/lake"), Optional.of(keyId)));
        kms.assertFails("AlreadyExistsException", "CreateAlias", new AliasRequest(Optional.of("alias/lake"), Optional.of(keyId)));
        kms.assertFails("InvalidAliasNameException", "CreateAlias", new AliasRequest(Optional.of("alias/aws/s3"), Optional.of(keyId)));
        kms.assertFails("ValidationException", "CreateAlias", new AliasRequest(Optional.of("lake"), Optional.of(keyId)));
        kms.assertFails("NotFoundException", "CreateAlias", new AliasRequest(Optional.of("alias/x"), Optional.of("00000000-0000-0000-0000-000000000000")));
        kms.assertFails("NotFoundException", "DeleteAlias", new AliasRequest(Optional.of("alias/none"), Optional.empty()));
        // management operations take key ids and ARNs, not aliases
        kms.assertFails("NotFoundException", "DisableKey", keyIdRequest("alias/lake"));

        String other = createKey();
        kms.call("UpdateAlias", new AliasRequest(Optional.of("alias/lake"), Optional.of(other)));
        assertThat(describe("alias/lake").keyId()).isEqualTo(other);
        assertThat(describe("arn:aws:kms:us-east-1:111122223333:alias/lake").keyId()).isEqualTo(other);
        kms.call("DeleteAlias", new AliasRequest(Optional.of("alias/lake"), Optional.empty()));
        kms.assertFails("NotFoundException", "DescribeKey", keyIdRequest("alias/lake"));
    }

    @Test
    void listKeysPages()
    {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createKey());
        }
        List<String> seen = new ArrayList<>();
        Optional<String> marker = Optional.empty();
        do {
            ListKeysResponse page = kms.call("ListKeys", new ListKeysRequest(Optional.of(2), marker));
            assertThat(page.keys()).hasSizeLessThanOrEqualTo(2);
            page.keys().forEach(entry -> seen.add(entry.keyId()));
            marker = page.nextMarker();
            assertThat(page.truncated()).isEqualTo(marker.isPresent());
        }
        while (marker.isPresent());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
        kms.assertFails("ValidationException", "ListKeys", new ListKeysRequest(Optional.of(0), Optional.empty()));
        kms.assertFails("InvalidMarkerException", "ListKeys", new ListKeysRequest(Optional.empty(), Optional.of("***")));
    }

    @Test
    void dataKeyServiceOpensOnlyWhileTheKeyIsUsable()
    {
        String keyId = createKey();
        kms.call("CreateAlias", new AliasRequest(Optional.of("alias/s3"), Optional.of(keyId)));
        DataKeyService dataKeys = kms.service.dataKeys();
        var root = KmsHarness.context(KmsHarness.ROOT);
        Map<String, String> context = Map.of("aws:s3:arn", "arn:aws:s3:::bucket/key");
        DataKeyService.GeneratedDataKey generated = dataKeys.generateDataKey(root, "alias/s3", context);
        assertThat(generated.plaintext()).hasSize(32);
        assertThat(generated.keyArn()).isEqualTo(KeyArns.keyArn("us-east-1", KmsHarness.ACCOUNT, keyId));
        assertThat(dataKeys.resolveKeyArn(root, "alias/s3")).isEqualTo(generated.keyArn());
        assertThat(dataKeys.decrypt(root, generated.ciphertextBlob(), context)).isEqualTo(generated.plaintext());
        assertThatThrownBy(() -> dataKeys.decrypt(root, generated.ciphertextBlob(), Map.of()))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidCiphertextException"));
        assertThatThrownBy(() -> dataKeys.decrypt(KmsHarness.context(ALICE), generated.ciphertextBlob(), context))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("AccessDeniedException"));

        kms.call("DisableKey", keyIdRequest(keyId));
        assertThatThrownBy(() -> dataKeys.decrypt(root, generated.ciphertextBlob(), context))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("DisabledException"));
        assertThatThrownBy(() -> dataKeys.resolveKeyArn(root, "alias/none"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("NotFoundException"));
    }

    @Test
    void createKeyRejectsWhatItDoesNotSupport()
    {
        kms.assertFails("UnsupportedOperationException", "CreateKey", new CreateKeyRequest(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("ML_DSA_44"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        kms.assertFails("ValidationException", "CreateKey", new CreateKeyRequest(Optional.empty(), Optional.empty(), Optional.of("SIGN_VERIFY"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        kms.assertFails("MalformedPolicyDocumentException", "CreateKey", new CreateKeyRequest(Optional.of("{}"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        kms.assertFails("TagException", "CreateKey", new CreateKeyRequest(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of(new Tag("aws:x", "y"))), Optional.empty(), Optional.empty()));
        kms.assertFails("AccessDeniedException", ALICE, "CreateKey", new CreateKeyRequest(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private String createKey()
    {
        KeyMetadataResponse created = kms.call("CreateKey", new CreateKeyRequest(Optional.empty(), Optional.of("test key"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        return created.keyMetadata().keyId();
    }

    private KmsShapes.KeyMetadata describe(String keyId)
    {
        return kms.<KeyMetadataResponse>call("DescribeKey", keyIdRequest(keyId)).keyMetadata();
    }

    private byte[] encrypt(String keyId, byte[] plaintext, Map<String, String> context)
    {
        return kms.<EncryptResponse>call("Encrypt", encryptRequest(keyId, plaintext, context)).ciphertextBlob();
    }

    private DecryptResponse decrypt(byte[] blob, Map<String, String> context)
    {
        return kms.call("Decrypt", decryptRequest(blob, context));
    }

    private static KeyIdRequest keyIdRequest(String keyId)
    {
        return new KeyIdRequest(Optional.of(keyId), Optional.empty());
    }

    private static EncryptRequest encryptRequest(String keyId, byte[] plaintext, Map<String, String> context)
    {
        return new EncryptRequest(Optional.of(keyId), Optional.of(plaintext), Optional.of(context), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static DecryptRequest decryptRequest(byte[] blob, Map<String, String> context)
    {
        return new DecryptRequest(Optional.of(blob), Optional.of(context), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static byte[] randomBytes(int count)
    {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static int indexOf(byte[] haystack, byte[] needle)
    {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
