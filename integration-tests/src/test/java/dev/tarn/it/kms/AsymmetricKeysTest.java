package dev.tarn.it.kms;

import dev.tarn.it.TestServer;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Asymmetric (RSA, ECC) and HMAC keys through the SDK. Every signature KMS makes is also checked
 * here with java.security and the public key from GetPublicKey, so the test does not take KMS's
 * word for its own signatures; RSA ciphertexts made here with that public key must decrypt in KMS.
 */
class AsymmetricKeysTest
{
    private static final byte[] MESSAGE = "lake manifest v42: 1,024 files".getBytes(StandardCharsets.UTF_8);
    /** Only for secp256k1, which Java 17's own providers no longer have. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private static TestServer server;
    private static KmsClient kms;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        kms = server.kms();
    }

    @AfterAll
    static void stop()
    {
        kms.close();
        server.close();
    }

    private static String createKey(KeySpec spec, KeyUsageType usage)
    {
        return kms.createKey(request -> request.keySpec(spec).keyUsage(usage).description(spec + " " + usage)).keyMetadata().keyId();
    }

    private static PublicKey publicKey(String keyId, String algorithm)
            throws Exception
    {
        GetPublicKeyResponse response = kms.getPublicKey(request -> request.keyId(keyId));
        KeyFactory factory = algorithm.equals("EC-K1") ? KeyFactory.getInstance("EC", BOUNCY_CASTLE) : KeyFactory.getInstance(algorithm);
        return factory.generatePublic(new X509EncodedKeySpec(response.publicKey().asByteArray()));
    }

    private static void assertKmsError(Runnable call, String code)
    {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KmsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(400);
        });
    }

    @Test
    void rsaSignaturesVerifyInKmsAndWithTheJdk()
            throws Exception
    {
        String keyId = createKey(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
        KeyMetadata metadata = kms.describeKey(request -> request.keyId(keyId)).keyMetadata();
        assertThat(metadata.keySpec()).isEqualTo(KeySpec.RSA_2048);
        assertThat(metadata.keyUsage()).isEqualTo(KeyUsageType.SIGN_VERIFY);
        assertThat(metadata.signingAlgorithms()).hasSize(6).contains(SigningAlgorithmSpec.RSASSA_PSS_SHA_256, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512);
        assertThat(metadata.encryptionAlgorithms()).isEmpty();
        PublicKey publicKey = publicKey(keyId, "RSA");
        assertThat(((RSAPublicKey) publicKey).getModulus().bitLength()).isEqualTo(2048);

        for (String digest : new String[] {"256", "384", "512"}) {
            String hash = "SHA-" + digest;
            byte[] messageDigest = MessageDigest.getInstance(hash).digest(MESSAGE);
            for (boolean pss : new boolean[] {true, false}) {
                SigningAlgorithmSpec algorithm = SigningAlgorithmSpec.fromValue((pss ? "RSASSA_PSS_SHA_" : "RSASSA_PKCS1_V1_5_SHA_") + digest);
                for (MessageType type : new MessageType[] {MessageType.RAW, MessageType.DIGEST}) {
                    byte[] input = type == MessageType.RAW ? MESSAGE : messageDigest;
                    byte[] signature = kms.sign(request -> request.keyId(keyId).message(SdkBytes.fromByteArray(input)).messageType(type)
                            .signingAlgorithm(algorithm)).signature().asByteArray();
                    assertThat(kms.verify(request -> request.keyId(keyId).message(SdkBytes.fromByteArray(input)).messageType(type)
                            .signingAlgorithm(algorithm).signature(SdkBytes.fromByteArray(signature))).signatureValid()).isTrue();

                    Signature jdk;
                    if (pss) {
                        jdk = Signature.getInstance("RSASSA-PSS");
                        jdk.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), Integer.parseInt(digest) / 8, 1));
                    }
                    else {
                        jdk = Signature.getInstance("SHA" + digest + "withRSA");
                    }
                    jdk.initVerify(publicKey);
                    jdk.update(MESSAGE);
                    assertThat(jdk.verify(signature)).as("%s %s verifies with the JDK", algorithm, type).isTrue();
                }
            }
        }
    }

    @Test
    void eccSignaturesVerifyInKmsAndWithTheJdk()
            throws Exception
    {
        record Case(KeySpec spec, SigningAlgorithmSpec algorithm, String jdkAlgorithm, String keyAlgorithm, int fieldBits) {}
        for (Case c : new Case[] {
                new Case(KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_256, "SHA256withECDSA", "EC", 256),
                new Case(KeySpec.ECC_NIST_P384, SigningAlgorithmSpec.ECDSA_SHA_384, "SHA384withECDSA", "EC", 384),
                new Case(KeySpec.ECC_NIST_P521, SigningAlgorithmSpec.ECDSA_SHA_512, "SHA512withECDSA", "EC", 521),
                new Case(KeySpec.ECC_SECG_P256_K1, SigningAlgorithmSpec.ECDSA_SHA_256, "SHA256withECDSA", "EC-K1", 256)}) {
            String keyId = createKey(c.spec(), KeyUsageType.SIGN_VERIFY);
            assertThat(kms.describeKey(request -> request.keyId(keyId)).keyMetadata().signingAlgorithms()).containsExactly(c.algorithm());
            PublicKey publicKey = publicKey(keyId, c.keyAlgorithm());
            assertThat(((ECPublicKey) publicKey).getParams().getCurve().getField().getFieldSize()).isEqualTo(c.fieldBits());

            byte[] raw = kms.sign(request -> request.keyId(keyId).message(SdkBytes.fromByteArray(MESSAGE)).signingAlgorithm(c.algorithm()))
                    .signature().asByteArray();
            String hash = "SHA-" + c.algorithm().toString().substring("ECDSA_SHA_".length());
            byte[] digest = MessageDigest.getInstance(hash).digest(MESSAGE);
            byte[] overDigest = kms.sign(request -> request.keyId(keyId).message(SdkBytes.fromByteArray(digest)).messageType(MessageType.DIGEST)
                    .signingAlgorithm(c.algorithm())).signature().asByteArray();
            for (byte[] signature : new byte[][] {raw, overDigest}) {
                Signature jdk = c.spec() == KeySpec.ECC_SECG_P256_K1 ? Signature.getInstance(c.jdkAlgorithm(), BOUNCY_CASTLE) : Signature.getInstance(c.jdkAlgorithm());
                jdk.initVerify(publicKey);
                jdk.update(MESSAGE);
                assertThat(jdk.verify(signature)).as("%s signature verifies with java.security", c.spec()).isTrue();
            }
            // a signature of another message does not verify
            byte[] other = "another manifest".getBytes(StandardCharsets.UTF_8);
            assertKmsError(() -> kms.verify(request -> request.keyId(keyId).message(SdkBytes.fromByteArray(other)).signingAlgorithm(c.algorithm())
                    .signature(SdkBytes.fromByteArray(raw))), "KMSInvalidSignatureException");
        }
    }

    @Test
    void rsaEncryptionKeysDecryptWhatTheirPublicKeyEncrypted()
            throws Exception
    {
        String keyId = createKey(KeySpec.RSA_3072, KeyUsageType.ENCRYPT_DECRYPT);
        KeyMetadata metadata = kms.describeKey(request -> request.keyId(keyId)).keyMetadata();
        assertThat(metadata.encryptionAlgorithms()).containsExactly(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256);
        assertThat(metadata.signingAlgorithms()).isEmpty();
        PublicKey publicKey = publicKey(keyId, "RSA");

        for (EncryptionAlgorithmSpec algorithm : new EncryptionAlgorithmSpec[] {EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256}) {
            byte[] ciphertext = kms.encrypt(request -> request.keyId(keyId).plaintext(SdkBytes.fromByteArray(MESSAGE)).encryptionAlgorithm(algorithm))
                    .ciphertextBlob().asByteArray();
            assertThat(ciphertext).hasSize(384);
            assertThat(kms.decrypt(request -> request.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(ciphertext)).encryptionAlgorithm(algorithm))
                    .plaintext().asByteArray()).isEqualTo(MESSAGE);

            String hash = algorithm == EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1 ? "SHA-1" : "SHA-256";
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, publicKey, new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), PSource.PSpecified.DEFAULT));
            byte[] outside = cipher.doFinal(MESSAGE);
            assertThat(kms.decrypt(request -> request.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(outside)).encryptionAlgorithm(algorithm))
                    .plaintext().asByteArray()).isEqualTo(MESSAGE);
        }
        byte[] sha1 = kms.encrypt(request -> request.keyId(keyId).plaintext(SdkBytes.fromByteArray(MESSAGE))
                .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1)).ciphertextBlob().asByteArray();
        // the wrong algorithm, or a changed byte: not the plaintext
        assertKmsError(() -> kms.decrypt(request -> request.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(sha1))
                .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)), "InvalidCiphertextException");
        sha1[10] ^= 1;
        assertKmsError(() -> kms.decrypt(request -> request.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(sha1))
                .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1)), "InvalidCiphertextException");
        // SYMMETRIC_DEFAULT with an RSA key, and data keys under it
        assertKmsError(() -> kms.encrypt(request -> request.keyId(keyId).plaintext(SdkBytes.fromByteArray(MESSAGE))), "InvalidKeyUsageException");
        assertKmsError(() -> kms.generateDataKey(request -> request.keyId(keyId).keySpec(DataKeySpec.AES_256)), "InvalidKeyUsageException");
        assertKmsError(() -> kms.sign(request -> request.keyId(keyId).message(SdkBytes.fromByteArray(MESSAGE))
                .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)), "InvalidKeyUsageException");
    }

    @Test
    void hmacKeysGenerateAndVerifyMacs()
    {
        String keyId = createKey(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
        String otherKeyId = createKey(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
        KeyMetadata metadata = kms.describeKey(request -> request.keyId(keyId)).keyMetadata();
        assertThat(metadata.macAlgorithms()).containsExactly(MacAlgorithmSpec.HMAC_SHA_256);
        assertThat(metadata.keyUsage()).isEqualTo(KeyUsageType.GENERATE_VERIFY_MAC);

        byte[] mac = kms.generateMac(request -> request.keyId(keyId).message(SdkBytes.fromByteArray(MESSAGE)).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256))
                .mac().asByteArray();
        assertThat(mac).hasSize(32);
        assertThat(kms.generateMac(request -> request.keyId(keyId).message(SdkBytes.fromByteArray(MESSAGE)).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256))
                .mac().asByteArray()).isEqualTo(mac);
        assertThat(kms.generateMac(request -> request.keyId(otherKeyId).message(SdkBytes.fromByteArray(MESSAGE)).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256))
                .mac().asByteArray()).isNotEqualTo(mac);
        assertThat(kms.verifyMac(request -> request.keyId(keyId).message(SdkBytes.fromByteArray(MESSAGE)).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .mac(SdkBytes.fromByteArray(mac))).macValid()).isTrue();

        byte[] tampered = mac.clone();
        tampered[0] ^= 1;
        assertKmsError(() -> kms.verifyMac(request -> request.keyId(keyId).message(SdkBytes.fromByteArray(MESSAGE)).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .mac(SdkBytes.fromByteArray(tampered))), "KMSInvalidMacException");
        assertKmsError(() -> kms.verifyMac(request -> request.keyId(otherKeyId).message(SdkBytes.fromByteArray(MESSAGE)).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .mac(SdkBytes.fromByteArray(mac))), "KMSInvalidMacException");
        assertKmsError(() -> kms.generateMac(request -> request.keyId(keyId).message(SdkBytes.fromByteArray(MESSAGE)).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_512)),
                "InvalidKeyUsageException");

        for (KeySpec spec : new KeySpec[] {KeySpec.HMAC_224, KeySpec.HMAC_384, KeySpec.HMAC_512}) {
            String id = createKey(spec, KeyUsageType.GENERATE_VERIFY_MAC);
            MacAlgorithmSpec algorithm = MacAlgorithmSpec.fromValue("HMAC_SHA_" + spec.toString().substring("HMAC_".length()));
            byte[] tag = kms.generateMac(request -> request.keyId(id).message(SdkBytes.fromByteArray(MESSAGE)).macAlgorithm(algorithm)).mac().asByteArray();
            assertThat(tag).hasSize(Integer.parseInt(spec.toString().substring("HMAC_".length())) / 8);
        }
        // a symmetric key makes no MACs; an HMAC key no ciphertexts
        String symmetric = kms.createKey(request -> request.description("symmetric")).keyMetadata().keyId();
        assertKmsError(() -> kms.generateMac(request -> request.keyId(symmetric).message(SdkBytes.fromByteArray(MESSAGE)).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)),
                "InvalidKeyUsageException");
        assertKmsError(() -> kms.encrypt(request -> request.keyId(keyId).plaintext(SdkBytes.fromByteArray(MESSAGE))), "InvalidKeyUsageException");
        assertKmsError(() -> kms.getPublicKey(request -> request.keyId(symmetric)), "UnsupportedOperationException");
    }

    @Test
    void wrongUsagesAndSpecsAreRefused()
    {
        String ecc = createKey(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        assertKmsError(() -> kms.sign(request -> request.keyId(ecc).message(SdkBytes.fromByteArray(MESSAGE))
                .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)), "InvalidKeyUsageException");
        assertKmsError(() -> kms.sign(request -> request.keyId(ecc).message(SdkBytes.fromByteArray(MESSAGE)).messageType(MessageType.DIGEST)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)), "ValidationException");
        assertKmsError(() -> kms.encrypt(request -> request.keyId(ecc).plaintext(SdkBytes.fromByteArray(MESSAGE))), "InvalidKeyUsageException");
        assertKmsError(() -> kms.enableKeyRotation(request -> request.keyId(ecc)), "UnsupportedOperationException");
        assertKmsError(() -> kms.rotateKeyOnDemand(request -> request.keyId(ecc)), "UnsupportedOperationException");
        assertKmsError(() -> kms.createKey(request -> request.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.ENCRYPT_DECRYPT)), "ValidationException");
        assertKmsError(() -> kms.createKey(request -> request.keySpec(KeySpec.HMAC_256).keyUsage(KeyUsageType.SIGN_VERIFY)), "ValidationException");

        kms.disableKey(request -> request.keyId(ecc));
        assertKmsError(() -> kms.sign(request -> request.keyId(ecc).message(SdkBytes.fromByteArray(MESSAGE))
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)), "DisabledException");
        kms.enableKey(request -> request.keyId(ecc));
        assertThat(kms.sign(request -> request.keyId(ecc).message(SdkBytes.fromByteArray(MESSAGE))
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray()).isNotEmpty();
    }

    @Test
    void aGrantLetsAUserSignWithoutAPolicy()
    {
        String keyId = createKey(KeySpec.ECC_NIST_P384, KeyUsageType.SIGN_VERIFY);
        try (IamClient iam = server.iam()) {
            String userArn = iam.createUser(request -> request.userName("release-signer")).user().arn();
            AccessKey key = iam.createAccessKey(request -> request.userName("release-signer")).accessKey();
            try (KmsClient signer = server.kms(server.credentials(key.accessKeyId(), key.secretAccessKey()))) {
                Runnable sign = () -> signer.sign(request -> request.keyId(keyId).message(SdkBytes.fromByteArray(MESSAGE))
                        .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_384));
                assertKmsError(sign, "AccessDeniedException");

                String grantId = kms.createGrant(request -> request.keyId(keyId).granteePrincipal(userArn).operations(GrantOperation.SIGN)).grantId();
                sign.run();
                // the grant names Sign only
                assertKmsError(() -> signer.getPublicKey(request -> request.keyId(keyId)), "AccessDeniedException");

                kms.revokeGrant(request -> request.keyId(keyId).grantId(grantId));
                assertKmsError(sign, "AccessDeniedException");
            }
        }
    }
}
