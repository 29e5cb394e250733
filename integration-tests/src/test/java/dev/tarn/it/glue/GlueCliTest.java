package dev.tarn.it.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarn.it.TestServer;
import dev.tarn.it.cli.AwsCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The journey with the real {@code aws} CLI (skipped without it): partitioned CSV (some gzip)
 * copied with {@code aws s3 cp}, {@code aws glue create-crawler}, {@code start-crawler}, polling
 * {@code get-crawler} until READY, then {@code get-tables} and {@code get-partitions}; a new
 * month and a second run add its partition.
 */
class GlueCliTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @TempDir
    static Path work;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void crawlWithTheCli()
            throws Exception
    {
        assumeThat(cliAvailable()).as("the aws CLI is installed").isTrue();
        Map<String, List<String>> months = CrawlerJourneyTest.weatherByMonth();
        Path lake = Files.createDirectories(work.resolve("lake"));
        for (String month : List.of("2012-01", "2012-02", "2012-03")) {
            Path folder = Files.createDirectories(lake.resolve("year=2012").resolve("month=" + month.substring(5)));
            byte[] body = (String.join("\n", months.get(month)) + "\n").getBytes(StandardCharsets.UTF_8);
            if (month.endsWith("02")) {
                Files.write(folder.resolve("data.csv.gz"), CrawlerJourneyTest.gzip(body));
            }
            else {
                Files.write(folder.resolve("data.csv"), body);
            }
        }
        aws("s3", "mb", "s3://lake");
        aws("s3", "cp", "--recursive", lake.toString(), "s3://lake/raw/weather/");
        aws("glue", "create-database", "--database-input", "{\"Name\":\"weatherdata\"}");
        aws("iam", "create-role", "--role-name", "AWSGlueServiceRole-weather", "--assume-role-policy-document", CrawlerRoles.TRUST_GLUE);
        aws("iam", "put-role-policy", "--role-name", "AWSGlueServiceRole-weather", "--policy-name", "crawler", "--policy-document",
                CrawlerRoles.READ_S3_WRITE_CATALOG);
        aws("glue", "create-crawler", "--name", "weather", "--role", "AWSGlueServiceRole-weather", "--database-name", "weatherdata",
                "--targets", "{\"S3Targets\":[{\"Path\":\"s3://lake/raw/weather/\"}]}",
                "--schema-change-policy", "{\"UpdateBehavior\":\"UPDATE_IN_DATABASE\",\"DeleteBehavior\":\"DEPRECATE_IN_DATABASE\"}");
        crawl();

        JsonNode table = json("glue", "get-tables", "--database-name", "weatherdata").path("TableList").get(0);
        assertThat(table.path("Name").asText()).isEqualTo("weather");
        assertThat(table.path("StorageDescriptor").path("Location").asText()).isEqualTo("s3://lake/raw/weather/");
        assertThat(table.path("StorageDescriptor").path("Columns").toString()).contains("{\"Name\":\"date\",\"Type\":\"date\"}", "{\"Name\":\"wind\",\"Type\":\"double\"}");
        assertThat(table.path("PartitionKeys").toString()).isEqualTo("[{\"Name\":\"year\",\"Type\":\"string\"},{\"Name\":\"month\",\"Type\":\"string\"}]");
        assertThat(table.path("Parameters").path("classification").asText()).isEqualTo("csv");
        assertThat(json("glue", "get-partitions", "--database-name", "weatherdata", "--table-name", "weather").path("Partitions")).hasSize(3);

        Path april = Files.createDirectories(work.resolve("april"));
        Files.write(april.resolve("data.csv"), (String.join("\n", months.get("2012-04")) + "\n").getBytes(StandardCharsets.UTF_8));
        aws("s3", "cp", april.resolve("data.csv").toString(), "s3://lake/raw/weather/year=2012/month=04/data.csv");
        crawl();
        assertThat(json("glue", "get-partitions", "--database-name", "weatherdata", "--table-name", "weather", "--expression", "month >= '03'")
                .path("Partitions")).hasSize(2);
        assertThat(json("glue", "get-partitions", "--database-name", "weatherdata", "--table-name", "weather").path("Partitions")).hasSize(4);
    }

    private static void crawl()
            throws Exception
    {
        aws("glue", "start-crawler", "--name", "weather");
        for (int i = 0; i < 600; i++) {
            JsonNode crawler = json("glue", "get-crawler", "--name", "weather").path("Crawler");
            if (crawler.path("State").asText().equals("READY") && crawler.has("LastCrawl")) {
                assertThat(crawler.path("LastCrawl").path("Status").asText()).isEqualTo("SUCCEEDED");
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the crawler did not finish");
    }

    private static JsonNode json(String... arguments)
            throws IOException
    {
        return JSON.readTree(aws(arguments));
    }

    private static String aws(String... arguments)
    {
        List<String> withOutput = new ArrayList<>(List.of(arguments));
        withOutput.addAll(List.of("--output", "json"));
        return AwsCli.forDataDir(server.dataDir(), work).ok(withOutput.toArray(String[]::new));
    }

    private static boolean cliAvailable()
    {
        try {
            return new ProcessBuilder("aws", "--version").redirectErrorStream(true).start().waitFor() == 0;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
