package dev.tarn.athena;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryQueueTest
{
    @TempDir
    Path directory;

    @Test
    void aFullQueueThrottlesAndAQueuedQueryCanBeCancelled()
            throws Exception
    {
        try (AthenaHarness athena = new AthenaHarness(directory, new ScriptedEngine(), new AthenaService.Limits(1, 1))) {
            athena.createBucket("results");
            String running = athena.start("SLOW");
            assertThat(athena.engine.running.await(30, TimeUnit.SECONDS)).isTrue();
            String queued = athena.start("SELECT 1");
            assertThat(state(athena, queued)).isEqualTo("QUEUED");
            assertThat(athena.call("GetQueryExecution", Map.of("QueryExecutionId", queued)).path("QueryExecution").path("Statistics")
                    .has("QueryQueueTimeInMillis")).isTrue();
            assertThatThrownBy(() -> athena.start("SELECT 2"))
                    .isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.code()).isEqualTo("TooManyRequestsException");
                        assertThat(e.details()).containsEntry("Reason", "CONCURRENT_QUERY_LIMIT_EXCEEDED");
                    });
            // the refused query left no trace in the history
            assertThat(athena.call("ListQueryExecutions", Map.of()).path("QueryExecutionIds")).hasSize(2);
            // nor a claim on its ClientRequestToken: a retry once there is room starts it
            Map<String, Object> withToken = Map.of("QueryString", "SELECT 3", "ClientRequestToken", "retry-after-throttling-0000000000000001",
                    "ResultConfiguration", Map.of("OutputLocation", "s3://results/out/"));
            assertThatThrownBy(() -> athena.call("StartQueryExecution", withToken))
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("TooManyRequestsException"));

            athena.call("StopQueryExecution", Map.of("QueryExecutionId", queued));
            assertThat(state(athena, queued)).isEqualTo("CANCELLED");
            athena.call("StopQueryExecution", Map.of("QueryExecutionId", running));
            assertThat(athena.awaitDone(running).path("Status").path("State").asText()).isEqualTo("CANCELLED");
            assertThat(athena.awaitDone(queued).path("Status").path("State").asText()).isEqualTo("CANCELLED");
            // the cancelled queued query never reached the engine
            assertThat(athena.engine.requests).extracting(request -> request.sql()).containsExactly("SLOW");

            String retried = athena.call("StartQueryExecution", withToken).path("QueryExecutionId").asText();
            assertThat(athena.awaitDone(retried).path("Status").path("State").asText()).isEqualTo("SUCCEEDED");
            assertThat(athena.call("StartQueryExecution", withToken).path("QueryExecutionId").asText()).as("the token now names it").isEqualTo(retried);
        }
    }

    private static String state(AthenaHarness athena, String id)
    {
        JsonNode execution = athena.call("GetQueryExecution", Map.of("QueryExecutionId", id)).path("QueryExecution");
        return execution.path("Status").path("State").asText();
    }
}
