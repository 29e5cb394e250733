package dev.tarn.iam;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tarn.iam.store.OidcProviderRecord;

import java.security.Key;
import java.text.ParseException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Checks an OpenID Connect ID token as STS does for AssumeRoleWithWebIdentity: a signed JWT whose
 * issuer is a provider registered in the role's account, signed by one of the provider's keys with
 * an asymmetric algorithm, with an audience among the provider's client ids, and within its
 * validity (exp, nbf). JOSE parsing and signature checks are Nimbus JOSE+JWT's.
 */
final class WebIdentityTokens
{
    /** Public-key algorithms only: an HMAC token would need a secret shared with AWS, which OIDC has not. */
    private static final Set<JWSAlgorithm> ALGORITHMS;

    static {
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        algorithms.addAll(JWSAlgorithm.Family.RSA);
        algorithms.addAll(JWSAlgorithm.Family.EC);
        ALGORITHMS = Set.copyOf(algorithms);
    }

    private final OidcKeySource keys;

    WebIdentityTokens(OidcKeySource keys)
    {
        this.keys = requireNonNull(keys, "keys is null");
    }

    /**
     * @param provider the issuer is a provider registered in the role's account
     * @param audience the client id the token was accepted for (azp when present, as AWS's {@code <provider>:aud} key)
     */
    record VerifiedToken(OidcProviderRecord provider, String issuer, String subject, String audience, JWTClaimsSet claims)
    {
        VerifiedToken
        {
            requireNonNull(provider, "provider is null");
            requireNonNull(issuer, "issuer is null");
            requireNonNull(subject, "subject is null");
            requireNonNull(audience, "audience is null");
            requireNonNull(claims, "claims is null");
        }
    }

    /**
     * @param providers the provider of an issuer URL (without scheme), in the role's account
     */
    VerifiedToken verify(String token, Instant now, Function<String, Optional<OidcProviderRecord>> providers)
    {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        }
        catch (ParseException e) {
            throw StsErrors.INVALID_IDENTITY_TOKEN.exception("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
        }
        String issuer = Optional.ofNullable(claims.getIssuer())
                .orElseThrow(() -> StsErrors.INVALID_IDENTITY_TOKEN.exception("The ID Token provided has no issuer (iss) claim."));
        OidcProviderRecord provider = providerUrl(issuer).flatMap(providers)
                .orElseThrow(() -> StsErrors.INVALID_IDENTITY_TOKEN.exception("No OpenIDConnect provider found in your account for " + issuer));

        verifySignature(jwt, provider);

        Instant expiration = Optional.ofNullable(claims.getExpirationTime()).map(java.util.Date::toInstant)
                .orElseThrow(() -> StsErrors.INVALID_IDENTITY_TOKEN.exception("The ID Token provided has no expiration (exp) claim."));
        if (!now.isBefore(expiration)) {
            throw StsErrors.EXPIRED_TOKEN.exception("Token expired: current date/time " + now.getEpochSecond()
                    + " must be before the expiration date/time " + expiration.getEpochSecond());
        }
        Optional<Instant> notBefore = Optional.ofNullable(claims.getNotBeforeTime()).map(java.util.Date::toInstant);
        if (notBefore.isPresent() && now.isBefore(notBefore.get())) {
            throw StsErrors.IDP_REJECTED_CLAIM.exception("Token is not yet valid: current date/time " + now.getEpochSecond()
                    + " is before the not-before date/time " + notBefore.get().getEpochSecond());
        }
        String subject = Optional.ofNullable(claims.getSubject()).filter(sub -> !sub.isEmpty())
                .orElseThrow(() -> StsErrors.IDP_REJECTED_CLAIM.exception("The ID Token provided has no subject (sub) claim."));

        List<String> audiences = Optional.ofNullable(claims.getAudience()).orElse(List.of());
        String authorizedParty = stringClaim(claims, "azp").orElse(null);
        String audience = (authorizedParty != null ? List.of(authorizedParty) : audiences).stream()
                .filter(provider.clientIds()::contains)
                .findFirst()
                .or(() -> audiences.stream().filter(provider.clientIds()::contains).findFirst())
                .orElseThrow(() -> StsErrors.INVALID_IDENTITY_TOKEN.exception("Incorrect token audience"));
        return new VerifiedToken(provider, issuer, subject, audience, claims);
    }

    private void verifySignature(SignedJWT jwt, OidcProviderRecord provider)
    {
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw StsErrors.INVALID_IDENTITY_TOKEN.exception("The ID Token provided is signed with an unsupported algorithm: " + header.getAlgorithm());
        }
        JWKSet keySet = keys.keys(provider).orElseThrow(() -> StsErrors.INVALID_IDENTITY_TOKEN.exception(
                "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements"));
        List<? extends Key> candidates;
        try {
            candidates = new JWSVerificationKeySelector<SecurityContext>(header.getAlgorithm(), new ImmutableJWKSet<>(keySet)).selectJWSKeys(header, null);
        }
        catch (com.nimbusds.jose.KeySourceException e) {
            candidates = List.of();
        }
        DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
        for (Key key : candidates) {
            try {
                if (jwt.verify(verifiers.createJWSVerifier(header, key))) {
                    return;
                }
            }
            catch (JOSEException e) {
                // a key that does not fit the algorithm: try the next
            }
        }
        throw StsErrors.INVALID_IDENTITY_TOKEN.exception(candidates.isEmpty()
                ? "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements"
                : "The ID Token provided is not signed by a key of the identity provider: its signature is invalid.");
    }

    /** The stored form of an issuer: https only, without scheme and trailing slash. */
    private static Optional<String> providerUrl(String issuer)
    {
        try {
            return Optional.of(OpenIdConnectProviders.issuerUrl(issuer));
        }
        catch (dev.tarn.spi.error.AwsException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> stringClaim(JWTClaimsSet claims, String name)
    {
        try {
            return Optional.ofNullable(claims.getStringClaim(name));
        }
        catch (ParseException e) {
            return Optional.empty();
        }
    }
}
