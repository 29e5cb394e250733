package dev.tarn.kms;

import dev.tarn.kms.KmsShapes.GenerateDataKeyRequest;
import dev.tarn.spi.kms.DataKeyService;
import dev.tarn.spi.security.RequestContext;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@link DataKeyService} on KMS's own keys: exactly GenerateDataKey (AES_256) and Decrypt as the
 * caller, with the same authorization, states and errors, so an object's data key stops opening
 * when its KMS key is disabled, pending deletion or deleted. S3 asks for {@code alias/aws/s3}
 * when a request names no key; that AWS managed key is created on its first use.
 */
final class KmsDataKeys
        implements DataKeyService
{
    private final CryptoOperations crypto;
    private final AwsManagedKeys managedKeys;
    private final String region;

    /** For S3: its calls pass {@code kms:ViaService} = {@code s3.<region>.amazonaws.com}, since they do come through S3. */
    static KmsDataKeys forS3(KmsComponents kms)
    {
        return new KmsDataKeys(new CryptoOperations(kms, Optional.of(AwsManagedKeyPolicy.viaService(AwsManagedKeys.S3, kms.region()))),
                new AwsManagedKeys(kms), kms.region());
    }

    private KmsDataKeys(CryptoOperations crypto, AwsManagedKeys managedKeys, String region)
    {
        this.crypto = requireNonNull(crypto, "crypto is null");
        this.managedKeys = requireNonNull(managedKeys, "managedKeys is null");
        this.region = requireNonNull(region, "region is null");
    }

    @Override
    public GeneratedDataKey generateDataKey(RequestContext caller, String keyId, Map<String, String> encryptionContext)
    {
        createManagedKeyOnFirstUse(caller, keyId);
        CryptoOperations.DataKey dataKey = crypto.newDataKey(caller, new GenerateDataKeyRequest(Optional.of(keyId), Optional.of(encryptionContext),
                Optional.empty(), Optional.of("AES_256"), Optional.empty(), Optional.empty()), "GenerateDataKey");
        try {
            return new GeneratedDataKey(dataKey.key().arn(), dataKey.plaintext(), dataKey.blob().toBytes());
        }
        finally {
            Arrays.fill(dataKey.plaintext(), (byte) 0);
        }
    }

    /** The account's {@code alias/aws/s3} key comes into being the first time S3 uses it, as on AWS. */
    private void createManagedKeyOnFirstUse(RequestContext caller, String keyId)
    {
        String accountId = caller.caller().accountId();
        KeyArns.parse(keyId, accountId, region)
                .filter(reference -> reference.accountId().equals(accountId))
                .filter(reference -> reference.aliasName().filter(AwsManagedKeys.S3_ALIAS::equals).isPresent())
                .ifPresent(reference -> managedKeys.ensureS3Key(accountId));
    }

    @Override
    public byte[] decrypt(RequestContext caller, byte[] ciphertextBlob, Map<String, String> encryptionContext)
    {
        return crypto.open(caller, Optional.of(ciphertextBlob), Optional.empty(), encryptionContext, "Decrypt", Optional.empty()).plaintext();
    }

    @Override
    public String resolveKeyArn(RequestContext caller, String keyId)
    {
        return crypto.resolve(caller, keyId).arn();
    }
}
