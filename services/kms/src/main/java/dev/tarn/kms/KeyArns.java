package dev.tarn.kms;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Key and alias ARNs, and the ways a request may name a key. */
public final class KeyArns
{
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws:kms:([a-z0-9-]+):(\\d{12}):key/(.+)");
    private static final Pattern ALIAS_ARN = Pattern.compile("arn:aws:kms:([a-z0-9-]+):(\\d{12}):(alias/.+)");

    private KeyArns() {}

    public static String keyArn(String region, String accountId, String keyId)
    {
        return "arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId;
    }

    public static String aliasArn(String region, String accountId, String aliasName)
    {
        return "arn:aws:kms:" + region + ":" + accountId + ":" + aliasName;
    }

    /** Whether {@code text} is a key id as KMS makes them (a lower-case UUID). */
    public static boolean isKeyId(String text)
    {
        try {
            return UUID.fromString(text).toString().equals(text);
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * What a KeyId member names, in the caller's account unless it is an ARN of another account.
     * Empty when the text is no key id, key ARN, alias name or alias ARN at all.
     */
    public static Optional<KeyReference> parse(String text, String callerAccountId, String region)
    {
        if (text.startsWith("alias/")) {
            return Optional.of(new KeyReference(callerAccountId, Optional.empty(), Optional.of(text), text));
        }
        Matcher key = KEY_ARN.matcher(text);
        if (key.matches()) {
            return region.equals(key.group(1)) && isKeyId(key.group(3))
                    ? Optional.of(new KeyReference(key.group(2), Optional.of(key.group(3)), Optional.empty(), text))
                    : Optional.empty();
        }
        Matcher alias = ALIAS_ARN.matcher(text);
        if (alias.matches()) {
            return region.equals(alias.group(1))
                    ? Optional.of(new KeyReference(alias.group(2), Optional.empty(), Optional.of(alias.group(3)), text))
                    : Optional.empty();
        }
        if (isKeyId(text)) {
            return Optional.of(new KeyReference(callerAccountId, Optional.of(text), Optional.empty(), text));
        }
        return Optional.empty();
    }

    /** A key named directly ({@code keyId}) or through an alias ({@code aliasName}), as written in the request. */
    public record KeyReference(String accountId, Optional<String> keyId, Optional<String> aliasName, String asWritten)
    {
        public boolean isAlias()
        {
            return aliasName.isPresent();
        }
    }
}
