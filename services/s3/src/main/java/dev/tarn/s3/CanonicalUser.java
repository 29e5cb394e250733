package dev.tarn.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * An owner as S3 shows it (Owner/ID and DisplayName). The canonical id is derived from the
 * account id, so it is the same in every response and across restarts.
 */
public record CanonicalUser(String id, String displayName)
{
    public CanonicalUser
    {
        requireNonNull(id, "id is null");
        requireNonNull(displayName, "displayName is null");
    }

    public static CanonicalUser of(String accountId)
    {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("tarn-canonical-user:" + accountId).getBytes(StandardCharsets.UTF_8));
            return new CanonicalUser(HexFormat.of().formatHex(digest), "account-" + accountId);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
