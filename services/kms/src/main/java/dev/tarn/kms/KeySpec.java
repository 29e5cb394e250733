package dev.tarn.kms;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of KMS key Tarn makes, as KMS names them, with the key usages and algorithms each
 * allows (as DescribeKey reports them).
 */
enum KeySpec
{
    SYMMETRIC_DEFAULT(Family.SYMMETRIC, 256, Optional.empty()),
    RSA_2048(Family.RSA, 2048, Optional.empty()),
    RSA_3072(Family.RSA, 3072, Optional.empty()),
    RSA_4096(Family.RSA, 4096, Optional.empty()),
    ECC_NIST_P256(Family.ECC, 256, Optional.of("secp256r1")),
    ECC_NIST_P384(Family.ECC, 384, Optional.of("secp384r1")),
    ECC_NIST_P521(Family.ECC, 521, Optional.of("secp521r1")),
    ECC_SECG_P256K1(Family.ECC, 256, Optional.of("secp256k1")),
    HMAC_224(Family.HMAC, 224, Optional.empty()),
    HMAC_256(Family.HMAC, 256, Optional.empty()),
    HMAC_384(Family.HMAC, 384, Optional.empty()),
    HMAC_512(Family.HMAC, 512, Optional.empty());

    static final String ENCRYPT_DECRYPT = "ENCRYPT_DECRYPT";
    static final String SIGN_VERIFY = "SIGN_VERIFY";
    static final String GENERATE_VERIFY_MAC = "GENERATE_VERIFY_MAC";
    static final Set<String> RSA_SIGNING = Set.of("RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512",
            "RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512");
    static final List<String> RSA_ENCRYPTION = List.of("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256");

    enum Family
    {
        SYMMETRIC, RSA, ECC, HMAC
    }

    private final Family family;
    private final int bits;
    private final Optional<String> curve;

    KeySpec(Family family, int bits, Optional<String> curve)
    {
        this.family = family;
        this.bits = bits;
        this.curve = curve;
    }

    static Optional<KeySpec> named(String name)
    {
        return Arrays.stream(values()).filter(spec -> spec.name().equals(name)).findFirst();
    }

    Family family()
    {
        return family;
    }

    /** The RSA modulus, the curve's field, or the HMAC key's size in bits. */
    int bits()
    {
        return bits;
    }

    /** The curve's standard name, for ECC keys. */
    Optional<String> curve()
    {
        return curve;
    }

    boolean isAsymmetric()
    {
        return family == Family.RSA || family == Family.ECC;
    }

    Set<String> keyUsages()
    {
        return switch (family) {
            case SYMMETRIC -> Set.of(ENCRYPT_DECRYPT);
            case RSA -> Set.of(ENCRYPT_DECRYPT, SIGN_VERIFY);
            case ECC -> Set.of(SIGN_VERIFY);
            case HMAC -> Set.of(GENERATE_VERIFY_MAC);
        };
    }

    /** The usage a CreateKey without KeyUsage gets: ENCRYPT_DECRYPT, as AWS's default, where the spec allows it. */
    String defaultKeyUsage()
    {
        return switch (family) {
            case SYMMETRIC, RSA -> ENCRYPT_DECRYPT;
            case ECC -> SIGN_VERIFY;
            case HMAC -> GENERATE_VERIFY_MAC;
        };
    }

    List<String> encryptionAlgorithms(String keyUsage)
    {
        if (!keyUsage.equals(ENCRYPT_DECRYPT)) {
            return List.of();
        }
        return family == Family.RSA ? RSA_ENCRYPTION : List.of(KeyOperations.SYMMETRIC_DEFAULT);
    }

    List<String> signingAlgorithms(String keyUsage)
    {
        if (!keyUsage.equals(SIGN_VERIFY)) {
            return List.of();
        }
        return switch (this) {
            case RSA_2048, RSA_3072, RSA_4096 -> RSA_SIGNING.stream().sorted().toList();
            case ECC_NIST_P256, ECC_SECG_P256K1 -> List.of("ECDSA_SHA_256");
            case ECC_NIST_P384 -> List.of("ECDSA_SHA_384");
            case ECC_NIST_P521 -> List.of("ECDSA_SHA_512");
            default -> List.of();
        };
    }

    List<String> macAlgorithms()
    {
        return family == Family.HMAC ? List.of("HMAC_SHA_" + bits) : List.of();
    }
}
