package dev.tarn.kms;

import dev.tarn.kms.KmsShapes.AliasListEntry;
import dev.tarn.kms.KmsShapes.AliasRequest;
import dev.tarn.kms.KmsShapes.CreateGrantRequest;
import dev.tarn.kms.KmsShapes.CreateKeyRequest;
import dev.tarn.kms.KmsShapes.EnableKeyRotationRequest;
import dev.tarn.kms.KmsShapes.EncryptRequest;
import dev.tarn.kms.KmsShapes.GetKeyPolicyRequest;
import dev.tarn.kms.KmsShapes.GetKeyPolicyResponse;
import dev.tarn.kms.KmsShapes.GetKeyRotationStatusResponse;
import dev.tarn.kms.KmsShapes.KeyIdRequest;
import dev.tarn.kms.KmsShapes.KeyMetadata;
import dev.tarn.kms.KmsShapes.KeyMetadataResponse;
import dev.tarn.kms.KmsShapes.ListAliasesRequest;
import dev.tarn.kms.KmsShapes.ListAliasesResponse;
import dev.tarn.kms.KmsShapes.ListKeysRequest;
import dev.tarn.kms.KmsShapes.ListKeysResponse;
import dev.tarn.kms.KmsShapes.PutKeyPolicyRequest;
import dev.tarn.kms.KmsShapes.ScheduleKeyDeletionRequest;
import dev.tarn.kms.KmsShapes.TagResourceRequest;
import dev.tarn.kms.KmsShapes.UpdateKeyDescriptionRequest;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.kms.DataKeyService;
import dev.tarn.spi.kms.DataKeyService.GeneratedDataKey;
import dev.tarn.spi.security.RequestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The account's AWS managed key for S3, {@code alias/aws/s3}, on a real store. */
class AwsManagedKeyTest
{
    private static final String ALIAS = "alias/aws/s3";
    private static final Map<String, String> OBJECT_CONTEXT = Map.of("aws:s3:arn", "arn:aws:s3:::bucket/key");
    private static final RequestContext ROOT = KmsHarness.context(KmsHarness.ROOT);

    @TempDir
    Path directory;

    private final byte[] masterKey = new byte[32];
    private KmsHarness kms;

    @BeforeEach
    void start()
    {
        new SecureRandom().nextBytes(masterKey);
        kms = new KmsHarness(directory, masterKey, new KmsHarness.MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @AfterEach
    void stop()
    {
        kms.close();
    }

    @Test
    void absentUntilS3FirstUsesIt()
    {
        kms.assertFails("NotFoundException", "DescribeKey", keyId(ALIAS));
        // a direct call does not create it: only the service's first use does
        kms.assertFails("NotFoundException", "Encrypt", encrypt(ALIAS));
        assertThat(keyIds()).isEmpty();
    }

    @Test
    void firstUseThroughS3CreatesTheManagedKey()
    {
        DataKeyService dataKeys = kms.service.dataKeys();
        GeneratedDataKey generated = dataKeys.generateDataKey(ROOT, ALIAS, OBJECT_CONTEXT);
        assertThat(dataKeys.decrypt(ROOT, generated.ciphertextBlob(), OBJECT_CONTEXT)).isEqualTo(generated.plaintext());

        KeyMetadata key = describe(ALIAS);
        assertThat(generated.keyArn()).isEqualTo(key.arn());
        assertThat(key.keyManager()).isEqualTo("AWS");
        assertThat(key.description()).isEqualTo("Default key that protects my S3 objects when no other key is defined");
        assertThat(key.keyState()).isEqualTo("Enabled");
        assertThat(key.enabled()).isTrue();
        assertThat(key.awsAccountId()).isEqualTo(KmsHarness.ACCOUNT);

        assertThat(keyIds()).containsExactly(key.keyId());
        ListAliasesResponse aliases = kms.call("ListAliases", new ListAliasesRequest(Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(aliases.aliases()).extracting(AliasListEntry::aliasName, AliasListEntry::targetKeyId, AliasListEntry::aliasArn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ALIAS, key.keyId(), "arn:aws:kms:us-east-1:" + KmsHarness.ACCOUNT + ":" + ALIAS));

        GetKeyRotationStatusResponse rotation = kms.call("GetKeyRotationStatus", keyId(key.keyId()));
        assertThat(rotation.keyRotationEnabled()).isTrue();
        assertThat(rotation.rotationPeriodInDays()).contains(365);
        assertThat(rotation.nextRotationDate()).contains(Instant.parse("2027-01-01T00:00:00Z"));

        GetKeyPolicyResponse policy = kms.call("GetKeyPolicy", new GetKeyPolicyRequest(Optional.of(key.keyId()), Optional.empty()));
        assertThat(KeyPolicies.validate(policy.policy())).contains("\"kms:ViaService\" : \"s3.us-east-1.amazonaws.com\"")
                .contains("\"kms:CallerAccount\" : \"" + KmsHarness.ACCOUNT + "\"")
                .contains("\"AWS\" : \"arn:aws:iam::" + KmsHarness.ACCOUNT + ":root\"");

        // later uses, by alias name or alias ARN, find the same key
        assertThat(dataKeys.generateDataKey(ROOT, "arn:aws:kms:us-east-1:" + KmsHarness.ACCOUNT + ":" + ALIAS, OBJECT_CONTEXT).keyArn()).isEqualTo(key.arn());
        assertThat(keyIds()).hasSize(1);
    }

    @Test
    void concurrentFirstUsesEndWithOneKey()
            throws Exception
    {
        int callers = 8;
        CountDownLatch ready = new CountDownLatch(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            Callable<String> firstUse = () -> {
                ready.countDown();
                ready.await();
                return kms.service.dataKeys().generateDataKey(ROOT, ALIAS, OBJECT_CONTEXT).keyArn();
            };
            List<Future<String>> results = pool.invokeAll(IntStream.range(0, callers).mapToObj(i -> firstUse).toList());
            Set<String> arns = results.stream().map(AwsManagedKeyTest::result).collect(Collectors.toSet());
            assertThat(arns).hasSize(1);
            assertThat(keyIds()).hasSize(1);
            assertThat(arns.iterator().next()).endsWith(keyIds().get(0));
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void customersCannotUseItDirectlyNorManageIt()
    {
        String keyId = kms.service.dataKeys().generateDataKey(ROOT, ALIAS, OBJECT_CONTEXT).keyArn().replaceFirst(".*key/", "");
        // the key policy allows use only through S3 (kms:ViaService), even to the account's root user
        kms.assertFails("AccessDeniedException", "Encrypt", encrypt(ALIAS));
        kms.assertFails("AccessDeniedException", "Encrypt", encrypt(keyId));
        kms.assertFails("AccessDeniedException", "UpdateKeyDescription", new UpdateKeyDescriptionRequest(Optional.of(keyId), Optional.of("mine")));
        kms.assertFails("AccessDeniedException", "PutKeyPolicy", new PutKeyPolicyRequest(Optional.of(keyId), Optional.empty(),
                Optional.of(KeyPolicies.defaultPolicy(KmsHarness.ACCOUNT)), Optional.empty()));
        kms.assertFails("AccessDeniedException", "DisableKey", keyId(keyId));
        kms.assertFails("AccessDeniedException", "EnableKey", keyId(keyId));
        kms.assertFails("AccessDeniedException", "ScheduleKeyDeletion", new ScheduleKeyDeletionRequest(Optional.of(keyId), Optional.of(7)));
        kms.assertFails("AccessDeniedException", "TagResource", new TagResourceRequest(Optional.of(keyId), Optional.of(List.of(new Tag("team", "lake")))));
        kms.assertFails("AccessDeniedException", "CreateGrant", new CreateGrantRequest(Optional.of(keyId), Optional.of(KmsHarness.ALICE.arn()),
                Optional.empty(), Optional.of(List.of("Decrypt")), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        // rotation of AWS managed keys is not configurable
        kms.assertFails("UnsupportedOperationException", "EnableKeyRotation", new EnableKeyRotationRequest(Optional.of(keyId), Optional.of(90)));
        kms.assertFails("UnsupportedOperationException", "DisableKeyRotation", keyId(keyId));
        kms.assertFails("UnsupportedOperationException", "RotateKeyOnDemand", keyId(keyId));
        // its alias cannot be moved or removed, no alias can be made for it, and alias/aws/ is reserved
        String customerKey = ((KeyMetadataResponse) kms.call("CreateKey", new CreateKeyRequest(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()))).keyMetadata().keyId();
        kms.assertFails("AccessDeniedException", "DeleteAlias", new AliasRequest(Optional.of(ALIAS), Optional.empty()));
        kms.assertFails("AccessDeniedException", "UpdateAlias", new AliasRequest(Optional.of(ALIAS), Optional.of(customerKey)));
        kms.assertFails("AccessDeniedException", "CreateAlias", new AliasRequest(Optional.of("alias/mine"), Optional.of(keyId)));
        kms.assertFails("InvalidAliasNameException", "CreateAlias", new AliasRequest(Optional.of("alias/aws/other"), Optional.of(customerKey)));

        KeyMetadata key = describe(ALIAS);
        assertThat(key.keyId()).isEqualTo(keyId);
        assertThat(key.keyState()).isEqualTo("Enabled");
        assertThat(key.description()).startsWith("Default key that protects my S3 objects");
        assertThat(kms.service.dataKeys().generateDataKey(ROOT, ALIAS, OBJECT_CONTEXT).keyArn()).endsWith(keyId);
    }

    @Test
    void survivesRestart()
    {
        String arn = kms.service.dataKeys().generateDataKey(ROOT, ALIAS, OBJECT_CONTEXT).keyArn();
        kms.close();
        kms = new KmsHarness(directory, masterKey, new KmsHarness.MutableClock(Instant.parse("2026-02-01T00:00:00Z")));
        assertThat(kms.service.dataKeys().generateDataKey(ROOT, ALIAS, OBJECT_CONTEXT).keyArn()).isEqualTo(arn);
        assertThat(describe(ALIAS).keyManager()).isEqualTo("AWS");
        assertThat(keyIds()).hasSize(1);
    }

    private KeyMetadata describe(String keyId)
    {
        KeyMetadataResponse response = kms.call("DescribeKey", keyId(keyId));
        return response.keyMetadata();
    }

    private List<String> keyIds()
    {
        ListKeysResponse keys = kms.call("ListKeys", new ListKeysRequest(Optional.empty(), Optional.empty()));
        return keys.keys().stream().map(KmsShapes.KeyListEntry::keyId).toList();
    }

    private static KeyIdRequest keyId(String keyId)
    {
        return new KeyIdRequest(Optional.of(keyId), Optional.empty());
    }

    private static EncryptRequest encrypt(String keyId)
    {
        return new EncryptRequest(Optional.of(keyId), Optional.of("secret".getBytes(StandardCharsets.UTF_8)), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static String result(Future<String> future)
    {
        try {
            return future.get();
        }
        catch (Exception e) {
            throw new AssertionError("a first use failed", e);
        }
    }
}
