package dev.tarn.glue;

import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.security.AuthorizationRequest;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.security.RequestContext;

import static java.util.Objects.requireNonNull;

/**
 * Authorization of Glue operations. As on AWS, an operation on a table needs {@code glue:<Op>}
 * on the catalog, the database and the table ARNs; one on a database, on the catalog and the
 * database. Denials are answered as Glue's AccessDeniedException.
 */
public final class GlueAccess
{
    private final Authorizer authorizer;
    private final String region;

    public GlueAccess(Authorizer authorizer, String region)
    {
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.region = requireNonNull(region, "region is null");
    }

    public String region()
    {
        return region;
    }

    public String catalogArn(String catalogId)
    {
        return "arn:aws:glue:" + region + ":" + catalogId + ":catalog";
    }

    public String databaseArn(String catalogId, String database)
    {
        return "arn:aws:glue:" + region + ":" + catalogId + ":database/" + database;
    }

    public String tableArn(String catalogId, String database, String table)
    {
        return "arn:aws:glue:" + region + ":" + catalogId + ":table/" + database + "/" + table;
    }

    public String crawlerArn(String accountId, String crawler)
    {
        return "arn:aws:glue:" + region + ":" + accountId + ":crawler/" + crawler;
    }

    public void onCatalog(RequestContext context, String operation, String catalogId)
    {
        authorize(context, operation, catalogArn(catalogId), catalogId);
    }

    public void onDatabase(RequestContext context, String operation, String catalogId, String database)
    {
        onCatalog(context, operation, catalogId);
        authorize(context, operation, databaseArn(catalogId, database), catalogId);
    }

    public void onTable(RequestContext context, String operation, String catalogId, String database, String table)
    {
        onDatabase(context, operation, catalogId, database);
        authorize(context, operation, tableArn(catalogId, database, table), catalogId);
    }

    public void onCrawler(RequestContext context, String operation, String crawler)
    {
        String accountId = context.caller().accountId();
        authorize(context, operation, crawlerArn(accountId, crawler), accountId);
    }

    /** Operations on no particular resource (GetCrawlers, classifiers): resource {@code *}. */
    public void onAccount(RequestContext context, String operation)
    {
        authorize(context, operation, "*", context.caller().accountId());
    }

    private void authorize(RequestContext context, String operation, String arn, String accountId)
    {
        try {
            authorizer.authorize(context, AuthorizationRequest.of("glue:" + operation, arn, accountId));
        }
        catch (AwsException e) {
            if (e.error().equals(CommonErrors.ACCESS_DENIED)) {
                throw GlueErrors.ACCESS_DENIED.exception("User: " + context.caller().arn() + " is not authorized to perform: glue:" + operation
                        + " on resource: " + arn);
            }
            throw e;
        }
    }
}
