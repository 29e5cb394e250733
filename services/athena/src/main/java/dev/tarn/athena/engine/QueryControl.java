package dev.tarn.athena.engine;

/**
 * How the API layer steers a running statement: cancellation (StopQueryExecution) and the
 * running total of bytes read (GetQueryExecution's DataScannedInBytes while RUNNING).
 */
public interface QueryControl
{
    /** True once StopQueryExecution asked for the statement to end. */
    boolean isCancelled();

    /**
     * Registers what to run when the statement is cancelled (an engine interrupts its work,
     * e.g. {@code Statement.cancel()}); runs at once if already cancelled.
     */
    void onCancel(Runnable action);

    /** Adds bytes the statement read from S3 to its scanned total. */
    void addScannedBytes(long bytes);
}
