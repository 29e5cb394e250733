package dev.tarn.cloudformation.template;

/** What happens to a resource when its stack (or the resource) is deleted, or when an update replaces it. */
public enum DeletionPolicy
{
    DELETE,
    RETAIN;

    static DeletionPolicy parse(String text, String where)
    {
        return switch (text) {
            case "Delete" -> DELETE;
            case "Retain", "RetainExceptOnCreate" -> RETAIN;
            case "Snapshot" -> DELETE;
            default -> throw dev.tarn.cloudformation.CloudFormationErrors.templateFormat(
                    "Unrecognized DeletionPolicy " + text + " for resource " + where);
        };
    }
}
