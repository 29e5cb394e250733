package dev.tarn.it.athena;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.BatchGetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryRuntimeStatistics;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Athena keeps survives a restart: the query history with states and statistics, the
 * results, named queries, work groups and prepared statements.
 */
class AthenaRestartTest
{
    private static final List<TaxiTrips.Trip> TRIPS = TaxiTrips.generate(3, 500, 3);

    private static TestServer server;

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
    void historyResultsAndResourcesSurviveARestart()
    {
        String succeeded;
        String failed;
        String namedQueryId;
        QueryExecution before;
        List<List<String>> rowsBefore;
        try (AthenaClient athena = server.athena(); S3Client s3 = server.s3()) {
            s3.createBucket(request -> request.bucket("lake"));
            s3.createBucket(request -> request.bucket("results"));
            s3.putObject(request -> request.bucket("lake").key("yellow/march.csv"), RequestBody.fromString(TaxiTrips.csv(TRIPS)));
            Queries queries = new Queries(athena, "s3://results/history/");
            queries.await(queries.start("CREATE DATABASE taxidata", Optional.empty()));
            queries.succeed(TaxiTrips.createTable("yellow", "s3://lake/yellow/"));
            before = queries.succeed("SELECT paytype, count(*) AS trips FROM yellow GROUP BY paytype ORDER BY paytype");
            succeeded = before.queryExecutionId();
            rowsBefore = queries.rows(succeeded);
            failed = queries.run("SELECT nothing FROM nowhere").queryExecutionId();
            namedQueryId = athena.createNamedQuery(request -> request.name("trips by paytype").database("taxidata").queryString(before.query()))
                    .namedQueryId();
            athena.createWorkGroup(request -> request.name("kept").description("survives"));
            athena.createPreparedStatement(request -> request.statementName("by_type").workGroup("kept")
                    .queryStatement("SELECT count(*) FROM yellow WHERE paytype = ?"));
        }

        server.restart();

        try (AthenaClient athena = server.athena()) {
            Queries queries = new Queries(athena, "s3://results/history/");
            QueryExecution after = athena.getQueryExecution(request -> request.queryExecutionId(succeeded)).queryExecution();
            assertThat(after.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
            assertThat(after.query()).isEqualTo(before.query());
            assertThat(after.statistics().dataScannedInBytes()).isEqualTo(before.statistics().dataScannedInBytes());
            assertThat(after.statistics().engineExecutionTimeInMillis()).isEqualTo(before.statistics().engineExecutionTimeInMillis());
            assertThat(after.status().completionDateTime()).isEqualTo(before.status().completionDateTime());
            assertThat(after.resultConfiguration().outputLocation()).isEqualTo(before.resultConfiguration().outputLocation());
            assertThat(queries.rows(succeeded)).isEqualTo(rowsBefore);
            assertThat(rowsBefore).hasSize(5);

            QueryRuntimeStatistics statistics = athena.getQueryRuntimeStatistics(request -> request.queryExecutionId(succeeded)).queryRuntimeStatistics();
            assertThat(statistics.rows().inputBytes()).isEqualTo(before.statistics().dataScannedInBytes());
            assertThat(statistics.timeline().totalExecutionTimeInMillis()).isEqualTo(before.statistics().totalExecutionTimeInMillis());

            BatchGetQueryExecutionResponse batch = athena.batchGetQueryExecution(request -> request.queryExecutionIds(succeeded, failed));
            assertThat(batch.queryExecutions()).extracting(execution -> execution.status().state())
                    .containsExactlyInAnyOrder(QueryExecutionState.SUCCEEDED, QueryExecutionState.FAILED);
            assertThat(athena.listQueryExecutionsPaginator(request -> {}).stream().flatMap(page -> page.queryExecutionIds().stream()).toList())
                    .contains(succeeded, failed);
            assertThat(athena.getNamedQuery(request -> request.namedQueryId(namedQueryId)).namedQuery().name()).isEqualTo("trips by paytype");
            assertThat(athena.getWorkGroup(request -> request.workGroup("kept")).workGroup().description()).isEqualTo("survives");
            assertThat(athena.getPreparedStatement(request -> request.statementName("by_type").workGroup("kept")).preparedStatement().queryStatement())
                    .contains("paytype = ?");

            // and the server goes on running queries, with the prepared statement
            String executed = athena.startQueryExecution(request -> request.workGroup("kept").queryString("EXECUTE by_type USING '1'")
                    .queryExecutionContext(context -> context.database("taxidata"))
                    .resultConfiguration(result -> result.outputLocation("s3://results/history/"))).queryExecutionId();
            QueryExecution execution = queries.await(executed);
            assertThat(execution.status().state()).as(execution.status().stateChangeReason()).isEqualTo(QueryExecutionState.SUCCEEDED);
            assertThat(queries.rows(executed).get(1)).containsExactly(Long.toString(TRIPS.stream().filter(trip -> trip.paytype().equals("1")).count()));
        }
    }
}
