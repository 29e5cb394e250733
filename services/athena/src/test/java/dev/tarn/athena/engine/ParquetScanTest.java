package dev.tarn.athena.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parquet objects read by ranges: footer first, then the chunks of the columns a statement names,
 * in the row groups it may need.
 */
class ParquetScanTest
{
    static final int COLUMNS = 300;
    static final int ROWS = 20_000;
    /** Rows of the {@code mixed} table: 2,048 to a row group, so about ten groups, each with its own ranges of values. */
    static final int MIXED_ROWS = 20_000;
    static TarnServices tarn;
    static byte[] wide;
    static byte[] mixed;

    @BeforeAll
    static void start()
            throws Exception
    {
        tarn = TarnServices.start();
        tarn.createBucket("lake");
        tarn.createBucket("results");
        Path file = Files.createTempFile("wide", ".parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            String columns = IntStream.range(0, COLUMNS).mapToObj(i -> "i * " + i + " AS c" + i).collect(Collectors.joining(", "));
            statement.execute("COPY (SELECT " + columns + " FROM range(" + ROWS + ") AS r(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
        }
        wide = Files.readAllBytes(file);
        Files.delete(file);
        Path mixedFile = Files.createTempFile("mixed", ".parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            // 640 hex digits a row that do not compress: row groups more than a megabyte apart, which are not fetched together
            String padding = IntStream.range(0, 20).mapToObj(j -> "md5(i::VARCHAR || '-" + j + "')").collect(Collectors.joining(" || "));
            statement.execute("COPY (SELECT i AS id, 'n' || lpad(i::VARCHAR, 5, '0') AS name, i / 10.0 AS price, " + padding + " AS padding FROM range("
                    + MIXED_ROWS + ") AS r(i)) TO '" + mixedFile + "' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
        }
        mixed = Files.readAllBytes(mixedFile);
        Files.delete(mixedFile);
        tarn.putObject("lake", "mixed/mixed.parquet", mixed);
        tarn.putObject("lake", "wide/wide.parquet", wide);
        tarn.run(tarn.root(), "CREATE DATABASE scan", Optional.empty());
        String declared = IntStream.range(0, COLUMNS).mapToObj(i -> "c" + i + " bigint").collect(Collectors.joining(", "));
        tarn.run(tarn.root(), "CREATE EXTERNAL TABLE wide (" + declared + ") STORED AS PARQUET LOCATION 's3://lake/wide/'", Optional.of("scan"));
        tarn.run(tarn.root(), "CREATE EXTERNAL TABLE mixed (id bigint, name string, price double, padding string) STORED AS PARQUET LOCATION 's3://lake/mixed/'",
                Optional.of("scan"));
    }

    @AfterAll
    static void stop()
    {
        tarn.close();
    }

    @Test
    void aFooterLargerThanTheFirstReadIsFetchedWhole()
            throws Exception
    {
        int end = wide.length;
        long footer = Integer.toUnsignedLong(ByteBuffer.wrap(wide, end - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertThat(footer).as("the footer outgrows the first read from the end").isGreaterThan(64 << 10);

        TarnServices.Result result = tarn.run(tarn.root(), "SELECT count(*), sum(c1), max(c299) FROM wide", Optional.of("scan"));

        long sum = (long) ROWS * (ROWS - 1) / 2;
        assertThat(result.text().get(0)).containsExactly(Integer.toString(ROWS), Long.toString(sum), Long.toString(299L * (ROWS - 1)));
        assertThat(result.statement().dataScannedBytes()).isGreaterThan(footer).isLessThan(wide.length / 10);
    }

    @Test
    void everyColumnIsFetchedInPiecesAndCountedOnce()
            throws Exception
    {
        assertThat((long) wide.length).as("fetched in several pieces at once").isGreaterThan(16L << 20);

        TarnServices.Result result = tarn.run(tarn.root(), "SELECT * FROM wide ORDER BY c1 DESC LIMIT 2", Optional.of("scan"));

        assertThat(result.rows()).hasSize(2);
        assertThat(result.rows().get(0).get(1)).contains(Long.toString(ROWS - 1));
        assertThat(result.rows().get(0).get(299)).contains(Long.toString(299L * (ROWS - 1)));
        assertThat(result.statement().dataScannedBytes()).isEqualTo((long) wide.length);
    }

    @Test
    void rowGroupsTheWhereClauseRulesOutAreNotFetched()
            throws Exception
    {
        // c1 + 0 is the same condition, but not a comparison of the column: every row group is read
        TarnServices.Result all = tarn.run(tarn.root(), "SELECT count(*), sum(c2) FROM wide WHERE c1 + 0 >= 18000", Optional.of("scan"));
        TarnServices.Result pruned = tarn.run(tarn.root(), "SELECT count(*), sum(c2) FROM wide WHERE c1 >= 18000", Optional.of("scan"));

        long sum = 0;
        for (long i = 18_000; i < ROWS; i++) {
            sum += 2 * i;
        }
        assertThat(pruned.text()).containsExactly(List.of("2000", Long.toString(sum)));
        assertThat(all.text()).isEqualTo(pruned.text());
        // rows 16,384 on can match (2,048 to a group): 2 of the 10 groups' chunks are read, besides the (large) footer
        int end = wide.length;
        long footer = Integer.toUnsignedLong(ByteBuffer.wrap(wide, end - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()) + 8;
        assertThat(pruned.statement().dataScannedBytes() - footer).isPositive().isLessThan((all.statement().dataScannedBytes() - footer) / 3);
    }

    @Test
    void aConditionNoRowGroupCanMeetReadsOnlyTheFooter()
            throws Exception
    {
        TarnServices.Result result = tarn.run(tarn.root(), "SELECT count(*), max(c5) FROM wide WHERE c1 > 1000000 AND c3 < 5", Optional.of("scan"));

        assertThat(result.text()).containsExactly(List.of("0", "NULL"));
        int end = wide.length;
        long footer = Integer.toUnsignedLong(ByteBuffer.wrap(wide, end - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertThat(result.statement().dataScannedBytes()).isLessThanOrEqualTo(footer + 8 + (64 << 10));
    }

    @Test
    void stringsDoublesAndFlippedComparisonsPruneWithTheRightAnswers()
            throws Exception
    {
        TarnServices.Result everything = tarn.run(tarn.root(), "SELECT count(*) FROM mixed WHERE length(name) > 0 AND padding <> ''", Optional.of("scan"));
        assertThat(everything.text()).containsExactly(List.of(Integer.toString(MIXED_ROWS)));
        long full = everything.statement().dataScannedBytes();

        TarnServices.Result name = tarn.run(tarn.root(), "SELECT id, price FROM mixed WHERE name = 'n05000' AND padding <> ''", Optional.of("scan"));
        assertThat(name.text()).containsExactly(List.of("5000", "500.0"));
        assertThat(name.statement().dataScannedBytes()).isLessThan(full / 4);

        // price = i / 10: between 100 and 200 are i = 1,000 to 2,000
        TarnServices.Result between = tarn.run(tarn.root(), "SELECT count(*), min(id), max(id) FROM mixed WHERE price BETWEEN 100 AND 200 AND padding <> ''",
                Optional.of("scan"));
        assertThat(between.text()).containsExactly(List.of("1001", "1000", "2000"));
        assertThat(between.statement().dataScannedBytes()).isLessThan(full / 3);

        // the constant first, a negative constant, and a decimal constant against an integer column
        TarnServices.Result flipped = tarn.run(tarn.root(), "SELECT count(*) FROM mixed m WHERE 500.5 > m.price AND m.id > -5 AND m.id < 2.5 AND padding <> ''",
                Optional.of("scan"));
        assertThat(flipped.text()).containsExactly(List.of("3"));
        assertThat(flipped.statement().dataScannedBytes()).isLessThan(full / 4);

        TarnServices.Result upper = tarn.run(tarn.root(), "SELECT count(*) FROM mixed WHERE name >= 'n19999' AND padding <> ''", Optional.of("scan"));
        assertThat(upper.text()).containsExactly(List.of("1"));
    }

    @Test
    void aBareLimitReadsOnlyTheFirstRowGroups()
            throws Exception
    {
        TarnServices.Result preview = tarn.run(tarn.root(), "SELECT * FROM mixed LIMIT 10", Optional.of("scan"));
        TarnServices.Result whole = tarn.run(tarn.root(), "SELECT * FROM mixed ORDER BY id DESC LIMIT 10", Optional.of("scan"));

        assertThat(preview.rows()).hasSize(10);
        assertThat(preview.text()).allSatisfy(row -> assertThat(Long.parseLong(row.get(0))).isBetween(0L, (long) MIXED_ROWS - 1));
        assertThat(whole.text().get(0)).startsWith("19999", "n19999", "1999.9");
        assertThat(preview.statement().dataScannedBytes()).isLessThan(whole.statement().dataScannedBytes() / 5);

        TarnServices.Result moreThanAGroup = tarn.run(tarn.root(), "SELECT id FROM mixed LIMIT 5000", Optional.of("scan"));
        assertThat(moreThanAGroup.rows()).hasSize(5000);
        assertThat(moreThanAGroup.text().stream().map(row -> row.get(0)).distinct().count()).isEqualTo(5000);

        assertThat(tarn.run(tarn.root(), "SELECT count(*) FROM (SELECT id FROM mixed LIMIT 7)", Optional.of("scan")).text()).containsExactly(List.of("7"));
        assertThat(tarn.run(tarn.root(), "SELECT count(*) FROM mixed LIMIT 1", Optional.of("scan")).text()).containsExactly(List.of(Integer.toString(MIXED_ROWS)));
        assertThat(tarn.run(tarn.root(), "SELECT id FROM mixed LIMIT 0", Optional.of("scan")).rows()).isEmpty();
    }
}
