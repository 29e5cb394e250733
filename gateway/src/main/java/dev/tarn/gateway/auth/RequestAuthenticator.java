package dev.tarn.gateway.auth;

/**
 * Checks who sent a request: AWS Signature Version 4 in the Authorization header or in the
 * query string (presigned URLs), with every x-amz-content-sha256 mode real clients use.
 */
public interface RequestAuthenticator
{
    /**
     * Returns the verified identity and a verifying view of the payload, or throws the AWS error
     * a client expects (InvalidAccessKeyId, SignatureDoesNotMatch, RequestTimeTooSkewed,
     * AccessDenied for an expired presigned URL, AuthorizationHeaderMalformed, ...).
     */
    Authentication authenticate(IncomingRequest request);
}
