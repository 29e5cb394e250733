package dev.tarn.athena.engine;

/**
 * Executes one Athena SQL statement. Implementations are thread-safe: several statements run at
 * once, each on its caller's thread.
 */
public interface QueryEngine
        extends AutoCloseable
{
    /**
     * Runs the statement to completion, streaming any result rows to {@code sink}. Returns when
     * the statement finished; throws {@link QueryFailure} when it failed or was cancelled through
     * {@code control}. Whatever the statement wrote (CTAS data, DDL in the catalog) is done as
     * the request's caller, so that caller's permissions apply.
     */
    StatementResult execute(StatementRequest request, QueryControl control, ResultSink sink)
            throws QueryFailure;

    @Override
    void close();
}
