package dev.tarn.it.athena;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.s3.S3Client;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the AWS SDK: a Parquet table's row groups that a WHERE clause rules out are not read
 * (DataScannedInBytes shows it), and a CSV number that does not parse is NULL as in Hive, though
 * numbers of cached text are parsed while read.
 */
class AthenaReadPathTest
{
    /** Enough trips for a Parquet copy of over 4 MB, which is read by ranges (smaller objects are copied whole). */
    private static final List<TaxiTrips.Trip> TRIPS = TaxiTrips.generate(11, 200_000, 5);

    private static TestServer server;
    private static AthenaClient athena;
    private static Queries queries;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        athena = server.athena();
        try (S3Client s3 = server.s3()) {
            s3.createBucket(request -> request.bucket("lake"));
            s3.createBucket(request -> request.bucket("results"));
            s3.putObject(request -> request.bucket("lake").key("yellow/may.csv"), RequestBody.fromString(TaxiTrips.csv(TRIPS)));
            s3.putObject(request -> request.bucket("lake").key("prices/prices.csv"), RequestBody.fromString("id,price\n1,2.5\n2,n/a\n3,4.25\n"));
        }
        queries = new Queries(athena, "s3://results/read-path/");
        queries.await(queries.start("CREATE DATABASE taxidata", Optional.empty()));
        queries.succeed(TaxiTrips.createTable("yellow", "s3://lake/yellow/"));
        queries.succeed("CREATE TABLE yellow_parquet WITH (format = 'PARQUET', write_compression = 'NONE', external_location = 's3://lake/yellow-parquet/') AS SELECT * FROM yellow");
        queries.succeed("CREATE EXTERNAL TABLE prices (id bigint, price double) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
                + "LOCATION 's3://lake/prices/' TBLPROPERTIES ('skip.header.line.count'='1')");
    }

    @AfterAll
    static void stop()
    {
        athena.close();
        server.close();
    }

    @Test
    void rowGroupsTheWhereClauseRulesOutAreNotRead()
    {
        BigDecimal most = TRIPS.stream().map(TaxiTrips.Trip::fare).max(BigDecimal::compareTo).orElseThrow();
        // fare + 0 is the same condition, but not a comparison of the column: its row groups are read
        QueryExecution read = queries.succeed("SELECT count(*), max(tip) FROM yellow_parquet WHERE fare + 0 > " + most.toPlainString());
        QueryExecution pruned = queries.succeed("SELECT count(*), max(tip) FROM yellow_parquet WHERE fare > " + most.toPlainString());
        List<software.amazon.awssdk.services.s3.model.S3Object> parquet;
        try (S3Client s3 = server.s3()) {
            parquet = s3.listObjectsV2(request -> request.bucket("lake").prefix("yellow-parquet/")).contents();
        }
        assertThat(parquet).allSatisfy(object -> assertThat(object.size()).isGreaterThan(4L << 20));

        assertThat(queries.rows(pruned.queryExecutionId())).containsExactly(List.of("_col0", "_col1"), Arrays.asList("0", null));
        assertThat(queries.rows(read.queryExecutionId())).isEqualTo(queries.rows(pruned.queryExecutionId()));
        assertThat(pruned.statistics().dataScannedInBytes()).isLessThan(read.statistics().dataScannedInBytes());

        long atMost = TRIPS.stream().filter(trip -> trip.fare().compareTo(most) >= 0).count();
        QueryExecution top = queries.succeed("SELECT count(*) FROM yellow_parquet WHERE fare >= " + most.toPlainString());
        assertThat(queries.rows(top.queryExecutionId()).get(1)).containsExactly(Long.toString(atMost));
    }

    @Test
    void aNumberThatDoesNotParseIsNull()
    {
        // twice: the first read fills the cache, the second reads the cached file with typed numbers
        for (int run = 0; run < 2; run++) {
            QueryExecution prices = queries.succeed("SELECT id, price FROM prices ORDER BY id");
            assertThat(queries.rows(prices.queryExecutionId())).containsExactly(List.of("id", "price"), List.of("1", "2.5"), Arrays.asList("2", null),
                    List.of("3", "4.25"));
        }
    }
}
