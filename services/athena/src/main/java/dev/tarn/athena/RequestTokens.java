package dev.tarn.athena;


import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * ClientRequestToken idempotency: a token names the resource its first request created, with a
 * fingerprint of that request so a different request with the same token is refused.
 */
public final class RequestTokens
{
    private RequestTokens() {}

    public record Claim(String resourceId, String fingerprint) {}

    public static String id(String accountId, String kind, String token)
    {
        return accountId + "/" + kind + "/" + token;
    }

    public static String validate(String token)
    {
        if (token.length() < 32 || token.length() > 128) {
            throw AthenaErrors.invalidInput("1 validation error detected: Value '" + token + "' at 'clientRequestToken' failed to satisfy constraint: "
                    + "Member must have length between 32 and 128");
        }
        return token;
    }

    /** A digest of the parts that make two requests the same. */
    public static String fingerprint(String... parts)
    {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
