package dev.tarn.cloudformation.api;

import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.cloudformation.stack.StoredCaller;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.security.ServiceRoles;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Who a stack operation's resource calls act as: a session of the stack's service role when it
 * has one (RoleARN), otherwise the caller of the operation, as on AWS.
 */
final class StackActors
{
    static final String SERVICE_PRINCIPAL = "cloudformation.amazonaws.com";
    // the session name CloudFormation's role sessions carry (assumed-role/<role>/AWSCloudFormation)
    private static final String SESSION_NAME = "AWSCloudFormation";

    private final ServiceRoles roles;

    StackActors(ServiceRoles roles)
    {
        this.roles = requireNonNull(roles, "roles is null");
    }

    /**
     * Checks a role a request names: the caller must be allowed iam:PassRole on it. A role the
     * stack already has needs no new pass.
     */
    void checkGiven(RequestContext context, Optional<String> givenRole)
    {
        givenRole.ifPresent(role -> roles.authorizePass(context, role, SERVICE_PRINCIPAL));
    }

    /**
     * The principal the operation's resource calls act as: a fresh role session for each
     * operation (ValidationError when the role is gone or does not trust CloudFormation).
     */
    StoredCaller actor(RequestContext context, Optional<String> roleArn)
    {
        if (roleArn.isEmpty()) {
            return StoredCaller.of(context);
        }
        return StoredCaller.of(new RequestContext(context.requestId(), session(roleArn.get()), context.region(), context.sourceIp(),
                context.secureTransport(), context.receivedAt()));
    }

    private Caller session(String roleArn)
    {
        return roles.assume(roleArn, SERVICE_PRINCIPAL, SESSION_NAME)
                .orElseThrow(() -> CloudFormationErrors.validation("Role " + roleArn + " is invalid or cannot be assumed"));
    }
}
