package dev.tarn.server;

import dev.tarn.spi.security.AccountDirectory;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.SigningCredential;
import dev.tarn.storage.meta.MetadataStore;

import java.security.SecureRandom;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The installation's first account and its root user's access key. Created on first start and
 * kept in the metadata store, so the account id and keys are stable across restarts; keys given
 * in the environment take precedence.
 */
public record RootAccount(String accountId, String accessKeyId, String secretAccessKey)
{
    private static final String ACCOUNT_ID = "root.account-id";
    private static final String ACCESS_KEY_ID = "root.access-key-id";
    private static final String SECRET_ACCESS_KEY = "root.secret-access-key";
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public RootAccount
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
    }

    public static RootAccount loadOrCreate(MetadataStore metadata, ServerConfig config, SecureRandom random)
    {
        String accountId = metadata.setting(ACCOUNT_ID).orElseGet(() -> {
            String created = newAccountId(random);
            metadata.putSetting(ACCOUNT_ID, created);
            return created;
        });
        if (config.rootAccessKeyId().isPresent()) {
            return new RootAccount(accountId, config.rootAccessKeyId().get(), config.rootSecretAccessKey().orElseThrow());
        }
        String accessKeyId = metadata.setting(ACCESS_KEY_ID).orElse(null);
        String secret = metadata.setting(SECRET_ACCESS_KEY).orElse(null);
        if (accessKeyId == null || secret == null) {
            accessKeyId = newAccessKeyId(random);
            secret = newSecret(random);
            metadata.putSetting(ACCESS_KEY_ID, accessKeyId);
            metadata.putSetting(SECRET_ACCESS_KEY, secret);
        }
        return new RootAccount(accountId, accessKeyId, secret);
    }

    static String newAccountId(SecureRandom random)
    {
        return String.valueOf(100_000_000_000L + (long) (random.nextDouble() * 899_999_999_999L));
    }

    static String newAccessKeyId(SecureRandom random)
    {
        return "AKIA" + randomString(random, KEY_ALPHABET, 16);
    }

    static String newSecret(SecureRandom random)
    {
        return randomString(random, SECRET_ALPHABET, 40);
    }

    /** The first account as the directory lists it, with the email address {@link AccountStore} keeps for it. */
    public AccountDirectory.Account account(Optional<String> email)
    {
        return new AccountDirectory.Account(accountId, "account-" + accountId, email);
    }

    public SigningCredential credential()
    {
        return SigningCredential.permanent(accessKeyId, secretAccessKey, Caller.root(accountId, accessKeyId));
    }

    private static String randomString(SecureRandom random, String alphabet, int length)
    {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
