package dev.tarn.it.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tarn.it.Datasets;
import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static dev.tarn.it.glue.CrawlerJourneyTest.awaitReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Crawls that classify with Grok and XML custom classifiers, in the crawler's order, and ORC files, on real datasets. */
class CrawlerClassifiersTest
{
    private static final String STOCK_PATTERN = "%{WORD:symbol},%{STOCKDATE:date},%{NUMBER:price:double}";

    private static TestServer server;
    private static GlueClient glue;
    private static S3Client s3;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        glue = server.glue();
        s3 = server.s3();
        CrawlerRoles.create(server.iam(), "/", "crawler");
        s3.createBucket(r -> r.bucket("lake"));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void grokAndXmlClassifiersTriedInOrder()
            throws Exception
    {
        // stock quotes as a log without a header (a line Grok would not match), cars as XML rows
        List<String> stocks = Files.readAllLines(Datasets.path("stocks.csv"));
        s3.putObject(r -> r.bucket("lake").key("feeds/quotes/2024.log"), RequestBody.fromString(String.join("\n", stocks.subList(1, stocks.size())) + "\n"));
        s3.putObject(r -> r.bucket("lake").key("feeds/cars/cars.xml"), RequestBody.fromString(carsXml()));

        glue.createClassifier(r -> r.grokClassifier(g -> g.name("quotes").classification("stock-quotes").grokPattern(STOCK_PATTERN)
                .customPatterns("STOCKDATE %{MONTH} %{MONTHDAY} %{YEAR}")));
        glue.createClassifier(r -> r.xmlClassifier(x -> x.name("cars").classification("cars-xml").rowTag("car")));
        glue.createCrawler(r -> r.name("feeds").role("crawler").databaseName("feeds").classifiers("cars", "quotes")
                .targets(t -> t.s3Targets(s -> s.path("s3://lake/feeds/"))));
        glue.startCrawler(r -> r.name("feeds"));
        Crawler crawler = awaitReady(glue, "feeds");
        assertThat(crawler.lastCrawl().status()).as(crawler.lastCrawl().errorMessage()).isEqualTo(LastCrawlStatus.SUCCEEDED);

        Map<String, Table> tables = new TreeMap<>();
        glue.getTables(r -> r.databaseName("feeds")).tableList().forEach(table -> tables.put(table.name(), table));
        assertThat(tables).containsOnlyKeys("quotes", "cars");

        Table quotes = tables.get("quotes");
        assertThat(quotes.parameters()).containsEntry("classification", "stock-quotes");
        assertThat(quotes.storageDescriptor().columns()).extracting(Column::name, Column::type)
                .containsExactly(tuple("symbol", "string"), tuple("date", "string"), tuple("price", "double"));
        assertThat(quotes.storageDescriptor().serdeInfo().serializationLibrary()).isEqualTo("com.amazonaws.glue.serde.GrokSerDe");
        assertThat(quotes.storageDescriptor().serdeInfo().parameters()).containsEntry("input.format", STOCK_PATTERN)
                .containsEntry("input.grokCustomPatterns", "STOCKDATE %{MONTH} %{MONTHDAY} %{YEAR}");
        assertThat(quotes.storageDescriptor().location()).isEqualTo("s3://lake/feeds/quotes/");

        Table cars = tables.get("cars");
        assertThat(cars.parameters()).containsEntry("classification", "cars-xml").containsEntry("rowTag", "car");
        assertThat(cars.storageDescriptor().columns()).extracting(Column::name, Column::type).containsExactly(tuple("_origin", "string"),
                tuple("name", "string"), tuple("miles_per_gallon", "bigint"), tuple("cylinders", "bigint"), tuple("horsepower", "bigint"),
                tuple("acceleration", "double"), tuple("year", "date"));
    }

    @Test
    void orcFilesFromTheirFooters()
            throws Exception
    {
        Path orc = orcExample("TestOrcFile.test1.orc");
        for (String day : List.of("2024-01-01", "2024-01-02")) {
            s3.putObject(r -> r.bucket("lake").key("orc/events/dt=" + day + "/part-0.orc"), RequestBody.fromFile(orc));
        }
        glue.createCrawler(r -> r.name("orc").role("crawler").databaseName("orc").targets(t -> t.s3Targets(s -> s.path("s3://lake/orc/events/"))));
        glue.startCrawler(r -> r.name("orc"));
        Crawler crawler = awaitReady(glue, "orc");
        assertThat(crawler.lastCrawl().status()).isEqualTo(LastCrawlStatus.SUCCEEDED);
        Table table = glue.getTable(r -> r.databaseName("orc").name("events")).table();
        assertThat(table.parameters()).containsEntry("classification", "orc");
        assertThat(table.storageDescriptor().inputFormat()).isEqualTo("org.apache.hadoop.hive.ql.io.orc.OrcInputFormat");
        assertThat(table.storageDescriptor().serdeInfo().serializationLibrary()).isEqualTo("org.apache.hadoop.hive.ql.io.orc.OrcSerde");
        assertThat(table.storageDescriptor().columns()).extracting(Column::name).startsWith("boolean1", "byte1", "short1", "int1", "long1")
                .endsWith("map");
        assertThat(table.storageDescriptor().columns()).extracting(Column::type).contains("map<string,struct<int1:int,string1:string>>");
        assertThat(table.partitionKeys()).extracting(Column::name, Column::type).containsExactly(tuple("dt", "string"));
        assertThat(glue.getPartitions(r -> r.databaseName("orc").tableName("events")).partitions()).hasSize(2);
    }

    /** The first 100 cars of the dataset as XML: the origin an attribute, the other fields child elements. */
    private static String carsXml()
            throws Exception
    {
        JsonNode cars = JsonMapper.builder().build().readTree(Files.readString(Datasets.path("cars.json")));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cars>\n");
        for (int i = 0; i < 100; i++) {
            JsonNode car = cars.get(i);
            xml.append("  <car origin=\"").append(car.path("Origin").asText()).append("\">");
            for (String field : List.of("Name", "Miles_per_Gallon", "Cylinders", "Horsepower", "Acceleration", "Year")) {
                JsonNode value = car.path(field);
                if (!value.isNull() && !value.isMissingNode()) {
                    String tag = field.toLowerCase(Locale.ROOT);
                    xml.append('<').append(tag).append('>').append(value.asText().replace("&", "&amp;").replace("<", "&lt;")).append("</").append(tag).append('>');
                }
            }
            xml.append("</car>\n");
        }
        return xml.append("</cars>\n").toString();
    }

    /** An ORC file written by Apache ORC's writer, kept with the Glue module's tests. */
    private static Path orcExample(String name)
    {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("services/glue/src/test/resources/orc").resolve(name);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("ORC example " + name + " not found above " + Path.of("").toAbsolutePath());
    }
}
