package dev.tarn.kms;

import dev.tarn.kms.AsymmetricCrypto.SigningAlgorithm;
import dev.tarn.kms.KmsShapes.GetPublicKeyResponse;
import dev.tarn.kms.KmsShapes.KeyIdRequest;
import dev.tarn.kms.KmsShapes.SignRequest;
import dev.tarn.kms.KmsShapes.SignResponse;
import dev.tarn.kms.KmsShapes.VerifyRequest;
import dev.tarn.kms.KmsShapes.VerifyResponse;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Sign, Verify and GetPublicKey with asymmetric keys (RSA and ECC, KeyUsage SIGN_VERIFY; GetPublicKey for any). */
final class SigningOperations
{
    private static final int MAX_MESSAGE = 4096;
    private static final int MAX_SIGNATURE = 6144;
    private static final Set<String> MESSAGE_TYPES = Set.of("RAW", "DIGEST", "EXTERNAL_MU");

    private final KmsComponents kms;

    SigningOperations(KmsComponents kms)
    {
        this.kms = requireNonNull(kms, "kms is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("Sign", SignRequest.class, this::sign));
        registry.operation(new ActionOperation<>("Verify", VerifyRequest.class, this::verify));
        registry.operation(new ActionOperation<>("GetPublicKey", KeyIdRequest.class, this::getPublicKey));
    }

    SignResponse sign(RequestContext context, SignRequest request)
    {
        byte[] message = message(request.message());
        boolean digest = digest(request.messageType());
        SigningAlgorithm algorithm = algorithm(request.signingAlgorithm());
        KeyRecord key = signingKey(context, request.keyId(), "Sign", algorithm, request.dryRun());
        checkDigestLength(algorithm, message, digest);
        byte[] pkcs8 = kms.materials().open(key, key.currentMaterial());
        try {
            PrivateKey privateKey = kms.asymmetric().privateKey(key.spec(), pkcs8);
            return new SignResponse(key.arn(), kms.asymmetric().sign(key.spec(), privateKey, algorithm, message, digest), algorithm.name());
        }
        finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    VerifyResponse verify(RequestContext context, VerifyRequest request)
    {
        byte[] message = message(request.message());
        byte[] signature = request.signature().orElseThrow(() -> KmsErrors.validation("signature", "Member must not be null"));
        if (signature.length < 1 || signature.length > MAX_SIGNATURE) {
            throw KmsErrors.validation("signature", "Member must have length less than or equal to " + MAX_SIGNATURE + " and greater than or equal to 1");
        }
        boolean digest = digest(request.messageType());
        SigningAlgorithm algorithm = algorithm(request.signingAlgorithm());
        KeyRecord key = signingKey(context, request.keyId(), "Verify", algorithm, request.dryRun());
        checkDigestLength(algorithm, message, digest);
        boolean valid = kms.asymmetric().verify(key.spec(), kms.asymmetric().publicKey(key.spec(), key.publicKey().orElseThrow()), algorithm, message, digest,
                signature);
        if (!valid) {
            throw KmsErrors.INVALID_SIGNATURE.exception();
        }
        return new VerifyResponse(key.arn(), true, algorithm.name());
    }

    GetPublicKeyResponse getPublicKey(RequestContext context, KeyIdRequest request)
    {
        KeyRecord key = kms.keys().resolve(context, request.keyId(), true);
        kms.access().authorize(context, "GetPublicKey", key);
        Keys.requireEnabled(key);
        KeySpec spec = key.spec();
        if (!spec.isAsymmetric()) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception(key.arn() + " key type is not supported for this operation: it has no public key.");
        }
        return new GetPublicKeyResponse(key.arn(), key.publicKey().orElseThrow(), spec.name(), spec.name(), key.keyUsage(),
                KeyOperations.nonEmpty(spec.encryptionAlgorithms(key.keyUsage())), KeyOperations.nonEmpty(spec.signingAlgorithms(key.keyUsage())));
    }

    private KeyRecord signingKey(RequestContext context, Optional<String> keyId, String operation, SigningAlgorithm algorithm, Optional<Boolean> dryRun)
    {
        KeyRecord key = kms.keys().resolve(context, keyId, true);
        kms.access().authorize(context, operation, key);
        Keys.requireEnabled(key);
        Keys.requireUsage(key, KeySpec.SIGN_VERIFY, operation);
        if (!key.spec().signingAlgorithms(key.keyUsage()).contains(algorithm.name())) {
            throw KmsErrors.INVALID_KEY_USAGE.exception("Algorithm " + algorithm.name() + " is incompatible with key spec " + key.spec() + ".");
        }
        CryptoOperations.dryRun(dryRun);
        return key;
    }

    private static byte[] message(Optional<byte[]> message)
    {
        byte[] bytes = message.orElseThrow(() -> KmsErrors.validation("message", "Member must not be null"));
        if (bytes.length < 1 || bytes.length > MAX_MESSAGE) {
            throw KmsErrors.validation("message", "Member must have length less than or equal to " + MAX_MESSAGE + " and greater than or equal to 1");
        }
        return bytes;
    }

    private static boolean digest(Optional<String> messageType)
    {
        String type = messageType.orElse("RAW");
        if (!MESSAGE_TYPES.contains(type)) {
            throw KmsErrors.validation("messageType", "Member must satisfy enum value set: [RAW, DIGEST, EXTERNAL_MU]");
        }
        if (type.equals("EXTERNAL_MU")) {
            throw KmsErrors.INVALID_KEY_USAGE.exception("MessageType EXTERNAL_MU is only for ML-DSA keys.");
        }
        return type.equals("DIGEST");
    }

    private static SigningAlgorithm algorithm(Optional<String> name)
    {
        String algorithm = name.orElseThrow(() -> KmsErrors.validation("signingAlgorithm", "Member must not be null"));
        return SigningAlgorithm.named(algorithm).orElseThrow(() -> KmsErrors.validation("signingAlgorithm",
                "Member must satisfy enum value set: [RSASSA_PSS_SHA_256, RSASSA_PSS_SHA_384, RSASSA_PSS_SHA_512, RSASSA_PKCS1_V1_5_SHA_256, "
                        + "RSASSA_PKCS1_V1_5_SHA_384, RSASSA_PKCS1_V1_5_SHA_512, ECDSA_SHA_256, ECDSA_SHA_384, ECDSA_SHA_512]"));
    }

    private static void checkDigestLength(SigningAlgorithm algorithm, byte[] message, boolean digest)
    {
        if (digest && message.length != algorithm.digestBytes()) {
            throw KmsErrors.VALIDATION.exception("Digest is invalid length for algorithm " + algorithm.name() + ".");
        }
    }
}
