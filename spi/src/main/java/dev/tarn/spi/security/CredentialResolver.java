package dev.tarn.spi.security;

import java.util.Optional;

/** Finds the secret behind an access key id; IAM and STS contribute theirs. */
@FunctionalInterface
public interface CredentialResolver
{
    Optional<SigningCredential> resolve(String accessKeyId);

    default CredentialResolver or(CredentialResolver next)
    {
        return accessKeyId -> resolve(accessKeyId).or(() -> next.resolve(accessKeyId));
    }
}
