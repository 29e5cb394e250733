package dev.tarn.kms;

import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;

/**
 * The errors KMS answers with, named as its service model names them. KMS sends every client
 * error with HTTP 400, access denied included.
 */
public final class KmsErrors
{
    public static final AwsErrorCode NOT_FOUND = new AwsErrorCode("NotFoundException", 400, "The request was rejected because the specified entity or resource could not be found.");
    public static final AwsErrorCode ALREADY_EXISTS = new AwsErrorCode("AlreadyExistsException", 400, "The request was rejected because it attempted to create a resource that already exists.");
    public static final AwsErrorCode DISABLED = new AwsErrorCode("DisabledException", 400, "The request was rejected because the specified KMS key is not enabled.");
    public static final AwsErrorCode INVALID_STATE = new AwsErrorCode("KMSInvalidStateException", 400, "The request was rejected because the state of the specified resource is not valid for this request.");
    public static final AwsErrorCode INVALID_CIPHERTEXT = new AwsErrorCode("InvalidCiphertextException", 400, "");
    public static final AwsErrorCode INCORRECT_KEY = new AwsErrorCode("IncorrectKeyException", 400,
            "The key ID in the request does not identify a KMS key that can perform this operation.");
    public static final AwsErrorCode INVALID_KEY_USAGE = new AwsErrorCode("InvalidKeyUsageException", 400, "The request was rejected because the specified KeySpec value is not valid.");
    public static final AwsErrorCode VALIDATION = new AwsErrorCode("ValidationException", 400, "The request failed validation.");
    public static final AwsErrorCode LIMIT_EXCEEDED = new AwsErrorCode("LimitExceededException", 400, "The request was rejected because a quota was exceeded.");
    public static final AwsErrorCode MALFORMED_POLICY_DOCUMENT = new AwsErrorCode("MalformedPolicyDocumentException", 400, "The request was rejected because the specified policy is not syntactically or semantically correct.");
    public static final AwsErrorCode ACCESS_DENIED = new AwsErrorCode("AccessDeniedException", 400, "Access denied.");
    public static final AwsErrorCode INVALID_ALIAS_NAME = new AwsErrorCode("InvalidAliasNameException", 400, "The request was rejected because the specified alias name is not valid.");
    public static final AwsErrorCode INVALID_MARKER = new AwsErrorCode("InvalidMarkerException", 400, "The request was rejected because the marker that specifies where pagination should next begin is not valid.");
    public static final AwsErrorCode INVALID_GRANT_ID = new AwsErrorCode("InvalidGrantIdException", 400, "The request was rejected because the specified GrantId is not valid.");
    public static final AwsErrorCode INVALID_GRANT_TOKEN = new AwsErrorCode("InvalidGrantTokenException", 400, "The request was rejected because the specified grant token is not valid.");
    public static final AwsErrorCode INVALID_ARN = new AwsErrorCode("InvalidArnException", 400, "The request was rejected because a specified ARN, or an ARN in a key policy, is not valid.");
    public static final AwsErrorCode TAG = new AwsErrorCode("TagException", 400, "The request was rejected because one or more tags are not valid.");
    public static final AwsErrorCode UNSUPPORTED_OPERATION = new AwsErrorCode("UnsupportedOperationException", 400, "The request was rejected because a specified parameter is not supported or a specified resource is not valid for this operation.");
    public static final AwsErrorCode INVALID_SIGNATURE = new AwsErrorCode("KMSInvalidSignatureException", 400,
            "The request was rejected because the signature verification failed.");
    public static final AwsErrorCode INVALID_MAC = new AwsErrorCode("KMSInvalidMacException", 400,
            "The request was rejected because the HMAC verification failed.");
    public static final AwsErrorCode DRY_RUN_OPERATION = new AwsErrorCode("DryRunOperationException", 412,
            "The request would have succeeded, but the DryRun option is set.");

    private KmsErrors() {}

    /** A model constraint violation, worded as AWS words them. */
    static AwsException validation(String member, String constraint)
    {
        return VALIDATION.exception("1 validation error detected: Value at '" + member + "' failed to satisfy constraint: " + constraint);
    }
}
