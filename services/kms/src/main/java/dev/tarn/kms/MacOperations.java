package dev.tarn.kms;

import dev.tarn.kms.KmsShapes.GenerateMacRequest;
import dev.tarn.kms.KmsShapes.GenerateMacResponse;
import dev.tarn.kms.KmsShapes.VerifyMacRequest;
import dev.tarn.kms.KmsShapes.VerifyMacResponse;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** GenerateMac and VerifyMac with HMAC keys (KeyUsage GENERATE_VERIFY_MAC). */
final class MacOperations
{
    private static final int MAX_MESSAGE = 4096;
    private static final Set<String> MAC_ALGORITHMS = Set.of("HMAC_SHA_224", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512");

    private final KmsComponents kms;

    MacOperations(KmsComponents kms)
    {
        this.kms = requireNonNull(kms, "kms is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("GenerateMac", GenerateMacRequest.class, this::generateMac));
        registry.operation(new ActionOperation<>("VerifyMac", VerifyMacRequest.class, this::verifyMac));
    }

    GenerateMacResponse generateMac(RequestContext context, GenerateMacRequest request)
    {
        byte[] message = message(request.message());
        String algorithm = algorithm(request.macAlgorithm());
        KeyRecord key = macKey(context, request.keyId(), "GenerateMac", algorithm, request.dryRun());
        return new GenerateMacResponse(mac(key, algorithm, message), algorithm, key.arn());
    }

    VerifyMacResponse verifyMac(RequestContext context, VerifyMacRequest request)
    {
        byte[] message = message(request.message());
        String algorithm = algorithm(request.macAlgorithm());
        byte[] given = request.mac().orElseThrow(() -> KmsErrors.validation("mac", "Member must not be null"));
        if (given.length < 1 || given.length > 6144) {
            throw KmsErrors.validation("mac", "Member must have length less than or equal to 6144 and greater than or equal to 1");
        }
        KeyRecord key = macKey(context, request.keyId(), "VerifyMac", algorithm, request.dryRun());
        if (!MessageDigest.isEqual(mac(key, algorithm, message), given)) {
            throw KmsErrors.INVALID_MAC.exception();
        }
        return new VerifyMacResponse(key.arn(), true, algorithm);
    }

    private byte[] mac(KeyRecord key, String algorithm, byte[] message)
    {
        byte[] material = kms.materials().open(key, key.currentMaterial());
        try {
            return AsymmetricCrypto.mac(algorithm, material, message);
        }
        finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private KeyRecord macKey(RequestContext context, Optional<String> keyId, String operation, String algorithm, Optional<Boolean> dryRun)
    {
        KeyRecord key = kms.keys().resolve(context, keyId, true);
        kms.access().authorize(context, operation, key);
        Keys.requireEnabled(key);
        Keys.requireUsage(key, KeySpec.GENERATE_VERIFY_MAC, operation);
        if (!key.spec().macAlgorithms().contains(algorithm)) {
            throw KmsErrors.INVALID_KEY_USAGE.exception("Algorithm " + algorithm + " is incompatible with key spec " + key.spec() + ".");
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

    private static String algorithm(Optional<String> name)
    {
        String algorithm = name.orElseThrow(() -> KmsErrors.validation("macAlgorithm", "Member must not be null"));
        if (!MAC_ALGORITHMS.contains(algorithm)) {
            throw KmsErrors.validation("macAlgorithm", "Member must satisfy enum value set: [HMAC_SHA_224, HMAC_SHA_256, HMAC_SHA_384, HMAC_SHA_512]");
        }
        return algorithm;
    }
}
