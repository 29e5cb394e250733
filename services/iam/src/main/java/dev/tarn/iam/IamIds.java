package dev.tarn.iam;

import java.security.SecureRandom;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * Identifiers shaped as AWS shapes them: unique ids are a four-letter prefix saying what they
 * identify (AIDA user, AGPA group, AROA role, ANPA policy, AIPA instance profile) and 17
 * characters; access key ids AKIA (long-term) or ASIA (temporary) and 16; secrets 40 characters.
 */
public final class IamIds
{
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final SecureRandom random;

    public IamIds(SecureRandom random)
    {
        this.random = requireNonNull(random, "random is null");
    }

    public String uniqueId(String prefix)
    {
        return prefix + randomString(ID_ALPHABET, 17);
    }

    public String accessKeyId(boolean temporary)
    {
        return (temporary ? "ASIA" : "AKIA") + randomString(ID_ALPHABET, 16);
    }

    public String secretAccessKey()
    {
        return randomString(SECRET_ALPHABET, 40);
    }

    public String sessionToken()
    {
        byte[] bytes = new byte[96];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public byte[] salt()
    {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private String randomString(String alphabet, int length)
    {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
