package dev.tarn.it.athena;

import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Runs statements through the SDK and waits for them, as an Athena client does. */
final class Queries
{
    static final Duration LIMIT = Duration.ofMinutes(2);

    private final AthenaClient athena;
    private final String outputLocation;

    Queries(AthenaClient athena, String outputLocation)
    {
        this.athena = requireNonNull(athena, "athena is null");
        this.outputLocation = requireNonNull(outputLocation, "outputLocation is null");
    }

    String start(String sql, Optional<String> database)
    {
        return athena.startQueryExecution(request -> request.queryString(sql)
                .queryExecutionContext(context -> database.ifPresent(context::database))
                .resultConfiguration(result -> result.outputLocation(outputLocation))).queryExecutionId();
    }

    /** Runs the statement and returns its final state (a hung query fails the test after a bound). */
    QueryExecution run(String sql)
    {
        return await(start(sql, Optional.of("taxidata")));
    }

    /** Runs the statement, which must succeed; returns its execution. */
    QueryExecution succeed(String sql)
    {
        QueryExecution execution = run(sql);
        if (execution.status().state() != QueryExecutionState.SUCCEEDED) {
            throw new AssertionError("expected " + sql + " to succeed, but it is " + execution.status().state() + ": "
                    + execution.status().stateChangeReason());
        }
        return execution;
    }

    QueryExecution await(String queryExecutionId)
    {
        Instant deadline = Instant.now().plus(LIMIT);
        while (Instant.now().isBefore(deadline)) {
            QueryExecution execution = athena.getQueryExecution(request -> request.queryExecutionId(queryExecutionId)).queryExecution();
            QueryExecutionState state = execution.status().state();
            if (state == QueryExecutionState.SUCCEEDED || state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                return execution;
            }
            sleep(50);
        }
        throw new AssertionError("query " + queryExecutionId + " did not finish");
    }

    /** Every row of the result, through the paginator (the header row first for a SELECT). */
    List<List<String>> rows(String queryExecutionId)
    {
        List<List<String>> rows = new ArrayList<>();
        athena.getQueryResultsPaginator(request -> request.queryExecutionId(queryExecutionId)).forEach(page -> {
            for (Row row : page.resultSet().rows()) {
                rows.add(row.data().stream().map(datum -> datum.varCharValue()).toList());
            }
        });
        return rows;
    }

    static void sleep(long millis)
    {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
