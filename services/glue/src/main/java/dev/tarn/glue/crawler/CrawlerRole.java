package dev.tarn.glue.crawler;

import dev.tarn.glue.GlueErrors;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.security.ServiceRoles;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * A crawler's IAM role, as Glue uses it: whoever creates or updates the crawler must be allowed
 * iam:PassRole on it, and every crawl acts as a session of the role
 * ({@code assumed-role/ROLE/AWS-Crawler}), reading S3 and writing the catalog with the role's
 * permissions. The role is given as an ARN or, as Glue also accepts, a name with an optional path.
 */
public final class CrawlerRole
{
    static final String SERVICE_PRINCIPAL = "glue.amazonaws.com";
    private static final String SESSION_NAME = "AWS-Crawler";

    private final ServiceRoles roles;
    private final Clock clock;
    private final String region;

    public CrawlerRole(ServiceRoles roles, Clock clock, String region)
    {
        this.roles = requireNonNull(roles, "roles is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.region = requireNonNull(region, "region is null");
    }

    /** {@code arn:aws:iam::ACCOUNT:role/PATH/NAME} for a role given by name (with an optional path) or by ARN. */
    static String arn(String accountId, String role)
    {
        return role.startsWith("arn:") ? role : "arn:aws:iam::" + accountId + ":role/" + role;
    }

    /** Throws Glue's AccessDeniedException unless the caller may pass the role to Glue. */
    void authorizePass(RequestContext context, String role)
    {
        String arn = arn(context.caller().accountId(), role);
        try {
            roles.authorizePass(context, arn, SERVICE_PRINCIPAL);
        }
        catch (AwsException e) {
            if (e.error().equals(CommonErrors.ACCESS_DENIED)) {
                throw GlueErrors.ACCESS_DENIED.exception(e.getMessage());
            }
            throw e;
        }
    }

    /** A session of the role for one crawl; empty when the role is gone or does not trust Glue. */
    Optional<RequestContext> session(String accountId, String role)
    {
        Optional<Caller> session = roles.assume(arn(accountId, role), SERVICE_PRINCIPAL, SESSION_NAME);
        return session.map(caller -> new RequestContext("crawl-" + UUID.randomUUID(), caller, region, "127.0.0.1", true, clock.instant()));
    }
}
