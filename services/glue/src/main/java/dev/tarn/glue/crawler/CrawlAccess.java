package dev.tarn.glue.crawler;

import dev.tarn.glue.GlueAccess;
import dev.tarn.s3.BucketAccess;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.RequestContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What one crawl may do, decided for the session of the crawler's role with the same rules as
 * requests: list a target (s3:ListBucket with s3:prefix, under the bucket policy), read an object
 * (s3:GetObject), and write the catalog (glue:CreateTable, glue:BatchCreatePartition, ... on the
 * catalog, database and table ARNs).
 */
final class CrawlAccess
{
    private final RequestContext role;
    private final BucketAccess buckets;
    private final GlueAccess glue;

    CrawlAccess(RequestContext role, BucketAccess buckets, GlueAccess glue)
    {
        this.role = requireNonNull(role, "role is null");
        this.buckets = requireNonNull(buckets, "buckets is null");
        this.glue = requireNonNull(glue, "glue is null");
    }

    /** The session's ARN, for log lines. */
    String principal()
    {
        return role.caller().arn();
    }

    /** Who reads objects: the role's session, so that KMS decides SSE-KMS objects for the role. */
    RequestContext reader()
    {
        return role;
    }

    /** Throws AccessDenied (S3's) unless the role may list the target; a bucket that does not exist is listed as empty. */
    void listTarget(String bucket, String prefix)
    {
        try {
            buckets.authorize(role, bucket, Optional.empty(), "s3:ListBucket", Map.of("s3:prefix", List.of(prefix)));
        }
        catch (AwsException e) {
            if (e.httpStatus() == 404) {
                return;
            }
            throw e;
        }
    }

    boolean mayRead(String bucket, String key)
    {
        try {
            buckets.authorize(role, bucket, Optional.of(key), "s3:GetObject", Map.of());
            return true;
        }
        catch (AwsException e) {
            return false;
        }
    }

    /** Throws Glue's AccessDeniedException unless the role may do {@code operation} on the database. */
    void onDatabase(String operation, String accountId, String database)
    {
        glue.onDatabase(role, operation, accountId, database);
    }

    void onTable(String operation, String accountId, String database, String table)
    {
        glue.onTable(role, operation, accountId, database, table);
    }
}
