package dev.tarn.cloudformation.stack;

/** The states of a stack, as CloudFormation names them. */
public enum StackStatus
{
    CREATE_IN_PROGRESS,
    CREATE_FAILED,
    CREATE_COMPLETE,
    ROLLBACK_IN_PROGRESS,
    ROLLBACK_FAILED,
    ROLLBACK_COMPLETE,
    DELETE_IN_PROGRESS,
    DELETE_FAILED,
    DELETE_COMPLETE,
    UPDATE_IN_PROGRESS,
    UPDATE_COMPLETE_CLEANUP_IN_PROGRESS,
    UPDATE_COMPLETE,
    UPDATE_FAILED,
    UPDATE_ROLLBACK_IN_PROGRESS,
    UPDATE_ROLLBACK_FAILED,
    UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS,
    UPDATE_ROLLBACK_COMPLETE,
    REVIEW_IN_PROGRESS;

    /** Whether an operation is running (REVIEW_IN_PROGRESS is a stack waiting for its first change set, not an operation). */
    public boolean inProgress()
    {
        return name().endsWith("_IN_PROGRESS") && this != REVIEW_IN_PROGRESS;
    }

    /** Whether the stack can be updated from this state. */
    public boolean updatable()
    {
        return this == CREATE_COMPLETE || this == UPDATE_COMPLETE || this == UPDATE_ROLLBACK_COMPLETE;
    }

    /**
     * The state an operation interrupted by a crash ends in, as CloudFormation would end it
     * had the operation failed at that point.
     */
    public StackStatus interrupted()
    {
        return switch (this) {
            case CREATE_IN_PROGRESS -> CREATE_FAILED;
            case ROLLBACK_IN_PROGRESS -> ROLLBACK_FAILED;
            case DELETE_IN_PROGRESS -> DELETE_FAILED;
            case UPDATE_IN_PROGRESS, UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, UPDATE_ROLLBACK_IN_PROGRESS, UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS ->
                    UPDATE_ROLLBACK_FAILED;
            default -> this;
        };
    }
}
