package dev.tarn.iam;

import dev.tarn.spi.error.AwsErrorCode;

/** IAM's error shapes, as the IAM API reference defines them. */
public final class IamErrors
{
    public static final AwsErrorCode NO_SUCH_ENTITY = new AwsErrorCode("NoSuchEntity", 404, "The request was rejected because it referenced an entity that does not exist.");
    public static final AwsErrorCode ENTITY_ALREADY_EXISTS = new AwsErrorCode("EntityAlreadyExists", 409, "The request was rejected because it attempted to create a resource that already exists.");
    public static final AwsErrorCode DELETE_CONFLICT = new AwsErrorCode("DeleteConflict", 409, "The request was rejected because it attempted to delete a resource that has attached subordinate entities.");
    public static final AwsErrorCode LIMIT_EXCEEDED = new AwsErrorCode("LimitExceeded", 409, "The request was rejected because it attempted to create resources beyond the current AWS account limits.");
    public static final AwsErrorCode INVALID_INPUT = new AwsErrorCode("InvalidInput", 400, "The request was rejected because an invalid or out-of-range value was supplied for an input parameter.");
    public static final AwsErrorCode VALIDATION_ERROR = new AwsErrorCode("ValidationError", 400, "The request failed validation.");
    public static final AwsErrorCode PASSWORD_POLICY_VIOLATION = new AwsErrorCode("PasswordPolicyViolation", 400, "The provided password did not meet the requirements imposed by the account password policy.");

    private IamErrors() {}

    public static dev.tarn.spi.error.AwsException noSuchEntity(String kind, String name)
    {
        return NO_SUCH_ENTITY.exception("The " + kind + " with name " + name + " cannot be found.");
    }
}
