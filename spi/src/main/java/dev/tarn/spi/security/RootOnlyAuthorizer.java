package dev.tarn.spi.security;

import dev.tarn.spi.error.CommonErrors;

/**
 * Allows an account's root user everything in its own account and denies everyone else. It is
 * the whole policy while root is the only principal there is; the IAM policy engine replaces it.
 */
public final class RootOnlyAuthorizer
        implements Authorizer
{
    @Override
    public void authorize(RequestContext context, AuthorizationRequest request)
    {
        Caller caller = context.caller();
        boolean ownAccount = request.resourceAccountId().map(caller.accountId()::equals).orElse(true);
        if (!caller.root() || !ownAccount) {
            throw CommonErrors.ACCESS_DENIED.exception(
                    "User: " + caller.arn() + " is not authorized to perform: " + request.action() + " on resource: " + request.resourceArn());
        }
    }
}
