package dev.tarn.spi.security;

import java.util.Optional;

/**
 * Roles that a service assumes to act for a customer, as CloudFormation with a stack's service
 * role and Glue with a crawler's role do: the customer passes the role (iam:PassRole), the role's
 * trust policy names the service ({@code "Principal": {"Service": "glue.amazonaws.com"}}), and
 * the service then works with the role's permissions, not the customer's.
 */
public interface ServiceRoles
{
    /**
     * Returns normally when the caller may pass the role to the service: {@code iam:PassRole} on
     * the role's ARN with {@code iam:PassedToService}. Throws AccessDenied otherwise.
     */
    void authorizePass(RequestContext context, String roleArn, String servicePrincipal);

    /**
     * A session of the role for the service, acting with the role's policies; empty when the role
     * does not exist or its trust policy does not let the service assume it.
     *
     * @param servicePrincipal the service as trust policies name it, e.g. {@code cloudformation.amazonaws.com}
     * @param sessionName the session name the assumed-role ARN ends with
     */
    Optional<Caller> assume(String roleArn, String servicePrincipal, String sessionName);
}
