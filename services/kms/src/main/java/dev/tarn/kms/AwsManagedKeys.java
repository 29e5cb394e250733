package dev.tarn.kms;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * AWS managed keys: as on AWS, an account's {@code alias/aws/<service>} key is created the first
 * time the service uses it. Tarn's only in-process user of KMS is S3, so the only managed key is
 * S3's, {@code alias/aws/s3}.
 */
final class AwsManagedKeys
{
    /** The service whose managed key Tarn creates. */
    static final String S3 = "s3";
    static final String S3_ALIAS = "alias/aws/" + S3;
    /** AWS's description of the key, word for word. */
    static final String S3_DESCRIPTION = "Default key that protects my S3 objects when no other key is defined";

    private final KmsComponents kms;

    AwsManagedKeys(KmsComponents kms)
    {
        this.kms = requireNonNull(kms, "kms is null");
    }

    /**
     * Creates the account's S3 managed key and its alias if the alias does not exist yet, in one
     * transaction, so concurrent first uses end with one key.
     */
    void ensureS3Key(String accountId)
    {
        if (kms.metadata().read(reader -> kms.store().alias(reader, accountId, S3_ALIAS)).isPresent()) {
            return;
        }
        Instant now = kms.clock().instant();
        String keyId = UUID.randomUUID().toString();
        KeyMaterial material = kms.materials().create(accountId, keyId, 1, now, Optional.empty());
        KeyRecord key = new KeyRecord(accountId, keyId, kms.region(), now, S3_DESCRIPTION, KeyState.Enabled, Optional.empty(), Optional.empty(),
                AwsManagedKeyPolicy.policy(S3, accountId, kms.region()), List.of(),
                true, KeyRecord.DEFAULT_ROTATION_PERIOD_DAYS, kms.rotation().nextRotationDate(KeyRecord.DEFAULT_ROTATION_PERIOD_DAYS), 0,
                List.of(material), KeyManager.AWS);
        kms.metadata().write(transaction -> {
            if (kms.store().alias(transaction, accountId, S3_ALIAS).isEmpty()) {
                kms.store().putKey(transaction, key);
                kms.store().putAlias(transaction, new AliasRecord(accountId, S3_ALIAS, keyId, now, now));
            }
            return null;
        });
    }
}
