package dev.tarn.athena.engine;

import static java.util.Objects.requireNonNull;

/**
 * A statement that did not succeed, as GetQueryExecution reports it: Status.StateChangeReason
 * is the message (for SQL errors Athena's {@code line L:C: ...} form), Status.AthenaError carries
 * the category and type.
 */
public final class QueryFailure
        extends Exception
{
    /** Athena's ErrorCategory: 1 system, 2 user, 3 other. */
    public enum Category
    {
        SYSTEM(1), USER(2), OTHER(3);

        private final int code;

        Category(int code)
        {
            this.code = code;
        }

        public int code()
        {
            return code;
        }
    }

    private final Category category;
    private final int errorType;
    private final boolean cancelled;

    private QueryFailure(Category category, int errorType, String message, boolean cancelled, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.category = requireNonNull(category, "category is null");
        this.errorType = errorType;
        this.cancelled = cancelled;
    }

    /**
     * A failed statement. {@code errorType} is Athena's ErrorType number (e.g. 1100 invalid
     * argument, 1301 table not found, 1001 syntax/semantic error, 1207 access denied).
     */
    public static QueryFailure failed(Category category, int errorType, String message)
    {
        return new QueryFailure(category, errorType, message, false, null);
    }

    public static QueryFailure failed(Category category, int errorType, String message, Throwable cause)
    {
        return new QueryFailure(category, errorType, message, false, cause);
    }

    /** The statement ended because StopQueryExecution asked it to (state CANCELLED). */
    public static QueryFailure cancelled()
    {
        return new QueryFailure(Category.USER, 1, "Query cancelled by user", true, null);
    }

    public Category category()
    {
        return category;
    }

    public int errorType()
    {
        return errorType;
    }

    public boolean isCancelled()
    {
        return cancelled;
    }
}
