package dev.tarn.athena;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.athena.engine.StatementRequest;
import dev.tarn.athena.execution.QueryRunner;
import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryExecutionLifecycleTest
{
    @TempDir
    Path directory;

    private AthenaHarness athena;

    @BeforeEach
    void setUp()
            throws Exception
    {
        athena = new AthenaHarness(directory, new ScriptedEngine());
        athena.createBucket("results");
    }

    @AfterEach
    void tearDown()
    {
        athena.close();
    }

    @Test
    void selectSucceedsWithQuotedCsvAndHeaderRowFirst()
    {
        String id = athena.start("SELECT id, name FROM t");
        JsonNode execution = athena.awaitDone(id);
        assertThat(execution.path("Status").path("State").asText()).isEqualTo("SUCCEEDED");
        assertThat(execution.path("StatementType").asText()).isEqualTo("DML");
        assertThat(execution.path("SubstatementType").asText()).isEqualTo("SELECT");
        assertThat(execution.path("ResultConfiguration").path("OutputLocation").asText()).isEqualTo("s3://results/out/" + id + ".csv");
        assertThat(execution.path("Statistics").path("DataScannedInBytes").asLong()).isEqualTo(1234);
        assertThat(execution.path("Statistics").has("EngineExecutionTimeInMillis")).isTrue();
        assertThat(execution.path("Status").has("CompletionDateTime")).isTrue();

        assertThat(athena.getObject("results", "out/" + id + ".csv"))
                .isEqualTo("\"id\",\"name\"\n\"1\",\"alpha, \"\"quoted\"\"\"\n\"2\",\"\"\n\"3\",\n");
        assertThat(athena.getObject("results", "out/" + id + ".csv.metadata")).contains("\"name\":\"id\"").contains("\"rowCount\":3");

        JsonNode results = athena.call("GetQueryResults", Map.of("QueryExecutionId", id));
        JsonNode rows = results.path("ResultSet").path("Rows");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).path("Data").get(0).path("VarCharValue").asText()).isEqualTo("id");
        assertThat(rows.get(1).path("Data").get(1).path("VarCharValue").asText()).isEqualTo("alpha, \"quoted\"");
        assertThat(rows.get(2).path("Data").get(1).path("VarCharValue").asText()).isEmpty();
        assertThat(rows.get(3).path("Data").get(1).has("VarCharValue")).as("NULL has no value").isFalse();
        JsonNode columns = results.path("ResultSet").path("ResultSetMetadata").path("ColumnInfo");
        assertThat(columns.get(0).path("Type").asText()).isEqualTo("integer");
        assertThat(columns.get(0).path("Precision").asInt()).isEqualTo(10);
        assertThat(columns.get(1).path("Name").asText()).isEqualTo("name");
        assertThat(columns.get(1).path("CaseSensitive").asBoolean()).isTrue();
        assertThat(results.has("NextToken")).isFalse();
    }

    @Test
    void resultsArePagedByTokenWithoutLosingOrRepeatingRows()
    {
        String id = athena.start("ROWS 2500");
        assertThat(athena.awaitDone(id).path("Status").path("State").asText()).isEqualTo("SUCCEEDED");
        List<String> values = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, Object> request = token == null ? Map.of("QueryExecutionId", id, "MaxResults", 700)
                    : Map.of("QueryExecutionId", id, "MaxResults", 700, "NextToken", token);
            JsonNode page = athena.call("GetQueryResults", request);
            page.path("ResultSet").path("Rows").forEach(row -> values.add(row.path("Data").get(0).path("VarCharValue").asText()));
            token = page.has("NextToken") ? page.path("NextToken").asText() : null;
            pages++;
        }
        while (token != null);
        assertThat(pages).isEqualTo(4);
        assertThat(values).hasSize(2501);
        assertThat(values.get(0)).isEqualTo("n");
        assertThat(values.get(1)).isEqualTo("0");
        assertThat(values.get(2500)).isEqualTo("2499");
        assertThatThrownBy(() -> athena.call("GetQueryResults", Map.of("QueryExecutionId", id, "MaxResults", 1001)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidRequestException"));
    }

    @Test
    void ddlResultsAreTextWithoutHeader()
    {
        String id = athena.start("SHOW TABLES");
        JsonNode execution = athena.awaitDone(id);
        assertThat(execution.path("StatementType").asText()).isEqualTo("DDL");
        assertThat(execution.path("ResultConfiguration").path("OutputLocation").asText()).isEqualTo("s3://results/out/" + id + ".txt");
        assertThat(athena.getObject("results", "out/" + id + ".txt")).isEqualTo("trips\nzones\n");
        JsonNode rows = athena.call("GetQueryResults", Map.of("QueryExecutionId", id)).path("ResultSet").path("Rows");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).path("Data").get(0).path("VarCharValue").asText()).isEqualTo("trips");
    }

    @Test
    void badSqlFailsWithLineAndColumnAndLeavesNoResult()
    {
        String id = athena.start("BAD SQL");
        JsonNode execution = athena.awaitDone(id);
        assertThat(execution.path("Status").path("State").asText()).isEqualTo("FAILED");
        assertThat(execution.path("Status").path("StateChangeReason").asText()).startsWith("line 1:8:");
        assertThat(execution.path("Status").path("AthenaError").path("ErrorCategory").asInt()).isEqualTo(2);
        assertThat(execution.path("Status").path("AthenaError").path("ErrorType").asInt()).isEqualTo(1001);
        assertThatThrownBy(() -> athena.getObject("results", "out/" + id + ".csv"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("NoSuchKey"));
        assertThatThrownBy(() -> athena.call("GetQueryResults", Map.of("QueryExecutionId", id)))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidRequestException");
                    assertThat(e.getMessage()).contains("FAILED");
                });
    }

    @Test
    void stopCancelsARunningQuery()
            throws Exception
    {
        String id = athena.start("SLOW");
        assertThat(athena.engine.running.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(athena.call("GetQueryExecution", Map.of("QueryExecutionId", id)).path("QueryExecution").path("Status").path("State").asText())
                .isEqualTo("RUNNING");
        assertThatThrownBy(() -> athena.call("GetQueryResults", Map.of("QueryExecutionId", id)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage()).isEqualTo("Query has not yet finished. Current state: RUNNING"));
        athena.call("StopQueryExecution", Map.of("QueryExecutionId", id));
        JsonNode execution = athena.awaitDone(id);
        assertThat(execution.path("Status").path("State").asText()).isEqualTo("CANCELLED");
        assertThat(execution.path("Statistics").has("EngineExecutionTimeInMillis")).as("it had started").isTrue();
        assertThatThrownBy(() -> athena.getObject("results", "out/" + id + ".csv")).isInstanceOf(AwsException.class);
        // stopping a finished query changes nothing
        athena.call("StopQueryExecution", Map.of("QueryExecutionId", id));
        assertThat(athena.awaitDone(id).path("Status").path("State").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void scanCutoffOfTheWorkGroupFailsTheQuery()
    {
        athena.call("CreateWorkGroup", Map.of("Name", "capped", "Configuration", Map.of("BytesScannedCutoffPerQuery", 10_000_000,
                "ResultConfiguration", Map.of("OutputLocation", "s3://results/capped/"))));
        String id = athena.call("StartQueryExecution", Map.of("QueryString", "SCAN", "WorkGroup", "capped")).path("QueryExecutionId").asText();
        JsonNode execution = athena.awaitDone(id);
        assertThat(execution.path("Status").path("State").asText()).isEqualTo("FAILED");
        assertThat(execution.path("Status").path("StateChangeReason").asText()).isEqualTo(QueryRunner.SCAN_LIMIT_REASON);
        assertThat(execution.path("Statistics").path("DataScannedInBytes").asLong()).isGreaterThan(10_000_000).isLessThan(20_000_000);
        assertThat(athena.engine.requests.peek().bytesScannedCutoff()).contains(10_000_000L);
        assertThat(execution.path("ResultConfiguration").path("OutputLocation").asText()).startsWith("s3://results/capped/");
    }

    @Test
    void clientRequestTokenMakesStartIdempotent()
    {
        String token = "0123456789abcdef0123456789abcdef";
        Map<String, Object> request = Map.of("QueryString", "SELECT 1", "ClientRequestToken", token,
                "ResultConfiguration", Map.of("OutputLocation", "s3://results/out/"));
        String first = athena.call("StartQueryExecution", request).path("QueryExecutionId").asText();
        String second = athena.call("StartQueryExecution", request).path("QueryExecutionId").asText();
        assertThat(second).isEqualTo(first);
        athena.awaitDone(first);
        assertThat(athena.engine.requests).hasSize(1);
        assertThatThrownBy(() -> athena.call("StartQueryExecution", Map.of("QueryString", "SELECT 2", "ClientRequestToken", token,
                "ResultConfiguration", Map.of("OutputLocation", "s3://results/out/"))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidRequestException"));
    }

    @Test
    void executeRunsThePreparedStatementWithItsParameters()
            throws Exception
    {
        athena.call("CreatePreparedStatement", Map.of("StatementName", "by_total", "WorkGroup", "primary",
                "QueryStatement", "SELECT * FROM yellow WHERE total >= ? AND paytype = ?"));
        String id = athena.start("EXECUTE by_total USING 100.0, 'CRD'");
        assertThat(athena.awaitDone(id).path("Status").path("State").asText()).isEqualTo("SUCCEEDED");
        StatementRequest request = athena.engine.requests.poll(10, TimeUnit.SECONDS);
        assertThat(request.sql()).isEqualTo("SELECT * FROM yellow WHERE total >= ? AND paytype = ?");
        assertThat(request.executionParameters()).containsExactly("100.0", "'CRD'");

        String missing = athena.start("EXECUTE nothing_here");
        JsonNode execution = athena.awaitDone(missing);
        assertThat(execution.path("Status").path("State").asText()).isEqualTo("FAILED");
        assertThat(execution.path("Status").path("StateChangeReason").asText()).contains("nothing_here");
    }

    @Test
    void theCallerNeedsAthenaPermissionOnTheWorkGroup()
    {
        athena.deniedActions.add("athena:StartQueryExecution");
        assertThatThrownBy(() -> athena.start("SELECT 1"))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).contains("arn:aws:athena:us-east-1:111122223333:workgroup/primary");
                });
        assertThat(athena.engine.requests).isEmpty();
    }

    @Test
    void withoutPutObjectOnTheOutputTheQueryFails()
    {
        athena.deniedActions.add("s3:PutObject");
        String id = athena.start("SELECT 1");
        JsonNode execution = athena.awaitDone(id);
        assertThat(execution.path("Status").path("State").asText()).isEqualTo("FAILED");
        assertThat(execution.path("Status").path("StateChangeReason").asText()).startsWith("Access denied when writing output to url: s3://results/out/");
        athena.deniedActions.clear();
        assertThatThrownBy(() -> athena.getObject("results", "out/" + id + ".csv")).isInstanceOf(AwsException.class);
    }

    @Test
    void anOutputLocationIsRequired()
    {
        assertThatThrownBy(() -> athena.call("StartQueryExecution", Map.of("QueryString", "SELECT 1")))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidRequestException");
                    assertThat(e.getMessage()).startsWith("No output location provided.");
                    assertThat(e.details()).containsEntry("AthenaErrorCode", "INVALID_INPUT");
                });
    }

    @Test
    void aQueryRunningWhenTheServerStoppedIsFailedOnStart()
            throws Exception
    {
        String id = athena.start("SLOW");
        assertThat(athena.engine.running.await(30, TimeUnit.SECONDS)).isTrue();
        try (AthenaService restarted = athena.restartedService(directory, new ScriptedEngine())) {
            JsonNode execution = athena.call("GetQueryExecution", Map.of("QueryExecutionId", id)).path("QueryExecution");
            assertThat(execution.path("Status").path("State").asText()).isEqualTo("FAILED");
            assertThat(execution.path("Status").path("StateChangeReason").asText()).isEqualTo(QueryRunner.SHUTDOWN_REASON);
        }
        athena.call("StopQueryExecution", Map.of("QueryExecutionId", id));
    }

    @Test
    void historyListsNewestFirstPerWorkGroup()
    {
        String first = athena.start("SELECT 1");
        athena.awaitDone(first);
        String second = athena.start("SELECT 2");
        athena.awaitDone(second);
        JsonNode page = athena.call("ListQueryExecutions", Map.of("MaxResults", 1));
        assertThat(page.path("QueryExecutionIds").get(0).asText()).isEqualTo(second);
        JsonNode next = athena.call("ListQueryExecutions", Map.of("MaxResults", 1, "NextToken", page.path("NextToken").asText()));
        assertThat(next.path("QueryExecutionIds").get(0).asText()).isEqualTo(first);
        JsonNode batch = athena.call("BatchGetQueryExecution", Map.of("QueryExecutionIds", List.of(first, "nope")));
        assertThat(batch.path("QueryExecutions")).hasSize(1);
        assertThat(batch.path("UnprocessedQueryExecutionIds").get(0).path("QueryExecutionId").asText()).isEqualTo("nope");
    }
}
