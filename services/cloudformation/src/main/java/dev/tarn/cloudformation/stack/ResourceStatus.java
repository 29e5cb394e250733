package dev.tarn.cloudformation.stack;

/** The states of one resource of a stack. */
public enum ResourceStatus
{
    CREATE_IN_PROGRESS,
    CREATE_FAILED,
    CREATE_COMPLETE,
    DELETE_IN_PROGRESS,
    DELETE_FAILED,
    DELETE_COMPLETE,
    DELETE_SKIPPED,
    UPDATE_IN_PROGRESS,
    UPDATE_FAILED,
    UPDATE_COMPLETE;

    public boolean inProgress()
    {
        return name().endsWith("_IN_PROGRESS");
    }

    public ResourceStatus interrupted()
    {
        return switch (this) {
            case CREATE_IN_PROGRESS -> CREATE_FAILED;
            case DELETE_IN_PROGRESS -> DELETE_FAILED;
            case UPDATE_IN_PROGRESS -> UPDATE_FAILED;
            default -> this;
        };
    }
}
