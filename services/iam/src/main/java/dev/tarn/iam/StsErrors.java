package dev.tarn.iam;

import dev.tarn.spi.error.AwsErrorCode;

/** STS's error shapes for federation, as the STS API reference defines them. */
public final class StsErrors
{
    public static final AwsErrorCode INVALID_IDENTITY_TOKEN = new AwsErrorCode("InvalidIdentityToken", 400,
            "The web identity token that was passed could not be validated by Amazon Web Services.");
    public static final AwsErrorCode EXPIRED_TOKEN = new AwsErrorCode("ExpiredTokenException", 400,
            "The web identity token that was passed is expired or is not valid.");
    public static final AwsErrorCode IDP_REJECTED_CLAIM = new AwsErrorCode("IDPRejectedClaim", 403,
            "The identity provider (IdP) reported that authentication failed.");
    public static final AwsErrorCode IDP_COMMUNICATION_ERROR = new AwsErrorCode("IDPCommunicationError", 400,
            "The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached.");
    /** IAM's answer to temporary credentials it does not accept (GetSessionToken without MFA, GetFederationToken). */
    public static final AwsErrorCode INVALID_CLIENT_TOKEN_ID = new AwsErrorCode("InvalidClientTokenId", 403,
            "The security token included in the request is invalid.");

    private StsErrors() {}
}
