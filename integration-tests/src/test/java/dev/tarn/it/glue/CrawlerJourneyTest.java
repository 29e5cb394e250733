package dev.tarn.it.glue;

import dev.tarn.it.Datasets;
import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data engineer's journey through the SDK: seattle-weather.csv laid out in Hive-style
 * partitions year=/month= (some files gzip), a crawler, the table and partitions it finds, then
 * a new month and a new column on a second run.
 */
class CrawlerJourneyTest
{
    private static TestServer server;
    private static GlueClient glue;
    private static S3Client s3;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        glue = server.glue();
        s3 = server.s3();
    }

    @AfterAll
    static void stop()
    {
        glue.close();
        s3.close();
        server.close();
    }

    /** The weather rows by "yyyy-MM" month, header first. */
    static Map<String, List<String>> weatherByMonth()
            throws IOException
    {
        List<String> lines = Files.readAllLines(Datasets.path("seattle-weather.csv"));
        Map<String, List<String>> months = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            months.computeIfAbsent(line.substring(0, 7), key -> new ArrayList<>(List.of(lines.get(0)))).add(line);
        }
        return months;
    }

    static byte[] gzip(byte[] bytes)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    static Crawler awaitReady(GlueClient glue, String name)
            throws InterruptedException
    {
        for (int i = 0; i < 1200; i++) {
            Crawler crawler = glue.getCrawler(r -> r.name(name)).crawler();
            if (crawler.state() == CrawlerState.READY && crawler.lastCrawl() != null) {
                return crawler;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("crawler " + name + " did not finish");
    }

    @Test
    void crawlPartitionedCsvThenAddMonthAndColumn()
            throws Exception
    {
        s3.createBucket(r -> r.bucket("lake"));
        Map<String, List<String>> months = weatherByMonth();
        int month = 0;
        for (Map.Entry<String, List<String>> entry : months.entrySet()) {
            if (!entry.getKey().startsWith("2012")) {
                continue;
            }
            String key = "raw/weather/year=2012/month=" + entry.getKey().substring(5) + "/part-0.csv";
            byte[] body = (String.join("\n", entry.getValue()) + "\n").getBytes(StandardCharsets.UTF_8);
            if (month++ % 2 == 1) {
                body = gzip(body);
                key = key + ".gz";
            }
            String finalKey = key;
            s3.putObject(r -> r.bucket("lake").key(finalKey), RequestBody.fromBytes(body));
        }
        s3.putObject(r -> r.bucket("lake").key("raw/weather/_SUCCESS"), RequestBody.fromString(""));

        glue.createDatabase(r -> r.databaseInput(d -> d.name("weatherdata")));
        String role = CrawlerRoles.create(server.iam(), "/", "crawler");
        glue.createCrawler(r -> r.name("weather").role(role).databaseName("weatherdata")
                .targets(t -> t.s3Targets(s -> s.path("s3://lake/raw/weather/")))
                .schemaChangePolicy(p -> p.updateBehavior("UPDATE_IN_DATABASE").deleteBehavior("DEPRECATE_IN_DATABASE")));
        glue.startCrawler(r -> r.name("weather"));
        Crawler crawler = awaitReady(glue, "weather");
        assertThat(crawler.lastCrawl().status()).isEqualTo(LastCrawlStatus.SUCCEEDED);

        List<Table> tables = glue.getTables(r -> r.databaseName("weatherdata")).tableList();
        assertThat(tables).extracting(Table::name).containsExactly("weather");
        Table table = tables.get(0);
        assertThat(table.storageDescriptor().columns()).extracting(Column::name, Column::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("date", "date"), org.assertj.core.groups.Tuple.tuple("precipitation", "double"),
                org.assertj.core.groups.Tuple.tuple("temp_max", "double"), org.assertj.core.groups.Tuple.tuple("temp_min", "double"),
                org.assertj.core.groups.Tuple.tuple("wind", "double"), org.assertj.core.groups.Tuple.tuple("weather", "string"));
        assertThat(table.partitionKeys()).extracting(Column::name).containsExactly("year", "month");
        assertThat(table.storageDescriptor().location()).isEqualTo("s3://lake/raw/weather/");
        assertThat(table.storageDescriptor().serdeInfo().serializationLibrary()).isEqualTo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
        assertThat(table.parameters()).containsEntry("classification", "csv").containsEntry("skip.header.line.count", "1");
        assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");

        List<Partition> partitions = glue.getPartitions(r -> r.databaseName("weatherdata").tableName("weather")).partitions();
        assertThat(partitions).hasSize(12);
        assertThat(partitions).allSatisfy(p -> assertThat(p.storageDescriptor().location()).startsWith("s3://lake/raw/weather/year=2012/month="));
        assertThat(glue.getPartitions(r -> r.databaseName("weatherdata").tableName("weather").expression("month BETWEEN '03' AND '05'")).partitions())
                .extracting(p -> p.values().get(1)).containsExactlyInAnyOrder("03", "04", "05");

        // a new month with an added column
        List<String> january = months.get("2013-01");
        List<String> withColumn = new ArrayList<>();
        withColumn.add(january.get(0) + ",humidity");
        january.subList(1, january.size()).forEach(line -> withColumn.add(line + ",0.5"));
        s3.putObject(r -> r.bucket("lake").key("raw/weather/year=2013/month=01/part-0.csv"), RequestBody.fromString(String.join("\n", withColumn) + "\n"));
        glue.startCrawler(r -> r.name("weather"));
        awaitReady(glue, "weather");
        Table updated = glue.getTable(r -> r.databaseName("weatherdata").name("weather")).table();
        assertThat(updated.storageDescriptor().columns()).extracting(Column::name).endsWith("humidity");
        assertThat(glue.getPartitions(r -> r.databaseName("weatherdata").tableName("weather")).partitions()).hasSize(13);
        assertThat(glue.getTableVersions(r -> r.databaseName("weatherdata").tableName("weather")).tableVersions()).hasSize(2);
        assertThat(glue.listCrawls(r -> r.crawlerName("weather")).crawls()).hasSize(2);
        assertThat(glue.getCrawlerMetrics(r -> r.crawlerNameList("weather")).crawlerMetricsList().get(0).tablesUpdated()).isEqualTo(1);
    }
}
