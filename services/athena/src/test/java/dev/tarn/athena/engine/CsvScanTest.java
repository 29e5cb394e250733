package dev.tarn.athena.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How CSV objects reach DuckDB: how much of them a statement reads, and that every row arrives once. */
class CsvScanTest
{
    static final int ROWS = 300_000;
    static TarnServices tarn;
    static byte[] trips;

    @BeforeAll
    static void start()
            throws Exception
    {
        tarn = TarnServices.start();
        tarn.createBucket("lake");
        tarn.createBucket("results");
        StringBuilder csv = new StringBuilder("id,name,amount\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(i).append(",name-").append(i % 1000).append(',').append(i % 97).append(".25\n");
        }
        trips = csv.toString().getBytes(StandardCharsets.UTF_8);
        tarn.putObject("lake", "trips/trips.csv", trips);
        tarn.run(tarn.root(), "CREATE DATABASE scan", Optional.empty());
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE trips (id bigint, name string, amount double)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
                LOCATION 's3://lake/trips/'
                TBLPROPERTIES ('skip.header.line.count'='1')
                """, Optional.of("scan"));
    }

    @AfterAll
    static void stop()
    {
        tarn.close();
    }

    @Test
    void aLimitStopsReadingTheObjectEarly()
            throws Exception
    {
        TarnServices.Result result = tarn.run(tarn.root(), "SELECT * FROM trips LIMIT 10", Optional.of("scan"));

        assertThat(result.rows()).hasSize(10);
        assertThat(result.statement().dataScannedBytes()).isPositive().isLessThan(trips.length / 2);
    }

    @Test
    void aFullScanReadsEveryRowOnce()
            throws Exception
    {
        TarnServices.Result result = tarn.run(tarn.root(), "SELECT count(*), count(DISTINCT id), sum(id), min(id), max(id) FROM trips", Optional.of("scan"));

        long sum = (long) ROWS * (ROWS - 1) / 2;
        assertThat(result.text().get(0)).containsExactly(Integer.toString(ROWS), Integer.toString(ROWS), Long.toString(sum), "0", Integer.toString(ROWS - 1));
        assertThat(result.statement().dataScannedBytes()).isEqualTo(trips.length);
    }
}
