package dev.tarn.kms;

import dev.tarn.kms.KmsShapes.DecryptRequest;
import dev.tarn.kms.KmsShapes.DecryptResponse;
import dev.tarn.kms.KmsShapes.EncryptRequest;
import dev.tarn.kms.KmsShapes.EncryptResponse;
import dev.tarn.kms.KmsShapes.GenerateDataKeyRequest;
import dev.tarn.kms.KmsShapes.GenerateDataKeyResponse;
import dev.tarn.kms.KmsShapes.GenerateDataKeyWithoutPlaintextResponse;
import dev.tarn.kms.KmsShapes.GenerateRandomRequest;
import dev.tarn.kms.KmsShapes.GenerateRandomResponse;
import dev.tarn.kms.KmsShapes.ReEncryptRequest;
import dev.tarn.kms.KmsShapes.ReEncryptResponse;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Encrypt, Decrypt, ReEncrypt, GenerateDataKey(WithoutPlaintext) and GenerateRandom. */
final class CryptoOperations
{
    private static final String SYMMETRIC_DEFAULT = KeyOperations.SYMMETRIC_DEFAULT;
    private static final Set<String> ASYMMETRIC_ALGORITHMS = Set.of("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE");
    private static final Set<String> RSA_ALGORITHMS = Set.of("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256");
    private static final int MAX_PLAINTEXT = 4096;
    private static final int MAX_CIPHERTEXT = 6144;

    private final KmsComponents kms;
    private final Optional<String> viaService;

    /** The operations as the KMS API serves them: direct calls. */
    CryptoOperations(KmsComponents kms)
    {
        this(kms, Optional.empty());
    }

    /** @param viaService the endpoint of the AWS service that calls, for {@code kms:ViaService} */
    CryptoOperations(KmsComponents kms, Optional<String> viaService)
    {
        this.kms = requireNonNull(kms, "kms is null");
        this.viaService = requireNonNull(viaService, "viaService is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("Encrypt", EncryptRequest.class, this::encrypt));
        registry.operation(new ActionOperation<>("Decrypt", DecryptRequest.class, this::decrypt));
        registry.operation(new ActionOperation<>("ReEncrypt", ReEncryptRequest.class, this::reEncrypt));
        registry.operation(new ActionOperation<>("GenerateDataKey", GenerateDataKeyRequest.class, this::generateDataKey));
        registry.operation(new ActionOperation<>("GenerateDataKeyWithoutPlaintext", GenerateDataKeyRequest.class, this::generateDataKeyWithoutPlaintext));
        registry.operation(new ActionOperation<>("GenerateRandom", GenerateRandomRequest.class, this::generateRandom));
    }

    EncryptResponse encrypt(RequestContext context, EncryptRequest request)
    {
        byte[] plaintext = request.plaintext().orElseThrow(() -> KmsErrors.validation("plaintext", "Member must not be null"));
        if (plaintext.length < 1 || plaintext.length > MAX_PLAINTEXT) {
            throw KmsErrors.validation("plaintext", "Member must have length less than or equal to " + MAX_PLAINTEXT + " and greater than or equal to 1");
        }
        checkAlgorithmName(request.encryptionAlgorithm(), "encryptionAlgorithm");
        Map<String, String> encryptionContext = request.encryptionContext().orElse(Map.of());
        KeyRecord key = authorizedEnabledKey(context, request.keyId(), "Encrypt", encryptionContext, request.dryRun());
        Keys.requireUsage(key, KeySpec.ENCRYPT_DECRYPT, "Encrypt");
        if (key.spec().family() == KeySpec.Family.RSA) {
            String algorithm = rsaAlgorithm(key, request.encryptionAlgorithm(), encryptionContext);
            try {
                byte[] ciphertext = kms.asymmetric().encrypt(kms.asymmetric().publicKey(key.spec(), key.publicKey().orElseThrow()), algorithm, plaintext);
                return new EncryptResponse(ciphertext, key.arn(), algorithm);
            }
            catch (javax.crypto.IllegalBlockSizeException e) {
                throw KmsErrors.VALIDATION.exception("Plaintext is too long for " + algorithm + " with a " + key.spec() + " key.");
            }
        }
        checkAlgorithm(request.encryptionAlgorithm(), "encryptionAlgorithm");
        CiphertextBlob blob = seal(key, plaintext, encryptionContext);
        return new EncryptResponse(blob.toBytes(), key.arn(), SYMMETRIC_DEFAULT);
    }

    /**
     * Decrypt of an RSA ciphertext: it names no key (it is the bare RSAES-OAEP output, as KMS
     * returns it), so KeyId and EncryptionAlgorithm are required.
     */
    private DecryptResponse decryptRsa(RequestContext context, DecryptRequest request, Map<String, String> encryptionContext)
    {
        byte[] ciphertext = request.ciphertextBlob().orElseThrow(() -> KmsErrors.validation("ciphertextBlob", "Member must not be null"));
        if (request.keyId().isEmpty()) {
            throw KmsErrors.VALIDATION.exception("KeyId is required when decrypting with an asymmetric encryption algorithm.");
        }
        KeyRecord key = kms.keys().resolve(context, request.keyId(), true);
        kms.access().authorize(context, "Decrypt", key, encryptionContext, viaService);
        Keys.requireEnabled(key);
        dryRun(request.dryRun());
        Keys.requireUsage(key, KeySpec.ENCRYPT_DECRYPT, "Decrypt");
        String algorithm = rsaAlgorithm(key, request.encryptionAlgorithm(), encryptionContext);
        byte[] pkcs8 = kms.materials().open(key, key.currentMaterial());
        try {
            byte[] plaintext = kms.asymmetric().decrypt(kms.asymmetric().privateKey(key.spec(), pkcs8), algorithm, ciphertext)
                    .orElseThrow(() -> KmsErrors.INVALID_CIPHERTEXT.exception());
            return new DecryptResponse(key.arn(), plaintext, algorithm, Optional.empty());
        }
        finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static String rsaAlgorithm(KeyRecord key, Optional<String> requested, Map<String, String> encryptionContext)
    {
        String algorithm = requested.orElse(SYMMETRIC_DEFAULT);
        if (!key.spec().encryptionAlgorithms(key.keyUsage()).contains(algorithm)) {
            throw KmsErrors.INVALID_KEY_USAGE.exception("The encryption algorithm " + algorithm + " is not supported by a " + key.spec() + " key.");
        }
        if (!encryptionContext.isEmpty()) {
            // KMS binds no encryption context to an RSA ciphertext, so it refuses one rather than ignore it
            throw KmsErrors.VALIDATION.exception("EncryptionContext is not supported with asymmetric KMS keys.");
        }
        return algorithm;
    }

    DecryptResponse decrypt(RequestContext context, DecryptRequest request)
    {
        checkAlgorithmName(request.encryptionAlgorithm(), "encryptionAlgorithm");
        Map<String, String> encryptionContext = request.encryptionContext().orElse(Map.of());
        if (request.encryptionAlgorithm().map(RSA_ALGORITHMS::contains).orElse(false)) {
            return decryptRsa(context, request, encryptionContext);
        }
        checkAlgorithm(request.encryptionAlgorithm(), "encryptionAlgorithm");
        Opened opened = open(context, request.ciphertextBlob(), request.keyId(), encryptionContext, "Decrypt", request.dryRun());
        return new DecryptResponse(opened.key().arn(), opened.plaintext(), SYMMETRIC_DEFAULT, Optional.of(opened.materialId()));
    }

    ReEncryptResponse reEncrypt(RequestContext context, ReEncryptRequest request)
    {
        checkAlgorithm(request.sourceEncryptionAlgorithm(), "sourceEncryptionAlgorithm");
        checkAlgorithm(request.destinationEncryptionAlgorithm(), "destinationEncryptionAlgorithm");
        Keys.required(request.destinationKeyId(), "destinationKeyId");
        Opened source = open(context, request.ciphertextBlob(), request.sourceKeyId(), request.sourceEncryptionContext().orElse(Map.of()),
                "ReEncryptFrom", Optional.empty());
        try {
            Map<String, String> destinationContext = request.destinationEncryptionContext().orElse(Map.of());
            KeyRecord destination = authorizedEnabledKey(context, request.destinationKeyId(), "ReEncryptTo", destinationContext, request.dryRun());
            CiphertextBlob blob = seal(destination, source.plaintext(), destinationContext);
            return new ReEncryptResponse(blob.toBytes(), source.key().arn(), destination.arn(), SYMMETRIC_DEFAULT, SYMMETRIC_DEFAULT,
                    source.materialId(), KeyOperations.materialId(destination, destination.material(blob.materialVersion()).orElseThrow()));
        }
        finally {
            Arrays.fill(source.plaintext(), (byte) 0);
        }
    }

    GenerateDataKeyResponse generateDataKey(RequestContext context, GenerateDataKeyRequest request)
    {
        DataKey dataKey = newDataKey(context, request, "GenerateDataKey");
        return new GenerateDataKeyResponse(dataKey.blob().toBytes(), dataKey.plaintext(), dataKey.key().arn(), dataKey.materialId());
    }

    GenerateDataKeyWithoutPlaintextResponse generateDataKeyWithoutPlaintext(RequestContext context, GenerateDataKeyRequest request)
    {
        DataKey dataKey = newDataKey(context, request, "GenerateDataKeyWithoutPlaintext");
        Arrays.fill(dataKey.plaintext(), (byte) 0);
        return new GenerateDataKeyWithoutPlaintextResponse(dataKey.blob().toBytes(), dataKey.key().arn(), dataKey.materialId());
    }

    GenerateRandomResponse generateRandom(RequestContext context, GenerateRandomRequest request)
    {
        int numberOfBytes = request.numberOfBytes().orElseThrow(() -> KmsErrors.validation("numberOfBytes", "Member must not be null"));
        if (numberOfBytes < 1 || numberOfBytes > 1024) {
            throw KmsErrors.validation("numberOfBytes", "Member must have value less than or equal to 1024 and greater than or equal to 1");
        }
        if (request.customKeyStoreId().isPresent()) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception("Custom key stores are not supported");
        }
        kms.access().authorizeAccount(context, "GenerateRandom");
        byte[] random = new byte[numberOfBytes];
        kms.random().nextBytes(random);
        return new GenerateRandomResponse(random);
    }

    /** A data key of the requested size under an enabled key: its plaintext, and the blob that holds it. */
    DataKey newDataKey(RequestContext context, GenerateDataKeyRequest request, String operation)
    {
        int bytes = dataKeyBytes(request.keySpec(), request.numberOfBytes());
        Map<String, String> encryptionContext = request.encryptionContext().orElse(Map.of());
        KeyRecord key = authorizedEnabledKey(context, request.keyId(), operation, encryptionContext, request.dryRun());
        requireSymmetric(key, operation);
        byte[] plaintext = new byte[bytes];
        kms.random().nextBytes(plaintext);
        CiphertextBlob blob = seal(key, plaintext, encryptionContext);
        return new DataKey(key, plaintext, blob, KeyOperations.materialId(key, key.material(blob.materialVersion()).orElseThrow()));
    }

    /**
     * Opens a ciphertext blob: finds its key (checking it is the one {@code keyId} names, if
     * given), authorizes {@code operation} on it, and decrypts under the blob's material version.
     */
    Opened open(RequestContext context, Optional<byte[]> ciphertext, Optional<String> keyId, Map<String, String> encryptionContext, String operation,
            Optional<Boolean> dryRun)
    {
        byte[] bytes = ciphertext.orElseThrow(() -> KmsErrors.validation("ciphertextBlob", "Member must not be null"));
        if (bytes.length < 1 || bytes.length > MAX_CIPHERTEXT) {
            throw KmsErrors.validation("ciphertextBlob", "Member must have length less than or equal to " + MAX_CIPHERTEXT + " and greater than or equal to 1");
        }
        CiphertextBlob blob = CiphertextBlob.parse(bytes).orElseThrow(() -> KmsErrors.INVALID_CIPHERTEXT.exception());
        if (keyId.isPresent()) {
            KeyRecord named = kms.keys().resolve(context, keyId, true);
            if (!named.accountId().equals(blob.accountId()) || !named.keyId().equals(blob.keyId())) {
                throw KmsErrors.INCORRECT_KEY.exception();
            }
        }
        KeyRecord key = kms.metadata().read(reader -> kms.keys().find(reader, blob.accountId(), blob.keyId()))
                .orElseThrow(() -> kms.keys().notFound(blob.accountId(), blob.keyId()));
        kms.access().authorize(context, operation, key, encryptionContext, viaService);
        Keys.requireEnabled(key);
        dryRun(dryRun);
        if (key.spec() != KeySpec.SYMMETRIC_DEFAULT) {
            // blobs are made by symmetric keys only: one naming another kind of key is not one of ours
            throw KmsErrors.INVALID_CIPHERTEXT.exception();
        }
        KeyMaterial material = key.material(blob.materialVersion()).orElseThrow(() -> KmsErrors.INVALID_CIPHERTEXT.exception());
        byte[] materialPlaintext = kms.materials().open(key, material);
        try {
            byte[] plaintext = kms.cipher().decrypt(blob, materialPlaintext, encryptionContext)
                    .orElseThrow(() -> KmsErrors.INVALID_CIPHERTEXT.exception());
            return new Opened(key, plaintext, KeyOperations.materialId(key, material));
        }
        finally {
            Arrays.fill(materialPlaintext, (byte) 0);
        }
    }

    /** The key a key id, key ARN, alias name or alias ARN names (no authorization: it reveals only the ARN). */
    KeyRecord resolve(RequestContext context, String keyId)
    {
        return kms.keys().resolve(context, Optional.of(keyId), true);
    }

    private KeyRecord authorizedEnabledKey(RequestContext context, Optional<String> keyId, String operation, Map<String, String> encryptionContext,
            Optional<Boolean> dryRun)
    {
        KeyRecord key = kms.keys().resolve(context, keyId, true);
        kms.access().authorize(context, operation, key, encryptionContext, viaService);
        Keys.requireEnabled(key);
        dryRun(dryRun);
        return kms.rotation().rotatedIfDue(key);
    }

    /** Data keys and ReEncrypt's destination need a symmetric encryption key: KMS makes no RSA-wrapped data keys here. */
    private static void requireSymmetric(KeyRecord key, String operation)
    {
        Keys.requireUsage(key, KeySpec.ENCRYPT_DECRYPT, operation);
        if (key.spec() != KeySpec.SYMMETRIC_DEFAULT) {
            throw KmsErrors.INVALID_KEY_USAGE.exception(key.arn() + " key spec is " + key.spec() + ", which is not valid for " + operation + ".");
        }
    }

    private CiphertextBlob seal(KeyRecord key, byte[] plaintext, Map<String, String> encryptionContext)
    {
        requireSymmetric(key, "Encrypt");
        KeyMaterial material = key.currentMaterial();
        byte[] materialPlaintext = kms.materials().open(key, material);
        try {
            return kms.cipher().encrypt(key, material, materialPlaintext, plaintext, encryptionContext);
        }
        finally {
            Arrays.fill(materialPlaintext, (byte) 0);
        }
    }

    private static int dataKeyBytes(Optional<String> keySpec, Optional<Integer> numberOfBytes)
    {
        if (keySpec.isPresent() == numberOfBytes.isPresent()) {
            throw KmsErrors.VALIDATION.exception("Please specify either number of bytes or key spec.");
        }
        if (keySpec.isPresent()) {
            return switch (keySpec.get()) {
                case "AES_256" -> 32;
                case "AES_128" -> 16;
                default -> throw KmsErrors.validation("keySpec", "Member must satisfy enum value set: [AES_256, AES_128]");
            };
        }
        int bytes = numberOfBytes.get();
        if (bytes < 1 || bytes > 1024) {
            throw KmsErrors.validation("numberOfBytes", "Member must have value less than or equal to 1024 and greater than or equal to 1");
        }
        return bytes;
    }

    private static void checkAlgorithmName(Optional<String> algorithm, String member)
    {
        if (algorithm.isPresent() && !algorithm.get().equals(SYMMETRIC_DEFAULT) && !ASYMMETRIC_ALGORITHMS.contains(algorithm.get())) {
            throw KmsErrors.validation(member, "Member must satisfy enum value set: [SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, SM2PKE]");
        }
    }

    private static void checkAlgorithm(Optional<String> algorithm, String member)
    {
        if (algorithm.isEmpty() || algorithm.get().equals(SYMMETRIC_DEFAULT)) {
            return;
        }
        if (ASYMMETRIC_ALGORITHMS.contains(algorithm.get())) {
            throw KmsErrors.INVALID_KEY_USAGE.exception("The encryption algorithm " + algorithm.get() + " is not supported by a SYMMETRIC_DEFAULT key.");
        }
        throw KmsErrors.validation(member, "Member must satisfy enum value set: [SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, SM2PKE]");
    }

    static void dryRun(Optional<Boolean> dryRun)
    {
        if (dryRun.orElse(false)) {
            throw KmsErrors.DRY_RUN_OPERATION.exception();
        }
    }

    /** A decrypted blob and the key that opened it. */
    record Opened(KeyRecord key, byte[] plaintext, String materialId) {}

    /** A new data key: in the clear for the caller, and sealed in a blob under the key. */
    record DataKey(KeyRecord key, byte[] plaintext, CiphertextBlob blob, String materialId) {}
}
