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
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Parquet objects read by ranges: footer first, then the chunks of the columns a statement names. */
class ParquetScanTest
{
    static final int COLUMNS = 300;
    static final int ROWS = 20_000;
    static TarnServices tarn;
    static byte[] wide;

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
        tarn.putObject("lake", "wide/wide.parquet", wide);
        tarn.run(tarn.root(), "CREATE DATABASE scan", Optional.empty());
        String declared = IntStream.range(0, COLUMNS).mapToObj(i -> "c" + i + " bigint").collect(Collectors.joining(", "));
        tarn.run(tarn.root(), "CREATE EXTERNAL TABLE wide (" + declared + ") STORED AS PARQUET LOCATION 's3://lake/wide/'", Optional.of("scan"));
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
}
