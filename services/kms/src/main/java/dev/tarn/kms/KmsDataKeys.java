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
 * when its KMS key is disabled, pending deletion or deleted.
 */
final class KmsDataKeys
        implements DataKeyService
{
    private final CryptoOperations crypto;

    KmsDataKeys(CryptoOperations crypto)
    {
        this.crypto = requireNonNull(crypto, "crypto is null");
    }

    @Override
    public GeneratedDataKey generateDataKey(RequestContext caller, String keyId, Map<String, String> encryptionContext)
    {
        CryptoOperations.DataKey dataKey = crypto.newDataKey(caller, new GenerateDataKeyRequest(Optional.of(keyId), Optional.of(encryptionContext),
                Optional.empty(), Optional.of("AES_256"), Optional.empty(), Optional.empty()), "GenerateDataKey");
        try {
            return new GeneratedDataKey(dataKey.key().arn(), dataKey.plaintext(), dataKey.blob().toBytes());
        }
        finally {
            Arrays.fill(dataKey.plaintext(), (byte) 0);
        }
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
