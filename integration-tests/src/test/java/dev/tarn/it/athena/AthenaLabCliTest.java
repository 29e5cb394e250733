package dev.tarn.it.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarn.it.TestServer;
import dev.tarn.it.cli.AwsCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The lab's journey with the real {@code aws} CLI (skipped without it): the data scientist
 * creates database {@code taxidata} and the external table {@code yellow} over CSV with a header
 * line, previews it, asks for the fares of at least 100 dollars, saves that as a named query,
 * makes a view over two tables, and copies the table to partitioned, bucketed, compressed Parquet
 * with CTAS, whose queries scan far fewer bytes. Every statement goes through
 * {@code start-query-execution}, {@code get-query-execution} and {@code get-query-results}, and
 * the result CSV lands in the output location.
 */
class AthenaLabCliTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUTPUT = "s3://lab-results/athena/";
    private static final List<TaxiTrips.Trip> TRIPS = TaxiTrips.generate(2017, 4000, 1);
    private static final String FARES_OVER_100 = "SELECT distance, paytype, fare, tip, tolls, surcharge, total FROM yellow WHERE total >= 100.0 "
            + "ORDER BY total DESC";

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
    void theLabJourney()
            throws Exception
    {
        assumeThat(cliAvailable()).as("the aws CLI is installed").isTrue();
        Path trips = work.resolve("yellow.csv");
        Files.writeString(trips, TaxiTrips.csv(TRIPS));
        Path paytypes = work.resolve("paytypes.csv");
        Files.writeString(paytypes, "1,Credit card\n2,Cash\n3,No charge\n4,Dispute\n");
        aws("s3", "mb", "s3://lab-data");
        aws("s3", "mb", "s3://lab-results");
        aws("s3", "cp", trips.toString(), "s3://lab-data/yellow/yellow_tripdata_2017-01.csv");
        aws("s3", "cp", paytypes.toString(), "s3://lab-data/paytypes/paytypes.csv");

        run("CREATE DATABASE taxidata");
        run("CREATE EXTERNAL TABLE IF NOT EXISTS taxidata.yellow (" + TaxiTrips.COLUMNS + ") ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
                + "LOCATION 's3://lab-data/yellow/' TBLPROPERTIES ('skip.header.line.count'='1')");
        run("CREATE EXTERNAL TABLE taxidata.paytypes (paytype string, description string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
                + "LOCATION 's3://lab-data/paytypes/'");

        // preview
        String preview = run("SELECT * FROM yellow LIMIT 10");
        List<List<String>> previewRows = rows(preview);
        assertThat(previewRows).hasSize(11);
        assertThat(String.join(",", previewRows.get(0))).isEqualTo(TaxiTrips.HEADER);

        // the fares of at least 100 dollars, most expensive first
        String fares = run(FARES_OVER_100);
        List<TaxiTrips.Trip> expected = TaxiTrips.faresOver100(TRIPS);
        List<List<String>> fareRows = rows(fares);
        assertThat(fareRows.get(0)).containsExactly("distance", "paytype", "fare", "tip", "tolls", "surcharge", "total");
        assertThat(fareRows.subList(1, fareRows.size()).stream().map(row -> money(row.get(6))).toList())
                .isEqualTo(expected.stream().map(TaxiTrips.Trip::total).toList());
        String csv = aws("s3", "cp", OUTPUT + fares + ".csv", "-");
        assertThat(csv.lines().count()).isEqualTo(expected.size() + 1);
        assertThat(csv.lines().findFirst()).contains("\"distance\",\"paytype\",\"fare\",\"tip\",\"tolls\",\"surcharge\",\"total\"");
        assertThat(json("athena", "get-query-execution", "--query-execution-id", fares).path("QueryExecution").path("ResultConfiguration")
                .path("OutputLocation").asText()).isEqualTo(OUTPUT + fares + ".csv");

        // saved as a named query
        String namedQueryId = json("athena", "create-named-query", "--name", "FaresOver100DollarsUS", "--database", "taxidata",
                "--description", "A query that selects all fares over $100.00 (US)", "--query-string", FARES_OVER_100).path("NamedQueryId").asText();
        JsonNode named = json("athena", "get-named-query", "--named-query-id", namedQueryId).path("NamedQuery");
        assertThat(named.path("QueryString").asText()).isEqualTo(FARES_OVER_100);
        assertThat(json("athena", "list-named-queries").path("NamedQueryIds").toString()).contains(namedQueryId);

        // a view that combines two tables
        run("CREATE VIEW fares_by_paytype AS SELECT description, count(*) AS trips, sum(total) AS total FROM yellow JOIN paytypes USING (paytype) "
                + "GROUP BY description");
        Map<String, Long> tripsByDescription = new TreeMap<>();
        rows(run("SELECT description, trips FROM fares_by_paytype ORDER BY description")).stream().skip(1)
                .forEach(row -> tripsByDescription.put(row.get(0), Long.parseLong(row.get(1))));
        Map<String, String> descriptions = Map.of("1", "Credit card", "2", "Cash", "3", "No charge", "4", "Dispute");
        assertThat(tripsByDescription).isEqualTo(new TreeMap<>(TRIPS.stream()
                .collect(Collectors.groupingBy(trip -> descriptions.get(trip.paytype()), Collectors.counting()))));

        // a partitioned, bucketed, compressed Parquet copy, whose queries scan far fewer bytes
        String copy = run("CREATE TABLE yellow_parquet WITH (format = 'PARQUET', write_compression = 'SNAPPY', partitioned_by = ARRAY['paytype'], "
                + "bucketed_by = ARRAY['pulocid'], bucket_count = 4, external_location = 's3://lab-data/yellow_parquet/') AS "
                + "SELECT vendor, pickup, dropoff, count, distance, ratecode, storeflag, pulocid, dolocid, fare, extra, mta_tax, tip, tolls, surcharge, "
                + "total, paytype FROM yellow");
        assertThat(json("athena", "get-query-results", "--query-execution-id", copy).path("UpdateCount").asLong()).isEqualTo(TRIPS.size());
        assertThat(aws("s3", "ls", "--recursive", "s3://lab-data/yellow_parquet/")).contains("paytype=2/");
        String overCsv = run("SELECT count(*), sum(total) FROM yellow WHERE paytype = '2'");
        String overParquet = run("SELECT count(*), sum(total) FROM yellow_parquet WHERE paytype = '2'");
        assertThat(rows(overParquet).get(1).get(0)).isEqualTo(rows(overCsv).get(1).get(0))
                .isEqualTo(Long.toString(TRIPS.stream().filter(trip -> trip.paytype().equals("2")).count()));
        long csvScanned = scanned(overCsv);
        long parquetScanned = scanned(overParquet);
        assertThat(parquetScanned).isPositive().isLessThan(csvScanned / 4);
    }

    private static long scanned(String id)
            throws IOException
    {
        return json("athena", "get-query-execution", "--query-execution-id", id).path("QueryExecution").path("Statistics").path("DataScannedInBytes")
                .asLong();
    }

    /** start-query-execution, then get-query-execution until it finished; the statement must succeed. */
    private static String run(String sql)
            throws Exception
    {
        String id = json("athena", "start-query-execution", "--query-string", sql, "--query-execution-context", "Database=taxidata",
                "--result-configuration", "OutputLocation=" + OUTPUT).path("QueryExecutionId").asText();
        for (int i = 0; i < 1200; i++) {
            JsonNode status = json("athena", "get-query-execution", "--query-execution-id", id).path("QueryExecution").path("Status");
            switch (status.path("State").asText()) {
                case "SUCCEEDED" -> {
                    return id;
                }
                case "FAILED", "CANCELLED" -> throw new AssertionError(sql + ": " + status);
                default -> Thread.sleep(100);
            }
        }
        throw new AssertionError(sql + " did not finish");
    }

    private static List<List<String>> rows(String id)
            throws IOException
    {
        List<List<String>> rows = new ArrayList<>();
        json("athena", "get-query-results", "--query-execution-id", id).path("ResultSet").path("Rows").forEach(row -> {
            List<String> values = new ArrayList<>();
            row.path("Data").forEach(datum -> values.add(datum.path("VarCharValue").asText()));
            rows.add(values);
        });
        return rows;
    }

    private static BigDecimal money(String value)
    {
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_UP);
    }

    private static JsonNode json(String... arguments)
            throws IOException
    {
        return JSON.readTree(aws(arguments));
    }

    private static String aws(String... arguments)
    {
        List<String> withOutput = new ArrayList<>(List.of(arguments));
        if (!arguments[0].equals("s3")) {
            withOutput.addAll(List.of("--output", "json"));
        }
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
