package dev.tarn.it.glue;

import software.amazon.awssdk.services.iam.IamClient;

/** IAM roles for crawlers: trusted by Glue, allowed to read S3 and write the catalog (as AWSGlueServiceRole allows). */
final class CrawlerRoles
{
    static final String TRUST_GLUE = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "glue.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
            """;
    static final String READ_S3_WRITE_CATALOG = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"},
              {"Effect": "Allow", "Action": "glue:*", "Resource": "*"}]}
            """;

    private CrawlerRoles() {}

    /** A role of the given path and name with the crawler's usual permissions; returns its ARN. */
    static String create(IamClient iam, String path, String name)
    {
        return create(iam, path, name, TRUST_GLUE, READ_S3_WRITE_CATALOG);
    }

    static String create(IamClient iam, String path, String name, String trustPolicy, String permissions)
    {
        String arn = iam.createRole(r -> r.path(path).roleName(name).assumeRolePolicyDocument(trustPolicy)).role().arn();
        iam.putRolePolicy(r -> r.roleName(name).policyName("crawler").policyDocument(permissions));
        return arn;
    }
}
