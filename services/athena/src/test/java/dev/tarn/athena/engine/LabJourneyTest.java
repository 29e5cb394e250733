package dev.tarn.athena.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.tarn.spi.security.RequestContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Athena lab's journey on a generated taxi trip table: Hive DDL stored in Glue, the lab's
 * queries, a view over two tables, a partitioned, bucketed Parquet copy by CTAS that scans less,
 * and the failures (bad SQL, access denied, scan cut-off).
 */
class LabJourneyTest
{
    static final String[] PAYTYPES = {"CSH", "CRD", "NOC", "DIS"};
    static TarnServices tarn;
    static List<Trip> trips;

    record Trip(int vendor, double distance, String paytype, double fare, double tip, double tolls, double surcharge, double total) {}

    @BeforeAll
    static void start()
            throws Exception
    {
        tarn = TarnServices.start();
        tarn.createBucket("taxi");
        tarn.createBucket("results");
        Random random = new Random(7);
        trips = new ArrayList<>();
        StringBuilder csv = new StringBuilder("vendor,distance,paytype,fare,tip,tolls,surcharge,total\n");
        for (int i = 0; i < 5000; i++) {
            double distance = Math.round(random.nextDouble() * 300) / 10.0;
            double fare = Math.round((2.5 + distance * 2.5) * 100) / 100.0;
            double tip = Math.round(random.nextDouble() * fare * 30) / 100.0;
            double tolls = random.nextInt(10) == 0 ? 5.76 : 0;
            double surcharge = 0.5;
            double total = Math.round((fare + tip + tolls + surcharge) * 100) / 100.0;
            Trip trip = new Trip(random.nextInt(500), distance, PAYTYPES[random.nextInt(PAYTYPES.length)], fare, tip, tolls, surcharge, total);
            trips.add(trip);
            csv.append(trip.vendor()).append(',').append(trip.distance()).append(',').append(trip.paytype()).append(',').append(trip.fare()).append(',')
                    .append(trip.tip()).append(',').append(trip.tolls()).append(',').append(trip.surcharge()).append(',').append(trip.total()).append('\n');
        }
        tarn.putObject("taxi", "yellow/trips.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        tarn.putObject("taxi", "paytypes/paytypes.csv", "CSH,Cash\nCRD,Credit card\nNOC,No charge\nDIS,Dispute\n".getBytes(StandardCharsets.UTF_8));
        tarn.run(tarn.root(), "CREATE DATABASE taxidata", Optional.empty());
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE IF NOT EXISTS taxidata.yellow (
                  vendor int, distance double, paytype string, fare double, tip double, tolls double, surcharge double, total double)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
                LOCATION 's3://taxi/yellow/'
                TBLPROPERTIES ('skip.header.line.count'='1')
                """, Optional.empty());
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE paytypes (code string, description string)
                ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
                WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '"')
                LOCATION 's3://taxi/paytypes/'
                """, Optional.of("taxidata"));
    }

    @AfterAll
    static void stop()
    {
        tarn.close();
    }

    @Test
    void tableIsStoredInGlueWithItsSerDe()
    {
        JsonNode table = tarn.glueTable("taxidata", "yellow");

        assertThat(table.path("TableType").asText()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.path("Parameters").path("skip.header.line.count").asText()).isEqualTo("1");
        JsonNode storage = table.path("StorageDescriptor");
        assertThat(storage.path("Location").asText()).isEqualTo("s3://taxi/yellow/");
        assertThat(storage.path("InputFormat").asText()).isEqualTo("org.apache.hadoop.mapred.TextInputFormat");
        assertThat(storage.path("SerdeInfo").path("SerializationLibrary").asText()).isEqualTo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
        assertThat(storage.path("SerdeInfo").path("Parameters").path("field.delim").asText()).isEqualTo(",");
        assertThat(storage.path("Columns").findValuesAsText("Name")).containsExactly("vendor", "distance", "paytype", "fare", "tip", "tolls", "surcharge", "total");
        assertThat(storage.path("Columns").findValuesAsText("Type")).contains("int", "double", "string");
    }

    @Test
    void labQueryReturnsTheExpensiveTripsInOrder()
            throws Exception
    {
        List<Trip> expected = trips.stream().filter(trip -> trip.total() >= 100.0).sorted(Comparator.comparingDouble(Trip::total).reversed()).toList();

        TarnServices.Result result = tarn.run(tarn.root(),
                "SELECT distance, paytype, fare, tip, tolls, surcharge, total FROM yellow WHERE total >= 100.0 ORDER BY total DESC", Optional.of("taxidata"));

        assertThat(expected).isNotEmpty();
        assertThat(result.text()).hasSize(expected.size());
        assertThat(result.text()).extracting(row -> row.get(6)).containsExactly(expected.stream().map(trip -> Double.toString(trip.total())).toArray(String[]::new));
    }

    @Test
    void aggregatesJoinsWindowsAndGroupingSets()
            throws Exception
    {
        Map<String, Long> counts = new TreeMap<>();
        trips.forEach(trip -> counts.merge(trip.paytype(), 1L, Long::sum));

        TarnServices.Result grouped = tarn.run(tarn.root(), """
                WITH counted AS (SELECT paytype, count(*) AS trips FROM yellow GROUP BY paytype)
                SELECT p.description, c.trips, rank() OVER (ORDER BY c.trips DESC) AS place
                FROM counted c JOIN paytypes p ON p.code = c.paytype
                ORDER BY c.paytype
                """, Optional.of("taxidata"));
        assertThat(grouped.text()).extracting(row -> Long.parseLong(row.get(1))).containsExactlyElementsOf(counts.values());

        TarnServices.Result sets = tarn.run(tarn.root(), "SELECT paytype, count(*) FROM yellow GROUP BY GROUPING SETS ((paytype), ()) ORDER BY paytype",
                Optional.of("taxidata"));
        assertThat(sets.text()).hasSize(counts.size() + 1);
        assertThat(sets.text().get(counts.size())).containsExactly("NULL", Integer.toString(trips.size()));
    }

    @Test
    void aliasesAndTableQualifiedColumnsNameTheirTables()
            throws Exception
    {
        double maxTotal = trips.stream().mapToDouble(Trip::total).max().orElseThrow();
        TarnServices.Result aliased = tarn.run(tarn.root(), "SELECT max(a.total) FROM yellow a", Optional.of("taxidata"));
        assertThat(Double.parseDouble(aliased.single())).isEqualTo(maxTotal);

        // a self-join on vendor pairs every trip with each trip of its vendor
        Map<Integer, Long> perVendor = new TreeMap<>();
        trips.forEach(trip -> perVendor.merge(trip.vendor(), 1L, Long::sum));
        long pairs = perVendor.values().stream().mapToLong(count -> count * count).sum();
        TarnServices.Result selfJoin = tarn.run(tarn.root(), "SELECT count(*) FROM yellow AS a JOIN yellow b ON a.vendor = b.vendor", Optional.of("taxidata"));
        assertThat(selfJoin.single()).isEqualTo(Long.toString(pairs));

        TarnServices.Result qualified = tarn.run(tarn.root(), "SELECT max(yellow.total) FROM yellow", Optional.of("taxidata"));
        assertThat(Double.parseDouble(qualified.single())).isEqualTo(maxTotal);
        TarnServices.Result schemaQualified = tarn.run(tarn.root(), "SELECT max(taxidata.yellow.total) FROM taxidata.yellow", Optional.empty());
        assertThat(Double.parseDouble(schemaQualified.single())).isEqualTo(maxTotal);
        TarnServices.Result allQualified = tarn.run(tarn.root(), "SELECT taxidata.yellow.* FROM taxidata.yellow LIMIT 1", Optional.empty());
        assertThat(allQualified.columns()).hasSize(8);

        // a correlated subquery sees the outer table by its name, and its own by its alias
        Map<String, Double> averages = new TreeMap<>();
        for (String paytype : PAYTYPES) {
            averages.put(paytype, trips.stream().filter(trip -> trip.paytype().equals(paytype)).mapToDouble(Trip::total).average().orElseThrow());
        }
        long aboveAverage = trips.stream().filter(trip -> trip.total() > averages.get(trip.paytype())).count();
        TarnServices.Result correlated = tarn.run(tarn.root(), """
                SELECT count(*) FROM yellow
                WHERE yellow.total > (SELECT avg(y.total) FROM yellow y WHERE y.paytype = yellow.paytype)
                """, Optional.of("taxidata"));
        assertThat(correlated.single()).isEqualTo(Long.toString(aboveAverage));

        Map<String, String> descriptions = Map.of("CSH", "Cash", "CRD", "Credit card", "NOC", "No charge", "DIS", "Dispute");
        Map<String, Double> revenue = new TreeMap<>();
        trips.forEach(trip -> revenue.merge(descriptions.get(trip.paytype()), trip.total(), Double::sum));
        TarnServices.Result joined = tarn.run(tarn.root(), """
                SELECT p.description, round(sum(yellow.total), 2)
                FROM yellow JOIN paytypes p ON yellow.paytype = p.code
                GROUP BY p.description ORDER BY p.description
                """, Optional.of("taxidata"));
        assertThat(joined.text()).extracting(row -> row.get(0)).containsExactlyElementsOf(revenue.keySet());
        assertThat(joined.text()).extracting(row -> Double.parseDouble(row.get(1)))
                .containsExactlyElementsOf(revenue.values().stream().map(total -> Math.round(total * 100) / 100.0).toList());
    }

    @Test
    void viewIsStoredInAthenasEncodingAndReadsBack()
            throws Exception
    {
        tarn.run(tarn.root(), """
                CREATE OR REPLACE VIEW trips_by_payment AS
                SELECT p.description, count(*) AS trips, round(sum(y.total), 2) AS revenue
                FROM yellow y JOIN paytypes p ON y.paytype = p.code GROUP BY p.description
                """, Optional.of("taxidata"));

        JsonNode view = tarn.glueTable("taxidata", "trips_by_payment");
        assertThat(view.path("TableType").asText()).isEqualTo("VIRTUAL_VIEW");
        String original = view.path("ViewOriginalText").asText();
        assertThat(original).startsWith("/* Presto View: ").endsWith(" */");
        String json = new String(java.util.Base64.getDecoder().decode(original.substring(16, original.length() - 3)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"originalSql\"").contains("\"catalog\":\"awsdatacatalog\"").contains("\"schema\":\"taxidata\"")
                .contains("{\"name\":\"trips\",\"type\":\"bigint\"}");

        TarnServices.Result result = tarn.run(tarn.root(), "SELECT trips FROM trips_by_payment WHERE description = 'Cash'", Optional.of("taxidata"));
        assertThat(result.single()).isEqualTo(Long.toString(trips.stream().filter(trip -> trip.paytype().equals("CSH")).count()));
    }

    @Test
    void partitionedBucketedParquetCopyScansLess()
            throws Exception
    {
        TarnServices.Result ctas = tarn.run(tarn.root(), """
                CREATE TABLE yellow_parquet
                WITH (format = 'PARQUET', write_compression = 'SNAPPY', external_location = 's3://taxi/yellow_parquet/',
                      partitioned_by = ARRAY['paytype'], bucketed_by = ARRAY['vendor'], bucket_count = 4)
                AS SELECT vendor, distance, fare, tip, tolls, surcharge, total, paytype FROM yellow
                """, Optional.of("taxidata"));
        assertThat(ctas.statement().rowsWritten()).contains((long) trips.size());

        JsonNode table = tarn.glueTable("taxidata", "yellow_parquet");
        assertThat(table.path("PartitionKeys").findValuesAsText("Name")).containsExactly("paytype");
        assertThat(table.path("StorageDescriptor").path("NumberOfBuckets").asInt()).isEqualTo(4);
        assertThat(table.path("StorageDescriptor").path("BucketColumns").get(0).asText()).isEqualTo("vendor");
        assertThat(table.path("StorageDescriptor").path("SerdeInfo").path("SerializationLibrary").asText()).contains("Parquet");
        assertThat(tarn.glue("GetPartitions", "{\"DatabaseName\":\"taxidata\",\"TableName\":\"yellow_parquet\"}").path("Partitions")).hasSize(PAYTYPES.length);
        assertThat(tarn.keys("taxi", "yellow_parquet/paytype=CSH/")).allMatch(key -> key.contains("bucket-0000"));

        double cashTotal = trips.stream().filter(trip -> trip.paytype().equals("CSH")).mapToDouble(Trip::total).sum();
        String sql = "SELECT round(sum(total), 2) FROM %s WHERE paytype = 'CSH'";
        TarnServices.Result csv = tarn.run(tarn.root(), sql.formatted("yellow"), Optional.of("taxidata"));
        TarnServices.Result parquet = tarn.run(tarn.root(), sql.formatted("yellow_parquet"), Optional.of("taxidata"));

        assertThat(Double.parseDouble(parquet.single())).isCloseTo(cashTotal, org.assertj.core.data.Offset.offset(0.01));
        assertThat(parquet.single()).isEqualTo(csv.single());
        assertThat(parquet.statement().dataScannedBytes()).isPositive().isLessThan(csv.statement().dataScannedBytes() / 3);

        // with ranged reads, a query naming one column reads the footers and that column's chunks, not whole files
        TarnServices.Result all = tarn.run(tarn.root(), "SELECT count(*), sum(distance), sum(fare), sum(tip), sum(tolls), sum(total), sum(vendor) FROM yellow_parquet",
                Optional.of("taxidata"));
        TarnServices.Result oneColumn = tarn.run(tarn.root(), "SELECT round(sum(total), 2) FROM yellow_parquet", Optional.of("taxidata"));
        assertThat(Double.parseDouble(oneColumn.single())).isCloseTo(trips.stream().mapToDouble(Trip::total).sum(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(all.text().get(0).get(0)).isEqualTo(Integer.toString(trips.size()));
        assertThat(oneColumn.statement().dataScannedBytes()).isPositive().isLessThan(all.statement().dataScannedBytes() / 2);

        // an equality filter on a string column makes DuckDB consult the column's bloom filters, outside its chunks
        tarn.run(tarn.root(), "CREATE TABLE yellow_flat WITH (format = 'PARQUET') AS SELECT * FROM yellow", Optional.of("taxidata"));
        TarnServices.Result cash = tarn.run(tarn.root(), "SELECT count(*), round(sum(total), 2) FROM yellow_flat WHERE paytype = 'CSH'", Optional.of("taxidata"));
        assertThat(cash.text().get(0).get(0)).isEqualTo(Long.toString(trips.stream().filter(trip -> trip.paytype().equals("CSH")).count()));
        assertThat(Double.parseDouble(cash.text().get(0).get(1))).isCloseTo(cashTotal, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void badSqlFailsWithLineAndColumn()
    {
        assertThatThrownBy(() -> tarn.run(tarn.root(), "SELECT distance\nFORM yellow", Optional.of("taxidata")))
                .isInstanceOf(QueryFailure.class)
                .hasMessageStartingWith("line 2:6: mismatched input 'yellow'");
        assertThatThrownBy(() -> tarn.run(tarn.root(), "SELECT nosuch FROM yellow", Optional.of("taxidata")))
                .isInstanceOf(QueryFailure.class)
                .hasMessageStartingWith("line 1:8: ")
                .hasMessageContaining("nosuch");
        assertThatThrownBy(() -> tarn.run(tarn.root(), "SELECT * FROM missing_table", Optional.of("taxidata")))
                .isInstanceOf(QueryFailure.class)
                .hasMessageStartingWith("line 1:15: ")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> tarn.run(tarn.root(), "SELECT no_such_function(1)", Optional.of("taxidata")))
                .isInstanceOf(QueryFailure.class)
                .hasMessageContaining("line 1:8: Function 'no_such_function' not registered");
    }

    @Test
    void callerNeedsGlueAndS3Permissions()
            throws Exception
    {
        TarnServices.Result allowed = tarn.run(tarn.user("analyst", """
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":["glue:GetTable","glue:GetPartitions","glue:GetDatabase"],"Resource":"*"},
                  {"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}
                """), "SELECT count(*) FROM yellow", Optional.of("taxidata"));
        assertThat(allowed.single()).isEqualTo(Integer.toString(trips.size()));

        RequestContext noGlue = tarn.user("noglue", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}
                """);
        assertThatThrownBy(() -> tarn.run(noGlue, "SELECT count(*) FROM yellow", Optional.of("taxidata")))
                .isInstanceOf(QueryFailure.class)
                .hasMessageContaining("glue:GetTable")
                .satisfies(failure -> assertThat(((QueryFailure) failure).errorType()).isEqualTo(1207));

        RequestContext noObjects = tarn.user("noobjects", """
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":["glue:GetTable","glue:GetPartitions"],"Resource":"*"},
                  {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":"*"}]}
                """);
        assertThatThrownBy(() -> tarn.run(noObjects, "SELECT count(*) FROM yellow", Optional.of("taxidata")))
                .isInstanceOf(QueryFailure.class)
                .hasMessageContaining("Access denied")
                .satisfies(failure -> assertThat(((QueryFailure) failure).errorType()).isEqualTo(1207));
    }

    @Test
    void scanCutoffStopsTheQuery()
    {
        assertThatThrownBy(() -> tarn.run(tarn.root(), "SELECT count(*) FROM yellow", Optional.of("taxidata"), List.of(), Optional.of(10_000L),
                new TarnServices.Control()))
                .isInstanceOf(QueryFailure.class)
                .hasMessageContaining("Bytes scanned limit was exceeded");
    }

    @Test
    void cancelledStatementEnds()
    {
        TarnServices.Control control = new TarnServices.Control();
        control.cancel();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            tarn.run(tarn.root(), "SELECT count(*) FROM yellow", Optional.of("taxidata"), List.of(), Optional.empty(), control);
        }
        catch (Throwable e) {
            failure.set(e);
        }
        assertThat(failure.get()).isInstanceOf(QueryFailure.class);
        assertThat(((QueryFailure) failure.get()).isCancelled()).isTrue();
    }

    @Test
    void executionParametersFillPlaceholders()
            throws Exception
    {
        long expected = trips.stream().filter(trip -> trip.paytype().equals("CRD") && trip.total() > 50).count();
        TarnServices.Result result = tarn.run(tarn.root(), "SELECT count(*) FROM yellow WHERE paytype = ? AND total > ?", Optional.of("taxidata"),
                List.of("'CRD'", "50"), Optional.empty(), new TarnServices.Control());
        assertThat(result.single()).isEqualTo(Long.toString(expected));
    }

    @Test
    void scratchFilesAreGoneAfterStatements()
            throws Exception
    {
        tarn.run(tarn.root(), "SELECT count(*) FROM yellow", Optional.of("taxidata"));
        try (var folders = java.nio.file.Files.list(tarn.scratch())) {
            // the engine's own folders (empty pipes made ahead, DuckDB's spill folder) stay; no statement's folder does
            assertThat(folders.map(path -> path.getFileName().toString()).filter(name -> !name.equals("pipes") && !name.equals("spill")).toList()).isEmpty();
        }
    }
}
