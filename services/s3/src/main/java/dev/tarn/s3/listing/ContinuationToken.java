package dev.tarn.s3.listing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ListObjectsV2's opaque continuation token: the last key or common prefix of the previous page,
 * base64url-encoded behind a format tag so a foreign or damaged token is rejected, not misread.
 */
public final class ContinuationToken
{
    private static final String TAG = "tarn1:";

    private ContinuationToken() {}

    public static String encode(String position)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TAG + position).getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String token)
    {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw incorrect(token);
        }
        if (!text.startsWith(TAG)) {
            throw incorrect(token);
        }
        return text.substring(TAG.length());
    }

    private static RuntimeException incorrect(String token)
    {
        return ListingParameters.invalid("continuation-token", token, "The continuation token provided is incorrect");
    }
}
