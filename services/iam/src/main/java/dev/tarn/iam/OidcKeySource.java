package dev.tarn.iam;

import com.nimbusds.jose.jwk.JWKSet;
import dev.tarn.iam.store.OidcProviderRecord;

import java.util.Optional;

/** The public keys an OpenID Connect provider signs its tokens with; empty when they can't be had. */
public interface OidcKeySource
{
    Optional<JWKSet> keys(OidcProviderRecord provider);

    /** No keys for any provider: AssumeRoleWithWebIdentity then refuses every token. */
    static OidcKeySource none()
    {
        return provider -> Optional.empty();
    }
}
