package dev.tarn.glue;

import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;

/** The errors Glue answers with, as its service model names them; all are client errors sent with 400. */
public final class GlueErrors
{
    public static final AwsErrorCode ENTITY_NOT_FOUND = new AwsErrorCode("EntityNotFoundException", 400, "A specified entity does not exist");
    public static final AwsErrorCode ALREADY_EXISTS = new AwsErrorCode("AlreadyExistsException", 400, "A resource to be created or added already exists.");
    public static final AwsErrorCode INVALID_INPUT = new AwsErrorCode("InvalidInputException", 400, "The input provided was not valid.");
    public static final AwsErrorCode ACCESS_DENIED = new AwsErrorCode("AccessDeniedException", 400, "Access to a resource was denied.");
    public static final AwsErrorCode CONCURRENT_MODIFICATION = new AwsErrorCode("ConcurrentModificationException", 400,
            "Two processes are trying to modify a resource simultaneously.");
    public static final AwsErrorCode CRAWLER_RUNNING = new AwsErrorCode("CrawlerRunningException", 400, "The operation cannot be performed because the crawler is already running.");
    public static final AwsErrorCode CRAWLER_NOT_RUNNING = new AwsErrorCode("CrawlerNotRunningException", 400, "The specified crawler is not running.");
    public static final AwsErrorCode CRAWLER_STOPPING = new AwsErrorCode("CrawlerStoppingException", 400, "The specified crawler is stopping.");
    public static final AwsErrorCode SCHEDULER_TRANSITIONING = new AwsErrorCode("SchedulerTransitioningException", 400, "The specified scheduler is transitioning.");
    public static final AwsErrorCode SCHEDULER_RUNNING = new AwsErrorCode("SchedulerRunningException", 400, "The specified scheduler is already running.");
    public static final AwsErrorCode SCHEDULER_NOT_RUNNING = new AwsErrorCode("SchedulerNotRunningException", 400, "The specified scheduler is not running.");
    public static final AwsErrorCode VERSION_MISMATCH = new AwsErrorCode("VersionMismatchException", 400, "There was a version conflict.");
    public static final AwsErrorCode RESOURCE_NUMBER_LIMIT_EXCEEDED = new AwsErrorCode("ResourceNumberLimitExceededException", 400,
            "A resource numerical limit was exceeded.");

    private GlueErrors() {}

    public static AwsException invalidInput(String message)
    {
        return INVALID_INPUT.exception(message);
    }

    public static AwsException notFound(String message)
    {
        return ENTITY_NOT_FOUND.exception(message);
    }
}
