package dev.tarn.athena;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.security.AuthorizationRequest;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.security.RequestContext;

import static java.util.Objects.requireNonNull;

/**
 * Authorization of Athena operations: {@code athena:<Op>} on the work group ARN (queries, named
 * queries, prepared statements, work groups) or the data catalog ARN (catalogs, databases,
 * tables), as AWS documents Athena's resource types. Denials are Athena's AccessDeniedException.
 */
public final class AthenaAccess
{
    private final Authorizer authorizer;
    private final String region;

    public AthenaAccess(Authorizer authorizer, String region)
    {
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.region = requireNonNull(region, "region is null");
    }

    public String workGroupArn(String accountId, String workGroup)
    {
        return "arn:aws:athena:" + region + ":" + accountId + ":workgroup/" + workGroup;
    }

    public String dataCatalogArn(String accountId, String catalog)
    {
        return "arn:aws:athena:" + region + ":" + accountId + ":datacatalog/" + catalog;
    }

    public void onWorkGroup(RequestContext context, String operation, String workGroup)
    {
        String accountId = context.caller().accountId();
        authorize(context, operation, workGroupArn(accountId, workGroup), accountId);
    }

    public void onDataCatalog(RequestContext context, String operation, String catalog)
    {
        String accountId = context.caller().accountId();
        authorize(context, operation, dataCatalogArn(accountId, catalog), accountId);
    }

    /** Listings of work groups and catalogs, which name no single resource: resource {@code *}. */
    public void onAccount(RequestContext context, String operation)
    {
        authorize(context, operation, "*", context.caller().accountId());
    }

    private void authorize(RequestContext context, String operation, String arn, String accountId)
    {
        try {
            authorizer.authorize(context, AuthorizationRequest.of("athena:" + operation, arn, accountId));
        }
        catch (AwsException e) {
            if (e.error().equals(CommonErrors.ACCESS_DENIED)) {
                throw AthenaErrors.ACCESS_DENIED.exception("User: " + context.caller().arn() + " is not authorized to perform: athena:" + operation
                        + " on resource: " + arn);
            }
            throw e;
        }
    }
}
