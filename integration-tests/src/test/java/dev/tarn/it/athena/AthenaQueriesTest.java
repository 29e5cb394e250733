package dev.tarn.it.athena;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.StatementType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Query executions through the AWS SDK v2 with the real engine: the lab's table over CSV, its
 * queries with answers computed from the generated trips, result files in the output location,
 * paging, bad SQL, cancellation, the scan cut-off, idempotency and access denied.
 */
class AthenaQueriesTest
{
    private static final List<TaxiTrips.Trip> TRIPS = TaxiTrips.generate(7, 3000, 1);

    private static TestServer server;
    private static AthenaClient athena;
    private static S3Client s3;
    private static Queries queries;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        athena = server.athena();
        s3 = server.s3();
        s3.createBucket(request -> request.bucket("lake"));
        s3.createBucket(request -> request.bucket("results"));
        s3.putObject(request -> request.bucket("lake").key("yellow/jan.csv"), RequestBody.fromString(TaxiTrips.csv(TRIPS)));
        queries = new Queries(athena, "s3://results/queries/");
        queries.await(queries.start("CREATE DATABASE taxidata", Optional.empty()));
        queries.succeed(TaxiTrips.createTable("yellow", "s3://lake/yellow/"));
    }

    @AfterAll
    static void stop()
    {
        athena.close();
        s3.close();
        server.close();
    }

    @Test
    void previewHasTheHeaderRowFirstAndTenTrips()
    {
        QueryExecution execution = queries.succeed("SELECT * FROM yellow LIMIT 10");
        assertThat(execution.statementType()).isEqualTo(StatementType.DML);
        assertThat(execution.resultConfiguration().outputLocation()).isEqualTo("s3://results/queries/" + execution.queryExecutionId() + ".csv");
        List<List<String>> rows = queries.rows(execution.queryExecutionId());
        assertThat(rows).hasSize(11);
        assertThat(String.join(",", rows.get(0))).isEqualTo(TaxiTrips.HEADER);
        assertThat(execution.statistics().dataScannedInBytes()).isPositive();
        assertThat(execution.statistics().totalExecutionTimeInMillis()).isNotNull();
        assertThat(execution.status().submissionDateTime()).isNotNull();
        assertThat(execution.status().completionDateTime()).isNotNull();
    }

    @Test
    void faresOver100MatchTheTripsAndLandInTheOutputLocation()
    {
        List<TaxiTrips.Trip> expected = TaxiTrips.faresOver100(TRIPS);
        assertThat(expected).hasSizeGreaterThan(5);
        QueryExecution execution = queries.succeed(
                "SELECT distance, paytype, fare, tip, tolls, surcharge, total FROM yellow WHERE total >= 100.0 ORDER BY total DESC");
        String id = execution.queryExecutionId();
        List<List<String>> rows = queries.rows(id);
        assertThat(rows.get(0)).containsExactly("distance", "paytype", "fare", "tip", "tolls", "surcharge", "total");
        List<BigDecimal> totals = rows.subList(1, rows.size()).stream().map(row -> new BigDecimal(row.get(6)).setScale(2, java.math.RoundingMode.HALF_UP))
                .toList();
        assertThat(totals).isEqualTo(expected.stream().map(TaxiTrips.Trip::total).toList());
        assertThat(rows.subList(1, rows.size()).stream().map(row -> row.get(1)).sorted().toList())
                .isEqualTo(expected.stream().map(TaxiTrips.Trip::paytype).sorted().toList());

        GetQueryResultsResponse first = athena.getQueryResults(request -> request.queryExecutionId(id).maxResults(3));
        assertThat(first.resultSet().rows()).hasSize(3);
        assertThat(first.nextToken()).isNotNull();
        assertThat(first.resultSet().resultSetMetadata().columnInfo()).extracting(ColumnInfo::name)
                .containsExactly("distance", "paytype", "fare", "tip", "tolls", "surcharge", "total");
        assertThat(first.resultSet().resultSetMetadata().columnInfo()).extracting(ColumnInfo::type)
                .containsExactly("double", "varchar", "double", "double", "double", "double", "double");
        GetQueryResultsResponse second = athena.getQueryResults(request -> request.queryExecutionId(id).maxResults(3).nextToken(first.nextToken()));
        assertThat(second.resultSet().rows().get(0).data().get(6).varCharValue()).isEqualTo(rows.get(3).get(6));

        String csv = s3.getObjectAsBytes(request -> request.bucket("results").key("queries/" + id + ".csv")).asUtf8String();
        assertThat(csv).startsWith("\"distance\",\"paytype\",\"fare\",\"tip\",\"tolls\",\"surcharge\",\"total\"\n");
        assertThat(csv.lines().count()).isEqualTo(expected.size() + 1);
        assertThat(s3.headObject(request -> request.bucket("results").key("queries/" + id + ".csv.metadata")).contentLength()).isPositive();
    }

    @Test
    void aLargeCsvObjectReadInParallelRangesGivesEveryTripOnce()
    {
        // about 20 MB: more than two of the engine's 8 MB ranges, each fed to DuckDB through its own pipe
        List<TaxiTrips.Trip> trips = TaxiTrips.generate(11, 200_000, 2);
        String csv = TaxiTrips.csv(trips);
        assertThat(csv.length()).isGreaterThan(16 << 20);
        s3.putObject(request -> request.bucket("lake").key("large/feb.csv"), RequestBody.fromString(csv));
        queries.succeed(TaxiTrips.createTable("yellow_large", "s3://lake/large/"));

        QueryExecution execution = queries.succeed("SELECT count(*), count(DISTINCT pickup), max(total), count_if(total >= 100) FROM yellow_large");
        List<List<String>> rows = queries.rows(execution.queryExecutionId());
        long distinctPickups = trips.stream().map(TaxiTrips.Trip::pickup).distinct().count();
        BigDecimal maxTotal = trips.stream().map(TaxiTrips.Trip::total).max(BigDecimal::compareTo).orElseThrow();
        assertThat(rows.get(1).get(0)).isEqualTo(Integer.toString(trips.size()));
        assertThat(rows.get(1).get(1)).isEqualTo(Long.toString(distinctPickups));
        assertThat(new BigDecimal(rows.get(1).get(2))).isEqualByComparingTo(maxTotal);
        assertThat(rows.get(1).get(3)).isEqualTo(Integer.toString(TaxiTrips.faresOver100(trips).size()));
        // each range counts the lines that start in it: together, the object once
        assertThat(execution.statistics().dataScannedInBytes()).isEqualTo(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void badSqlFailsWithLineAndColumnAndWritesNoResult()
    {
        QueryExecution execution = queries.run("SELECT distance FROM yellow WHERE");
        assertThat(execution.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(execution.status().stateChangeReason()).matches("(?s)line 1:\\d+: .*");
        assertThat(execution.status().athenaError().errorCategory()).isEqualTo(2);
        String id = execution.queryExecutionId();
        assertThatThrownBy(() -> s3.headObject(request -> request.bucket("results").key("queries/" + id + ".csv")))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
        assertThatThrownBy(() -> s3.getObject(request -> request.bucket("results").key("queries/" + id + ".csv"))).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> athena.getQueryResults(request -> request.queryExecutionId(id)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getMessage()).contains("FAILED"));
    }

    @Test
    void stopQueryExecutionCancelsALongQuery()
    {
        // 27 billion combinations: far longer than the test waits before stopping it
        String id = queries.start("WITH a AS (SELECT total AS x FROM yellow), b AS (SELECT total AS y FROM yellow), c AS (SELECT total AS z FROM yellow) "
                + "SELECT count(*) FROM a CROSS JOIN b CROSS JOIN c WHERE x + y > z", Optional.of("taxidata"));
        long deadline = System.nanoTime() + Queries.LIMIT.toNanos();
        while (athena.getQueryExecution(request -> request.queryExecutionId(id)).queryExecution().status().state() == QueryExecutionState.QUEUED
                && System.nanoTime() < deadline) {
            Queries.sleep(20);
        }
        athena.stopQueryExecution(request -> request.queryExecutionId(id));
        QueryExecution execution = queries.await(id);
        assertThat(execution.status().state()).as(execution.status().stateChangeReason()).isEqualTo(QueryExecutionState.CANCELLED);
        assertThatThrownBy(() -> s3.getObject(request -> request.bucket("results").key("queries/" + id + ".csv"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void theWorkGroupScanCutoffStopsAQuery()
    {
        // about 12 MB of trips: more than the smallest cut-off Athena allows (10 MB)
        StringBuilder big = new StringBuilder(TaxiTrips.HEADER).append('\n');
        List<TaxiTrips.Trip> many = TaxiTrips.generate(11, 20_000, 2);
        IntStream.range(0, 6).forEach(copy -> many.forEach(trip -> big.append(trip.csv()).append('\n')));
        assertThat(big.length()).isGreaterThan(10_500_000);
        s3.putObject(request -> request.bucket("lake").key("big/trips.csv"), RequestBody.fromString(big.toString()));
        queries.succeed(TaxiTrips.createTable("big", "s3://lake/big/"));
        athena.createWorkGroup(request -> request.name("capped").configuration(configuration -> configuration.bytesScannedCutoffPerQuery(10_000_000L)
                .resultConfiguration(result -> result.outputLocation("s3://results/capped/"))));
        String id = athena.startQueryExecution(request -> request.workGroup("capped").queryString("SELECT sum(total) FROM big")
                .queryExecutionContext(context -> context.database("taxidata"))).queryExecutionId();
        QueryExecution execution = queries.await(id);
        assertThat(execution.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(execution.status().stateChangeReason()).contains("Bytes scanned limit was exceeded");
        assertThat(execution.workGroup()).isEqualTo("capped");
        assertThatThrownBy(() -> s3.getObject(request -> request.bucket("results").key("capped/" + id + ".csv"))).isInstanceOf(NoSuchKeyException.class);
        // the same query without the cut-off succeeds
        assertThat(queries.succeed("SELECT sum(total) FROM big").statistics().dataScannedInBytes()).isGreaterThan(10_000_000L);
    }

    @Test
    void aClientRequestTokenStartsTheQueryOnce()
    {
        String token = UUID.randomUUID().toString();
        String first = athena.startQueryExecution(request -> request.queryString("SELECT count(*) FROM yellow").clientRequestToken(token)
                .queryExecutionContext(context -> context.database("taxidata")).resultConfiguration(result -> result.outputLocation("s3://results/q/")))
                .queryExecutionId();
        String second = athena.startQueryExecution(request -> request.queryString("SELECT count(*) FROM yellow").clientRequestToken(token)
                .queryExecutionContext(context -> context.database("taxidata")).resultConfiguration(result -> result.outputLocation("s3://results/q/")))
                .queryExecutionId();
        assertThat(second).isEqualTo(first);
        assertThat(queries.rows(queries.await(first).queryExecutionId())).element(1).isEqualTo(List.of(Integer.toString(TRIPS.size())));
        assertThatThrownBy(() -> athena.startQueryExecution(request -> request.queryString("SELECT 2").clientRequestToken(token)
                .resultConfiguration(result -> result.outputLocation("s3://results/q/")))).isInstanceOf(InvalidRequestException.class);
        List<String> listed = athena.listQueryExecutionsPaginator(request -> {}).stream().flatMap(page -> page.queryExecutionIds().stream()).toList();
        assertThat(listed.stream().filter(first::equals)).hasSize(1);
    }

    @Test
    void accessIsDeniedWithoutAthenaPermissionOrWithoutPutObjectOnTheOutput()
    {
        AccessKey outsiderKey;
        AccessKey readerKey;
        try (IamClient iam = server.iam()) {
            iam.createUser(request -> request.userName("outsider"));
            outsiderKey = iam.createAccessKey(request -> request.userName("outsider")).accessKey();
            iam.createUser(request -> request.userName("reader"));
            readerKey = iam.createAccessKey(request -> request.userName("reader")).accessKey();
            iam.putUserPolicy(request -> request.userName("reader").policyName("read-only").policyDocument("""
                    {"Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Action": "athena:*", "Resource": "*"},
                      {"Effect": "Allow", "Action": ["glue:Get*"], "Resource": "*"},
                      {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"], "Resource": "*"}
                    ]}"""));
        }
        try (AthenaClient outsider = server.athena(server.credentials(outsiderKey.accessKeyId(), outsiderKey.secretAccessKey()))) {
            assertThatThrownBy(() -> outsider.startQueryExecution(request -> request.queryString("SELECT 1")
                    .resultConfiguration(result -> result.outputLocation("s3://results/outsider/"))))
                    .isInstanceOfSatisfying(AthenaException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.getMessage()).contains("athena:StartQueryExecution").contains("workgroup/primary");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
        }
        try (AthenaClient reader = server.athena(server.credentials(readerKey.accessKeyId(), readerKey.secretAccessKey()))) {
            String id = reader.startQueryExecution(request -> request.queryString("SELECT count(*) FROM yellow")
                    .queryExecutionContext(context -> context.database("taxidata"))
                    .resultConfiguration(result -> result.outputLocation("s3://results/reader/"))).queryExecutionId();
            QueryExecution execution = new Queries(reader, "s3://results/reader/").await(id);
            assertThat(execution.status().state()).isEqualTo(QueryExecutionState.FAILED);
            assertThat(execution.status().stateChangeReason()).startsWith("Access denied when writing output to url: s3://results/reader/" + id + ".csv");
            assertThatThrownBy(() -> s3.getObject(request -> request.bucket("results").key("reader/" + id + ".csv"))).isInstanceOf(NoSuchKeyException.class);
        }
    }
}
