package dev.tarn.athena;

import dev.tarn.athena.engine.QueryControl;
import dev.tarn.athena.engine.QueryEngine;
import dev.tarn.athena.engine.QueryFailure;
import dev.tarn.athena.engine.ResultColumn;
import dev.tarn.athena.engine.ResultSink;
import dev.tarn.athena.engine.StatementRequest;
import dev.tarn.athena.engine.StatementResult;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the SQL engine at its interface, for tests of the execution lifecycle: it acts
 * by the statement's first word rather than running SQL.
 * <ul>
 * <li>{@code SELECT}: three rows of (id integer, name varchar), the third with a NULL name</li>
 * <li>{@code ROWS n}: n rows of one bigint column</li>
 * <li>{@code SHOW}: a DDL statement with two result lines</li>
 * <li>{@code SLOW}: runs until cancelled</li>
 * <li>{@code SCAN}: reads 1 MB at a time until stopped</li>
 * <li>{@code BAD}: fails as a syntax error at line 1:8</li>
 * </ul>
 * Every request it receives is kept for the test to inspect.
 */
final class ScriptedEngine
        implements QueryEngine
{
    final BlockingQueue<StatementRequest> requests = new LinkedBlockingQueue<>();
    final CountDownLatch running = new CountDownLatch(1);
    volatile boolean closed;

    @Override
    public StatementResult execute(StatementRequest request, QueryControl control, ResultSink sink)
            throws QueryFailure
    {
        requests.add(request);
        String sql = request.sql().strip();
        String first = sql.split("\\s+")[0].toUpperCase();
        switch (first) {
            case "SELECT" -> {
                control.addScannedBytes(1234);
                sink.columns(List.of(new ResultColumn("id", "integer", 10, 0, "UNKNOWN"), new ResultColumn("name", "varchar", 2147483647, 0, "UNKNOWN")));
                sink.row(List.of(Optional.of("1"), Optional.of("alpha, \"quoted\"")));
                sink.row(List.of(Optional.of("2"), Optional.of("")));
                sink.row(List.of(Optional.of("3"), Optional.empty()));
                return new StatementResult("DML", "SELECT", 1234, Optional.empty(), Optional.empty());
            }
            case "ROWS" -> {
                int count = Integer.parseInt(sql.split("\\s+")[1]);
                sink.columns(List.of(new ResultColumn("n", "bigint", 19, 0, "UNKNOWN")));
                for (int i = 0; i < count; i++) {
                    sink.row(List.of(Optional.of(Integer.toString(i))));
                }
                return new StatementResult("DML", "SELECT", 0, Optional.empty(), Optional.empty());
            }
            case "SHOW" -> {
                sink.columns(List.of(new ResultColumn("tab_name", "varchar", 0, 0, "UNKNOWN")));
                sink.row(List.of(Optional.of("trips")));
                sink.row(List.of(Optional.of("zones")));
                return new StatementResult("DDL", "SHOW_TABLES", 0, Optional.empty(), Optional.empty());
            }
            case "SLOW" -> {
                CountDownLatch cancelled = new CountDownLatch(1);
                control.onCancel(cancelled::countDown);
                running.countDown();
                try {
                    if (!cancelled.await(60, TimeUnit.SECONDS)) {
                        throw QueryFailure.failed(QueryFailure.Category.SYSTEM, 401, "never cancelled");
                    }
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw QueryFailure.cancelled();
            }
            case "SCAN" -> {
                running.countDown();
                for (int i = 0; i < 1000 && !control.isCancelled(); i++) {
                    control.addScannedBytes(1_000_000);
                }
                throw control.isCancelled() ? QueryFailure.cancelled() : QueryFailure.failed(QueryFailure.Category.SYSTEM, 401, "not stopped");
            }
            case "BAD" -> throw QueryFailure.failed(QueryFailure.Category.USER, 1001, "line 1:8: mismatched input 'FROM'");
            default -> throw QueryFailure.failed(QueryFailure.Category.USER, 1001, "line 1:1: unknown statement " + first);
        }
    }

    @Override
    public void close()
    {
        closed = true;
    }
}
