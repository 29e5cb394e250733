package dev.tarn.it.glue;

import dev.tarn.it.Datasets;
import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.nio.file.Files;
import java.util.List;

import static dev.tarn.it.glue.CrawlerJourneyTest.awaitReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A crawler acts as its role: what the role may list and read in S3, and write in the catalog,
 * is what the crawl does; whoever creates the crawler must be allowed to pass the role to Glue.
 */
class CrawlerRoleTest
{
    private static TestServer server;
    private static GlueClient glue;
    private static IamClient iam;
    private static S3Client s3;

    @BeforeAll
    static void start()
            throws Exception
    {
        server = TestServer.start();
        glue = server.glue();
        iam = server.iam();
        s3 = server.s3();
        s3.createBucket(r -> r.bucket("lake"));
        List<String> stocks = Files.readAllLines(Datasets.path("stocks.csv"));
        put("sales/year=2024/month=01/part-0.csv", String.join("\n", stocks.subList(0, 100)) + "\n");
        put("sales/year=2024/month=02/part-0.csv", stocks.get(0) + "\n" + String.join("\n", stocks.subList(100, 200)) + "\n");
        put("open/stocks/part-0.csv", String.join("\n", stocks.subList(0, 50)) + "\n");
        put("open/github/part-0.csv", String.join("\n", Files.readAllLines(Datasets.path("github.csv")).subList(0, 50)) + "\n");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private static void put(String key, String body)
    {
        s3.putObject(r -> r.bucket("lake").key(key), RequestBody.fromString(body));
    }

    private static Crawler crawl(String name, String role, String path)
            throws InterruptedException
    {
        glue.createCrawler(r -> r.name(name).role(role).databaseName(name).targets(t -> t.s3Targets(s -> s.path(path))));
        glue.startCrawler(r -> r.name(name));
        return awaitReady(glue, name);
    }

    @Test
    void theRoleReadsAndWritesAndHivePartitionKeysAreStrings()
            throws Exception
    {
        CrawlerRoles.create(iam, "/service-role/", "AWSGlueServiceRole-sales");
        Crawler crawler = crawl("sales", "service-role/AWSGlueServiceRole-sales", "s3://lake/sales/");
        assertThat(crawler.lastCrawl().status()).as(crawler.lastCrawl().errorMessage()).isEqualTo(LastCrawlStatus.SUCCEEDED);
        Table table = glue.getTable(r -> r.databaseName("sales").name("sales")).table();
        // as AWS crawlers write Hive-style partition keys: always string, whatever the values look like
        assertThat(table.partitionKeys()).extracting(Column::name, Column::type).containsExactly(tuple("year", "string"), tuple("month", "string"));
        assertThat(glue.getPartitions(r -> r.databaseName("sales").tableName("sales")).partitions()).hasSize(2);
        assertThat(glue.listCrawls(r -> r.crawlerName("sales")).crawls().get(0).summary()).contains("\"PARTITION\":{\"ADD\":{\"Count\":2}}");
    }

    @Test
    void aRoleThatMayNotListTheBucketFailsTheCrawl()
            throws Exception
    {
        CrawlerRoles.create(iam, "/", "catalog-only", CrawlerRoles.TRUST_GLUE, """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "glue:*", "Resource": "*"}]}
                """);
        Crawler crawler = crawl("nolist", "catalog-only", "s3://lake/sales/");
        assertThat(crawler.lastCrawl().status()).isEqualTo(LastCrawlStatus.FAILED);
        assertThat(crawler.lastCrawl().errorMessage())
                .startsWith("AccessDenied: ")
                .contains("arn:aws:sts::" + server.accountId() + ":assumed-role/catalog-only/AWS-Crawler")
                .contains("s3:ListBucket");
        assertThat(glue.getTables(r -> r.databaseName("nolist")).tableList()).isEmpty();
    }

    @Test
    void objectsTheRoleMayNotReadAreLeftOut()
            throws Exception
    {
        CrawlerRoles.create(iam, "/", "stocks-only", CrawlerRoles.TRUST_GLUE, """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::lake"},
                  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::lake/open/stocks/*"},
                  {"Effect": "Allow", "Action": "glue:*", "Resource": "*"}]}
                """);
        Crawler crawler = crawl("partial", "stocks-only", "s3://lake/open/");
        assertThat(crawler.lastCrawl().status()).isEqualTo(LastCrawlStatus.SUCCEEDED);
        // only the stocks file was read: one schema, so one table with stocks as its only (unnamed) partition
        List<Table> tables = glue.getTables(r -> r.databaseName("partial")).tableList();
        assertThat(tables).singleElement().satisfies(table -> assertThat(table.storageDescriptor().columns()).extracting(Column::name)
                .containsExactly("symbol", "date", "price"));
        assertThat(glue.getPartitions(r -> r.databaseName("partial").tableName(tables.get(0).name())).partitions())
                .singleElement().satisfies(partition -> assertThat(partition.values()).containsExactly("stocks"));
    }

    @Test
    void sseKmsObjectsNeedKmsDecryptForTheRole()
            throws Exception
    {
        String keyId = server.kms().createKey(r -> r.description("lake key")).keyMetadata().keyId();
        s3.putObject(r -> r.bucket("lake").key("sealed/quotes/part-0.csv").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyId),
                RequestBody.fromString(String.join("\n", Files.readAllLines(Datasets.path("stocks.csv")).subList(0, 80)) + "\n"));

        // the usual crawler permissions, but not the key's: the object cannot be decrypted and is left out
        CrawlerRoles.create(iam, "/", "no-kms");
        Crawler withoutKey = crawl("sealed", "no-kms", "s3://lake/sealed/");
        assertThat(withoutKey.lastCrawl().status()).isEqualTo(LastCrawlStatus.SUCCEEDED);
        assertThat(glue.getTables(r -> r.databaseName("sealed")).tableList()).isEmpty();

        CrawlerRoles.create(iam, "/", "with-kms", CrawlerRoles.TRUST_GLUE, """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket", "glue:*"], "Resource": "*"},
                  {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}
                """);
        Crawler withKey = crawl("unsealed", "with-kms", "s3://lake/sealed/");
        assertThat(withKey.lastCrawl().status()).isEqualTo(LastCrawlStatus.SUCCEEDED);
        assertThat(glue.getTables(r -> r.databaseName("unsealed")).tableList()).singleElement()
                .satisfies(table -> assertThat(table.storageDescriptor().columns()).extracting(Column::name).containsExactly("symbol", "date", "price"));
    }

    @Test
    void aRoleThatMayNotWriteTheCatalogFailsTheCrawl()
            throws Exception
    {
        CrawlerRoles.create(iam, "/", "read-only", CrawlerRoles.TRUST_GLUE, """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"},
                  {"Effect": "Allow", "Action": ["glue:GetDatabase", "glue:CreateDatabase"], "Resource": "*"}]}
                """);
        Crawler crawler = crawl("nowrite", "read-only", "s3://lake/open/");
        assertThat(crawler.lastCrawl().status()).isEqualTo(LastCrawlStatus.FAILED);
        assertThat(crawler.lastCrawl().errorMessage()).startsWith("AccessDeniedException: ").contains("glue:CreateTable");
        assertThat(glue.getDatabase(r -> r.name("nowrite")).database().name()).isEqualTo("nowrite");
        assertThat(glue.getTables(r -> r.databaseName("nowrite")).tableList()).isEmpty();
    }

    @Test
    void aRoleThatDoesNotTrustGlueOrDoesNotExistFailsTheCrawl()
            throws Exception
    {
        String arn = CrawlerRoles.create(iam, "/", "for-lambda", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
                """, CrawlerRoles.READ_S3_WRITE_CATALOG);
        Crawler untrusted = crawl("untrusted", "for-lambda", "s3://lake/open/");
        assertThat(untrusted.lastCrawl().status()).isEqualTo(LastCrawlStatus.FAILED);
        assertThat(untrusted.lastCrawl().errorMessage()).isEqualTo("Service is unable to assume role " + arn + ". Please verify role's TrustPolicy.");
        assertThatThrownBy(() -> glue.getDatabase(r -> r.name("untrusted"))).isInstanceOf(EntityNotFoundException.class);

        Crawler missing = crawl("missing", "no-such-role", "s3://lake/open/");
        assertThat(missing.lastCrawl().status()).isEqualTo(LastCrawlStatus.FAILED);
        assertThat(missing.lastCrawl().errorMessage()).contains("arn:aws:iam::" + server.accountId() + ":role/no-such-role");
    }

    @Test
    void creatingACrawlerNeedsPassRoleOnItsRole()
    {
        String arn = CrawlerRoles.create(iam, "/", "passable");
        iam.createUser(r -> r.userName("engineer"));
        iam.putUserPolicy(r -> r.userName("engineer").policyName("glue").policyDocument("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "glue:*", "Resource": "*"}]}
                """));
        AccessKey key = iam.createAccessKey(r -> r.userName("engineer")).accessKey();
        try (GlueClient engineer = server.glue(server.credentials(key.accessKeyId(), key.secretAccessKey()))) {
            assertThatThrownBy(() -> engineer.createCrawler(r -> r.name("engineers").role(arn).databaseName("engineers")
                    .targets(t -> t.s3Targets(s -> s.path("s3://lake/open/")))))
                    .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .contains("iam:PassRole").contains(arn));
            assertThatThrownBy(() -> engineer.getCrawler(r -> r.name("engineers"))).isInstanceOf(EntityNotFoundException.class);

            iam.putUserPolicy(r -> r.userName("engineer").policyName("pass").policyDocument("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "%s",
                      "Condition": {"StringEquals": {"iam:PassedToService": "glue.amazonaws.com"}}}]}
                    """.formatted(arn)));
            engineer.createCrawler(r -> r.name("engineers").role("passable").databaseName("engineers")
                    .targets(t -> t.s3Targets(s -> s.path("s3://lake/open/"))));
            assertThat(engineer.getCrawler(r -> r.name("engineers")).crawler().role()).isEqualTo("passable");
            // another role on update needs its own pass
            assertThatThrownBy(() -> engineer.updateCrawler(r -> r.name("engineers").role("read-only-other")))
                    .isInstanceOf(AccessDeniedException.class);
        }
    }
}
