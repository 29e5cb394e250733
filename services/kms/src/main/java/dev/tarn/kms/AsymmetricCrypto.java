package dev.tarn.kms;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.Mac;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The JCA side of asymmetric and HMAC keys: key pairs, signatures, RSA-OAEP and HMAC, with KMS's
 * algorithm names. The JDK's providers do all of it but two things Java 17 lacks, which the
 * Bouncy Castle provider instance given here does: the secp256k1 curve (ECC_SECG_P256K1, removed
 * from the JDK) and RSASSA-PSS over a digest the caller made (MessageType DIGEST).
 */
final class AsymmetricCrypto
{
    /** DER DigestInfo prefixes (RFC 8017, 9.2 note 1), to sign a given digest with PKCS #1 v1.5. */
    private static final Map<String, byte[]> DIGEST_INFO = Map.of(
            "SHA-256", HexFormat.of().parseHex("3031300d060960864801650304020105000420"),
            "SHA-384", HexFormat.of().parseHex("3041300d060960864801650304020205000430"),
            "SHA-512", HexFormat.of().parseHex("3051300d060960864801650304020305000440"));

    private final Provider bouncyCastle;
    private final SecureRandom random;

    AsymmetricCrypto(Provider bouncyCastle, SecureRandom random)
    {
        this.bouncyCastle = requireNonNull(bouncyCastle, "bouncyCastle is null");
        this.random = requireNonNull(random, "random is null");
    }

    /** A signing algorithm: its family and digest. */
    record SigningAlgorithm(String name, boolean rsa, boolean pss, String digest, int digestBytes)
    {
        static Optional<SigningAlgorithm> named(String name)
        {
            return Optional.ofNullable(switch (name) {
                case "RSASSA_PSS_SHA_256" -> new SigningAlgorithm(name, true, true, "SHA-256", 32);
                case "RSASSA_PSS_SHA_384" -> new SigningAlgorithm(name, true, true, "SHA-384", 48);
                case "RSASSA_PSS_SHA_512" -> new SigningAlgorithm(name, true, true, "SHA-512", 64);
                case "RSASSA_PKCS1_V1_5_SHA_256" -> new SigningAlgorithm(name, true, false, "SHA-256", 32);
                case "RSASSA_PKCS1_V1_5_SHA_384" -> new SigningAlgorithm(name, true, false, "SHA-384", 48);
                case "RSASSA_PKCS1_V1_5_SHA_512" -> new SigningAlgorithm(name, true, false, "SHA-512", 64);
                case "ECDSA_SHA_256" -> new SigningAlgorithm(name, false, false, "SHA-256", 32);
                case "ECDSA_SHA_384" -> new SigningAlgorithm(name, false, false, "SHA-384", 48);
                case "ECDSA_SHA_512" -> new SigningAlgorithm(name, false, false, "SHA-512", 64);
                default -> null;
            });
        }
    }

    KeyPair generate(KeySpec spec)
    {
        try {
            if (spec.family() == KeySpec.Family.RSA) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(spec.bits(), random);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = ecProvider(spec).map(provider -> instance(() -> KeyPairGenerator.getInstance("EC", provider)))
                    .orElseGet(() -> instance(() -> KeyPairGenerator.getInstance("EC")));
            generator.initialize(new ECGenParameterSpec(spec.curve().orElseThrow()), random);
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + spec + " key pair", e);
        }
    }

    PrivateKey privateKey(KeySpec spec, byte[] pkcs8)
    {
        try {
            return keyFactory(spec).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored " + spec + " private key does not decode", e);
        }
    }

    PublicKey publicKey(KeySpec spec, byte[] subjectPublicKeyInfo)
    {
        try {
            return keyFactory(spec).generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored " + spec + " public key does not decode", e);
        }
    }

    /**
     * @param digest whether {@code message} is already the digest (MessageType DIGEST)
     */
    byte[] sign(KeySpec spec, PrivateKey key, SigningAlgorithm algorithm, byte[] message, boolean digest)
    {
        try {
            Signature signature = signature(spec, algorithm, digest);
            signature.initSign(key, random);
            signature.update(signatureInput(algorithm, message, digest));
            return signature.sign();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm.name(), e);
        }
    }

    boolean verify(KeySpec spec, PublicKey key, SigningAlgorithm algorithm, byte[] message, boolean digest, byte[] signatureBytes)
    {
        try {
            Signature signature = signature(spec, algorithm, digest);
            signature.initVerify(key);
            signature.update(signatureInput(algorithm, message, digest));
            return signature.verify(signatureBytes);
        }
        catch (java.security.SignatureException e) {
            // a signature that is not even well-formed does not verify
            return false;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify with " + algorithm.name(), e);
        }
    }

    byte[] encrypt(PublicKey key, String algorithm, byte[] plaintext)
            throws IllegalBlockSizeException
    {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, oaep(algorithm), random);
            return cipher.doFinal(plaintext);
        }
        catch (IllegalBlockSizeException e) {
            throw e;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt with " + algorithm, e);
        }
    }

    /** Empty when the ciphertext was not made with this key and algorithm. */
    Optional<byte[]> decrypt(PrivateKey key, String algorithm, byte[] ciphertext)
    {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, oaep(algorithm));
            return Optional.of(cipher.doFinal(ciphertext));
        }
        catch (BadPaddingException | IllegalBlockSizeException e) {
            return Optional.empty();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt with " + algorithm, e);
        }
    }

    static byte[] mac(String macAlgorithm, byte[] key, byte[] message)
    {
        String jca = "Hmac" + macAlgorithm.substring("HMAC_".length()).replace("_", "");
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key, jca));
            return mac.doFinal(message);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute " + macAlgorithm, e);
        }
    }

    private static OAEPParameterSpec oaep(String algorithm)
    {
        return switch (algorithm) {
            case "RSAES_OAEP_SHA_1" -> new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
            case "RSAES_OAEP_SHA_256" -> new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
            default -> throw new IllegalArgumentException("not an RSA encryption algorithm: " + algorithm);
        };
    }

    private Signature signature(KeySpec spec, SigningAlgorithm algorithm, boolean digest)
            throws GeneralSecurityException
    {
        String shortDigest = algorithm.digest().replace("-", "");
        if (algorithm.rsa() && algorithm.pss()) {
            // salt as long as the digest, MGF1 with the same digest: what KMS signs with
            Signature signature = digest ? Signature.getInstance("RAWRSASSA-PSS", bouncyCastle) : Signature.getInstance("RSASSA-PSS");
            MGF1ParameterSpec mgf = new MGF1ParameterSpec(algorithm.digest());
            signature.setParameter(new PSSParameterSpec(algorithm.digest(), "MGF1", mgf, algorithm.digestBytes(), PSSParameterSpec.TRAILER_FIELD_BC));
            return signature;
        }
        if (algorithm.rsa()) {
            return Signature.getInstance(digest ? "NONEwithRSA" : shortDigest + "withRSA");
        }
        String name = digest ? "NONEwithECDSA" : shortDigest + "withECDSA";
        Optional<Provider> provider = ecProvider(spec);
        return provider.isPresent() ? Signature.getInstance(name, provider.get()) : Signature.getInstance(name);
    }

    /** PKCS #1 v1.5 over a given digest signs its DigestInfo; everything else signs what it is given. */
    private static byte[] signatureInput(SigningAlgorithm algorithm, byte[] message, boolean digest)
    {
        if (!digest || !algorithm.rsa() || algorithm.pss()) {
            return message;
        }
        byte[] prefix = DIGEST_INFO.get(algorithm.digest());
        byte[] input = Arrays.copyOf(prefix, prefix.length + message.length);
        System.arraycopy(message, 0, input, prefix.length, message.length);
        return input;
    }

    static byte[] digest(String algorithm, byte[] message)
    {
        try {
            return MessageDigest.getInstance(algorithm).digest(message);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is a required algorithm", e);
        }
    }

    private KeyFactory keyFactory(KeySpec spec)
            throws GeneralSecurityException
    {
        if (spec.family() == KeySpec.Family.RSA) {
            return KeyFactory.getInstance("RSA");
        }
        Optional<Provider> provider = ecProvider(spec);
        return provider.isPresent() ? KeyFactory.getInstance("EC", provider.get()) : KeyFactory.getInstance("EC");
    }

    /** Bouncy Castle for the curve the JDK no longer has; the JDK's own provider for the NIST curves. */
    private Optional<Provider> ecProvider(KeySpec spec)
    {
        return spec == KeySpec.ECC_SECG_P256K1 ? Optional.of(bouncyCastle) : Optional.empty();
    }

    private interface Instance<T>
    {
        T get()
                throws GeneralSecurityException;
    }

    private static <T> T instance(Instance<T> instance)
    {
        try {
            return instance.get();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
