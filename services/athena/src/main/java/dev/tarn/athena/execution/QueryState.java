package dev.tarn.athena.execution;

/** The states of a query execution, as Athena names them. */
public enum QueryState
{
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isTerminal()
    {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
