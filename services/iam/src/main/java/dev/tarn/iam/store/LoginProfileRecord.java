package dev.tarn.iam.store;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A user's console password, kept only as a salted PBKDF2 hash ({@link PasswordHash}). */
public record LoginProfileRecord(String passwordHash, Instant createDate, boolean passwordResetRequired)
{
    public LoginProfileRecord
    {
        requireNonNull(passwordHash, "passwordHash is null");
        requireNonNull(createDate, "createDate is null");
    }
}
