package dev.tarn.bench;

import dev.tarn.server.ServerConfig;
import dev.tarn.server.TarnServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Crawl time of 10,000 CSV objects in 500 Hive-style partitions ({@code year=/month=/day=}), end
 * to end on a real server: objects are written through S3 (encrypted at rest like any other),
 * then StartCrawler, and the clock runs until GetCrawler reports READY with the crawl's result.
 * Target: under 30 seconds.
 *
 * <p>Usage: {@code CrawlerBench [objects] [partitions]} (defaults 10000 and 500).
 */
public final class CrawlerBench
{
    private CrawlerBench() {}

    public static void main(String[] args)
            throws Exception
    {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path dataDir = Files.createTempDirectory("tarn-crawler-bench-");
        ServerConfig config = new ServerConfig(dataDir, "127.0.0.1", 0, "us-east-1", Duration.ofMinutes(15), Optional.of("AKIABENCHCRAWLER0001"),
                Optional.of("bench-secret-bench-secret-bench-secret"), Optional.empty());
        try (TarnServer server = TarnServer.start(config)) {
            StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIABENCHCRAWLER0001", "bench-secret-bench-secret-bench-secret"));
            try (S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                    .forcePathStyle(true).httpClient(ApacheHttpClient.builder().maxConnections(32).build()).build();
                    GlueClient glue = GlueClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials).build();
                    IamClient iam = IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL).credentialsProvider(credentials).build()) {
                s3.createBucket(r -> r.bucket("lake"));
                // the crawler acts as its role: trusted by Glue, allowed to read S3 and write the catalog
                iam.createRole(r -> r.roleName("bench").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Service\":\"glue.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
                iam.putRolePolicy(r -> r.roleName("bench").policyName("crawler").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                        + "\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\",\"glue:*\"],\"Resource\":\"*\"}]}"));
                long loadStart = System.nanoTime();
                ExecutorService writers = Executors.newFixedThreadPool(16);
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < objects; i++) {
                    int partition = i % partitions;
                    String key = String.format(Locale.ROOT, "raw/trips/year=%d/month=%02d/day=%02d/part-%05d.csv", 2020 + partition / 360,
                            partition / 30 % 12 + 1, partition % 30 + 1, i);
                    String body = "trip_id,vendor,fare,distance,pickup_at\n" + i + ",v" + (i % 3) + "," + (i % 50) + ".25," + (i % 20) + ".5,2024-01-01 10:00:00\n"
                            + (i + 1) + ",v1,12.5,3.0,2024-01-01 11:30:00\n";
                    writes.add(writers.submit(() -> s3.putObject(r -> r.bucket("lake").key(key), RequestBody.fromString(body))));
                }
                for (Future<?> write : writes) {
                    write.get();
                }
                writers.shutdown();
                System.out.printf(Locale.ROOT, "wrote %d objects in %d partitions in %.1f s%n", objects, partitions, (System.nanoTime() - loadStart) / 1e9);

                glue.createDatabase(r -> r.databaseInput(d -> d.name("bench")));
                glue.createCrawler(r -> r.name("bench").role("bench").databaseName("bench").targets(t -> t.s3Targets(s -> s.path("s3://lake/raw/trips/"))));
                long start = System.nanoTime();
                glue.startCrawler(r -> r.name("bench"));
                Crawler crawler;
                do {
                    Thread.sleep(100);
                    crawler = glue.getCrawler(r -> r.name("bench")).crawler();
                }
                while (crawler.state() != CrawlerState.READY);
                double seconds = (System.nanoTime() - start) / 1e9;
                int found = glue.getPartitionsPaginator(r -> r.databaseName("bench").tableName("trips")).stream().mapToInt(page -> page.partitions().size()).sum();
                System.out.printf(Locale.ROOT, "crawl %s: %d objects, %d partitions found, %.1f s (target < 30 s)%n", crawler.lastCrawl().statusAsString(),
                        objects, found, seconds);
            }
        }
        finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
