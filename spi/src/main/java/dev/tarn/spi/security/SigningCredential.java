package dev.tarn.spi.security;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A secret the gateway verifies signatures with, and the caller it stands for.
 *
 * @param sessionToken for temporary credentials, the token the request must carry
 * @param expiration for temporary credentials, when they stop working
 * @param active false for an access key an administrator has made Inactive
 */
public record SigningCredential(String accessKeyId, String secretAccessKey, Caller caller,
        Optional<String> sessionToken, Optional<Instant> expiration, boolean active)
{
    public SigningCredential
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(caller, "caller is null");
        requireNonNull(sessionToken, "sessionToken is null");
        requireNonNull(expiration, "expiration is null");
    }

    public static SigningCredential permanent(String accessKeyId, String secretAccessKey, Caller caller)
    {
        return new SigningCredential(accessKeyId, secretAccessKey, caller, Optional.empty(), Optional.empty(), true);
    }
}
