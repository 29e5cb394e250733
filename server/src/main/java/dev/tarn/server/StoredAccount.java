package dev.tarn.server;

import dev.tarn.spi.security.AccountDirectory.Account;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.SigningCredential;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An account created after the first (by {@code tarn account create} or the admin API), with
 * its root user's access key. Kept as a document in the metadata store's {@code accounts}
 * collection, by account id.
 */
public record StoredAccount(String accountId, String name, Optional<String> email, String rootAccessKeyId, String rootSecretAccessKey, Instant createdAt)
{
    public StoredAccount
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(name, "name is null");
        requireNonNull(email, "email is null");
        requireNonNull(rootAccessKeyId, "rootAccessKeyId is null");
        requireNonNull(rootSecretAccessKey, "rootSecretAccessKey is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public StoredAccount withEmail(Optional<String> newEmail)
    {
        return new StoredAccount(accountId, name, newEmail, rootAccessKeyId, rootSecretAccessKey, createdAt);
    }

    public Account account()
    {
        return new Account(accountId, name, email);
    }

    public SigningCredential credential()
    {
        return SigningCredential.permanent(rootAccessKeyId, rootSecretAccessKey, Caller.root(accountId, rootAccessKeyId));
    }
}
