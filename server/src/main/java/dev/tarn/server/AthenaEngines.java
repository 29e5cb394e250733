package dev.tarn.server;

import dev.tarn.athena.engine.QueryControl;
import dev.tarn.athena.engine.QueryEngine;
import dev.tarn.athena.engine.QueryFailure;
import dev.tarn.athena.engine.ResultSink;
import dev.tarn.athena.engine.StatementRequest;
import dev.tarn.athena.engine.StatementResult;
import dev.tarn.gateway.inprocess.InProcessInvoker;

import java.nio.file.Path;
import java.time.Clock;

/** The engine Athena's queries run on. */
final class AthenaEngines
{
    private AthenaEngines() {}

    static QueryEngine create(InProcessInvoker invoker, Path workDirectory, Clock clock)
    {
        // interim, until the DuckDB engine is merged: every statement fails with a clear reason
        return new QueryEngine()
        {
            @Override
            public StatementResult execute(StatementRequest request, QueryControl control, ResultSink sink)
                    throws QueryFailure
            {
                throw QueryFailure.failed(QueryFailure.Category.SYSTEM, 401, "NOT_SUPPORTED: no SQL engine is available in this build");
            }

            @Override
            public void close() {}
        };
    }
}
