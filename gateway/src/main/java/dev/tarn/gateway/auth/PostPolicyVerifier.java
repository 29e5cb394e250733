package dev.tarn.gateway.auth;

import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.security.CredentialResolver;
import dev.tarn.spi.security.SigningCredential;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The SigV4 signature of a browser-based upload (S3 POST Object): the string to sign is the
 * base64 policy exactly as the form sent it, the key is derived from the secret of the
 * x-amz-credential's access key, its date, region and service, as for any SigV4 request. Keys
 * and session tokens are resolved and checked as {@link SigV4Authenticator} does.
 */
public final class PostPolicyVerifier
{
    private static final String MALFORMED_CREDENTIAL = "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";

    private final CredentialResolver credentials;
    private final Clock clock;

    public PostPolicyVerifier(CredentialResolver credentials, Clock clock)
    {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Checks {@code signature} over {@code policy} and returns the credential that made it:
     * InvalidArgument for a malformed credential, InvalidAccessKeyId for an unknown or inactive
     * key, InvalidToken/ExpiredToken for a session key without its valid token, and
     * SignatureDoesNotMatch (with the policy as StringToSign) otherwise.
     */
    public SigningCredential verify(String credential, String policy, String signature, Optional<String> securityToken)
    {
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || !SigV4.isBasicDate(scope[1]) || scope[2].isEmpty() || scope[3].isEmpty()
                || !scope[4].equals(SigV4.TERMINATOR)) {
            throw CommonErrors.INVALID_ARGUMENT.exception(MALFORMED_CREDENTIAL)
                    .with("ArgumentName", "X-Amz-Credential")
                    .with("ArgumentValue", credential);
        }
        SigningCredential signer = credentials.resolve(scope[0])
                .filter(SigningCredential::active)
                .orElseThrow(() -> CommonErrors.INVALID_ACCESS_KEY_ID.exception().with("AWSAccessKeyId", scope[0]));
        SigV4Authenticator.checkToken(signer, securityToken, clock.instant());
        byte[] signingKey = SigV4.signingKey(signer.secretAccessKey(), scope[1], scope[2], scope[3]);
        String expected = SigV4.hex(SigV4.hmac(signingKey, policy));
        if (!SigV4.constantTimeEquals(expected, signature.toLowerCase(Locale.ROOT))) {
            throw CommonErrors.SIGNATURE_DOES_NOT_MATCH.exception()
                    .with("AWSAccessKeyId", scope[0])
                    .with("StringToSign", policy)
                    .with("SignatureProvided", signature)
                    .with("StringToSignBytes", SigV4.spacedHex(policy));
        }
        return signer;
    }
}
