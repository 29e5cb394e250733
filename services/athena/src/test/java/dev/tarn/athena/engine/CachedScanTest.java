package dev.tarn.athena.engine;

import dev.tarn.athena.engine.duckdb.EngineSettings;
import dev.tarn.spi.security.RequestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tables read through the plaintext cache: the answers are those of the objects as they are now,
 * whoever cached them, and a caller who may not read the objects is refused whatever the cache holds.
 */
class CachedScanTest
{
    static final Path DATASETS = Path.of(System.getProperty("tarn.datasets", "/work/shared/datasets"));
    static TarnServices tarn;
    static List<String> airports;
    static byte[] firstHalf;
    static byte[] secondHalf;

    @BeforeAll
    static void start()
            throws Exception
    {
        tarn = TarnServices.start(EngineSettings.DEFAULT_CSV_SPLIT_BYTES, 64L << 20);
        tarn.createBucket("lake");
        tarn.createBucket("results");
        List<String> lines = Files.readAllLines(DATASETS.resolve("airports.csv"));
        String header = lines.get(0);
        airports = lines.subList(1, lines.size());
        int half = airports.size() / 2;
        // two objects, each with the header line the table skips
        firstHalf = (header + "\n" + String.join("\n", airports.subList(0, half)) + "\n").getBytes(StandardCharsets.UTF_8);
        secondHalf = (header + "\n" + String.join("\n", airports.subList(half, airports.size())) + "\n").getBytes(StandardCharsets.UTF_8);
        tarn.putObject("lake", "airports/part-1.csv", firstHalf);
        tarn.putObject("lake", "airports/part-2.csv", secondHalf);
        tarn.putObject("lake", "stocks/stocks.csv", Files.readAllBytes(DATASETS.resolve("stocks.csv")));
        Path parquet = Files.createTempFile("stocks", ".parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (SELECT symbol, price FROM read_csv('" + DATASETS.resolve("stocks.csv") + "')) TO '" + parquet + "' (FORMAT parquet)");
        }
        tarn.putObject("lake", "stocks-parquet/stocks.parquet", Files.readAllBytes(parquet));
        Files.delete(parquet);
        tarn.run(tarn.root(), "CREATE DATABASE cached", Optional.empty());
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE airports (iata string, name string, city string, state string, country string, latitude double, longitude double)
                ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' LOCATION 's3://lake/airports/' TBLPROPERTIES ('skip.header.line.count'='1')""",
                Optional.of("cached"));
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE stocks (symbol string, day string, price double)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://lake/stocks/' TBLPROPERTIES ('skip.header.line.count'='1')""",
                Optional.of("cached"));
        tarn.run(tarn.root(), "CREATE EXTERNAL TABLE stocks_parquet (symbol string, price double) STORED AS PARQUET LOCATION 's3://lake/stocks-parquet/'",
                Optional.of("cached"));
    }

    @AfterAll
    static void stop()
    {
        tarn.close();
    }

    private static String texasAndMaximum(List<String> rows)
    {
        // quoted names hold no commas in this dataset's state and latitude columns' positions; count from the end
        long texas = rows.stream().filter(row -> row.split(",")[row.split(",").length - 4].replace("\"", "").equals("TX")).count();
        double latitude = rows.stream().mapToDouble(row -> Double.parseDouble(row.split(",")[row.split(",").length - 2].replace("\"", ""))).max().orElseThrow();
        return rows.size() + " " + texas + " " + latitude;
    }

    private static String answer(TarnServices.Result result)
    {
        List<String> row = result.text().get(0);
        return row.get(0) + " " + row.get(1) + " " + Double.parseDouble(row.get(2));
    }

    @Test
    void aTableReadAgainComesFromTheCacheWithTheSameAnswerAndBytes()
            throws Exception
    {
        String sql = "SELECT count(*), count_if(state = 'TX'), max(latitude) FROM airports";
        TarnServices.Result first = tarn.run(tarn.root(), sql, Optional.of("cached"));
        long filled = tarn.cache().filledBytes();
        TarnServices.Result second = tarn.run(tarn.root(), sql, Optional.of("cached"));

        assertThat(answer(first)).isEqualTo(texasAndMaximum(airports));
        assertThat(answer(second)).isEqualTo(answer(first));
        long objects = firstHalf.length + secondHalf.length;
        assertThat(first.statement().dataScannedBytes()).isEqualTo(objects);
        assertThat(second.statement().dataScannedBytes()).isEqualTo(objects);
        assertThat(filled).isGreaterThanOrEqualTo(objects);
        assertThat(tarn.cache().filledBytes()).as("nothing fetched again").isEqualTo(filled);
    }

    @Test
    void aReplacedObjectIsReadAsItIsNow()
            throws Exception
    {
        tarn.putObject("lake", "stocks/stocks.csv", Files.readAllBytes(DATASETS.resolve("stocks.csv")));
        String sql = "SELECT count(*), round(sum(price), 2) FROM stocks WHERE symbol = 'MSFT'";
        TarnServices.Result before = tarn.run(tarn.root(), sql, Optional.of("cached"));
        List<String> stocks = Files.readAllLines(DATASETS.resolve("stocks.csv"));
        List<String> msft = stocks.stream().filter(line -> line.startsWith("MSFT,")).toList();
        assertThat(before.text().get(0).get(0)).isEqualTo(Integer.toString(msft.size()));

        // the same key, other bytes: only the first ten MSFT rows
        tarn.putObject("lake", "stocks/stocks.csv", (stocks.get(0) + "\n" + String.join("\n", msft.subList(0, 10)) + "\n").getBytes(StandardCharsets.UTF_8));
        TarnServices.Result after = tarn.run(tarn.root(), sql, Optional.of("cached"));

        double sum = msft.subList(0, 10).stream().mapToDouble(line -> Double.parseDouble(line.split(",")[2])).sum();
        assertThat(after.text().get(0).get(0)).isEqualTo("10");
        assertThat(Double.parseDouble(after.text().get(0).get(1))).isCloseTo(sum, org.assertj.core.data.Offset.offset(0.01));
        tarn.putObject("lake", "stocks/stocks.csv", Files.readAllBytes(DATASETS.resolve("stocks.csv")));
    }

    @Test
    void aCallerWhoMayNotReadTheObjectsIsRefusedThoughTheyAreCached()
            throws Exception
    {
        String sql = "SELECT count(*) FROM airports";
        assertThat(tarn.run(tarn.root(), sql, Optional.of("cached")).single()).isEqualTo(Integer.toString(airports.size()));
        assertThat(tarn.cache().filledBytes()).isPositive();

        RequestContext noObjects = tarn.user("listonly", """
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":["glue:GetTable","glue:GetPartitions"],"Resource":"*"},
                  {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":"*"}]}
                """);
        assertThatThrownBy(() -> tarn.run(noObjects, sql, Optional.of("cached")))
                .isInstanceOf(QueryFailure.class)
                .hasMessageContaining("Access denied");
    }

    @Test
    void aLimitStreamsTheObjectAndLeavesTheCacheAlone()
            throws Exception
    {
        TarnServices cold = TarnServices.start(EngineSettings.DEFAULT_CSV_SPLIT_BYTES, 64L << 20);
        try {
            cold.createBucket("lake");
            cold.createBucket("results");
            cold.putObject("lake", "stocks/stocks.csv", Files.readAllBytes(DATASETS.resolve("stocks.csv")));
            cold.run(cold.root(), "CREATE DATABASE cached", Optional.empty());
            cold.run(cold.root(), """
                    CREATE EXTERNAL TABLE stocks (symbol string, day string, price double)
                    ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://lake/stocks/' TBLPROPERTIES ('skip.header.line.count'='1')""",
                    Optional.of("cached"));

            TarnServices.Result preview = cold.run(cold.root(), "SELECT * FROM stocks LIMIT 5", Optional.of("cached"));

            assertThat(preview.text()).hasSize(5).allSatisfy(row -> assertThat(row.get(0)).isEqualTo("MSFT"));
            assertThat(cold.cache().filledBytes()).isZero();
        }
        finally {
            cold.close();
        }
    }

    @Test
    void parquetChunksAreKeptAndPrunedReadsStayRight()
            throws Exception
    {
        String sql = "SELECT symbol, count(*), round(max(price), 2) FROM stocks_parquet GROUP BY symbol ORDER BY symbol";
        TarnServices.Result first = tarn.run(tarn.root(), sql, Optional.of("cached"));
        TarnServices.Result second = tarn.run(tarn.root(), sql, Optional.of("cached"));

        List<String> stocks = Files.readAllLines(DATASETS.resolve("stocks.csv")).subList(1, 561);
        List<List<String>> expected = stocks.stream().map(line -> line.split(",")[0]).distinct().sorted().map(symbol -> {
            List<String> rows = stocks.stream().filter(line -> line.startsWith(symbol + ",")).toList();
            double max = rows.stream().mapToDouble(line -> Double.parseDouble(line.split(",")[2])).max().orElseThrow();
            return List.of(symbol, Integer.toString(rows.size()), Double.toString(Math.round(max * 100) / 100.0));
        }).toList();
        assertThat(first.text()).isEqualTo(expected);
        assertThat(second.text()).isEqualTo(expected);
        assertThat(second.statement().dataScannedBytes()).isEqualTo(first.statement().dataScannedBytes());

        // a WHERE clause the statistics rule out reads the footer alone, cached or not
        TarnServices.Result none = tarn.run(tarn.root(), "SELECT count(*) FROM stocks_parquet WHERE price > 100000", Optional.of("cached"));
        assertThat(none.single()).isEqualTo("0");
        assertThat(none.statement().dataScannedBytes()).isLessThan(first.statement().dataScannedBytes());
    }

    @Test
    void aCacheTooSmallForTheTableLeavesItToThePipes()
            throws Exception
    {
        TarnServices small = TarnServices.start(EngineSettings.DEFAULT_CSV_SPLIT_BYTES, 1024);
        try {
            small.createBucket("lake");
            small.createBucket("results");
            small.putObject("lake", "airports/part-1.csv", firstHalf);
            small.putObject("lake", "airports/part-2.csv", secondHalf);
            small.run(small.root(), "CREATE DATABASE cached", Optional.empty());
            small.run(small.root(), """
                    CREATE EXTERNAL TABLE airports (iata string, name string, city string, state string, country string, latitude double, longitude double)
                    ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' LOCATION 's3://lake/airports/' TBLPROPERTIES ('skip.header.line.count'='1')""",
                    Optional.of("cached"));

            TarnServices.Result result = small.run(small.root(), "SELECT count(*), count_if(state = 'TX'), max(latitude) FROM airports", Optional.of("cached"));

            assertThat(answer(result)).isEqualTo(texasAndMaximum(airports));
            assertThat(small.cache().filledBytes()).isZero();
        }
        finally {
            small.close();
        }
    }

    @Test
    void aValueThatDoesNotParseIsNullAsInHiveThoughNumbersAreParsedWhileRead()
            throws Exception
    {
        // 5,000 rows streamed before the one that does not parse: the first run's rows are dropped, the second gives them once
        StringBuilder csv = new StringBuilder("id,price\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(i).append(',').append(i / 4.0).append('\n');
        }
        csv.append("5000,n/a\n");
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        tarn.putObject("lake", "dirty/prices.csv", bytes);
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE dirty (id bigint, price double)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://lake/dirty/' TBLPROPERTIES ('skip.header.line.count'='1')""",
                Optional.of("cached"));

        TarnServices.Result rows = tarn.run(tarn.root(), "SELECT id, price FROM dirty", Optional.of("cached"));
        TarnServices.Result sums = tarn.run(tarn.root(), "SELECT count(*), count(price), sum(price), max(id) FROM dirty", Optional.of("cached"));

        assertThat(rows.rows()).hasSize(5001);
        assertThat(rows.text().stream().map(row -> row.get(0)).distinct().count()).isEqualTo(5001);
        assertThat(rows.text()).contains(List.of("5000", "NULL"), List.of("4999", "1249.75"));
        double sum = 0;
        for (int i = 0; i < 5000; i++) {
            sum += i / 4.0;
        }
        assertThat(sums.text().get(0).subList(0, 2)).containsExactly("5001", "5000");
        assertThat(Double.parseDouble(sums.text().get(0).get(2))).isEqualTo(sum);
        assertThat(sums.text().get(0).get(3)).isEqualTo("5000");
        // a query that does not read the column with the bad value reads the numbers it needs as numbers, and succeeds
        assertThat(tarn.run(tarn.root(), "SELECT max(id), count(*) FROM dirty", Optional.of("cached")).text()).containsExactly(List.of("5000", "5001"));
        assertThat(rows.statement().dataScannedBytes()).isEqualTo(bytes.length);
        assertThat(sums.statement().dataScannedBytes()).isEqualTo(bytes.length);
    }

    @Test
    void prunedParquetReadsTakeTheirChunksFromTheCache()
            throws Exception
    {
        // about ten row groups of 2,048 rows, more than a megabyte apart: a WHERE or a LIMIT keeps one or two
        Path file = Files.createTempFile("groups", ".parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            String padding = java.util.stream.IntStream.range(0, 20).mapToObj(j -> "md5(i::VARCHAR || '-" + j + "')")
                    .collect(java.util.stream.Collectors.joining(" || "));
            statement.execute("COPY (SELECT i AS id, " + padding + " AS padding FROM range(20000) AS r(i)) TO '" + file
                    + "' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
        }
        byte[] groups = Files.readAllBytes(file);
        Files.delete(file);
        tarn.putObject("lake", "groups/groups.parquet", groups);
        tarn.run(tarn.root(), "CREATE EXTERNAL TABLE groups (id bigint, padding string) STORED AS PARQUET LOCATION 's3://lake/groups/'",
                Optional.of("cached"));

        String where = "SELECT count(*), min(id), max(id), count(DISTINCT padding) FROM groups WHERE id BETWEEN 5000 AND 5100";
        long before = tarn.cache().filledBytes();
        TarnServices.Result first = tarn.run(tarn.root(), where, Optional.of("cached"));
        long filled = tarn.cache().filledBytes();
        long served = tarn.cache().servedBytes();
        TarnServices.Result second = tarn.run(tarn.root(), where, Optional.of("cached"));

        assertThat(first.text()).containsExactly(List.of("101", "5000", "5100", "101"));
        assertThat(second.text()).isEqualTo(first.text());
        // the object's entry holds the kept chunks, and the pruned file made of them (read in place later) is an entry too
        assertThat(filled - before).as("the kept row group was cached twice over").isGreaterThan(first.statement().dataScannedBytes() * 3 / 2);
        assertThat(tarn.cache().filledBytes()).as("and read from there again").isEqualTo(filled);
        assertThat(tarn.cache().servedBytes() - served).as("found in the cache, not fetched").isGreaterThan(second.statement().dataScannedBytes() / 2);
        assertThat(second.statement().dataScannedBytes()).isEqualTo(first.statement().dataScannedBytes()).isLessThan(groups.length / 4);

        String limit = "SELECT id FROM groups LIMIT 3";
        TarnServices.Result preview = tarn.run(tarn.root(), limit, Optional.of("cached"));
        long previewed = tarn.cache().filledBytes();
        long servedBeforeAgain = tarn.cache().servedBytes();
        TarnServices.Result again = tarn.run(tarn.root(), limit, Optional.of("cached"));

        assertThat(preview.text()).hasSize(3).allSatisfy(row -> assertThat(Long.parseLong(row.get(0))).isBetween(0L, 19_999L));
        assertThat(again.text()).isEqualTo(preview.text());
        assertThat(previewed).as("the preview's part was cached").isGreaterThan(filled);
        assertThat(tarn.cache().filledBytes()).isEqualTo(previewed);
        assertThat(tarn.cache().servedBytes() - servedBeforeAgain).isGreaterThan(again.statement().dataScannedBytes() / 2);
        assertThat(again.statement().dataScannedBytes()).isEqualTo(preview.statement().dataScannedBytes()).isLessThan(groups.length / 4);
    }
}
