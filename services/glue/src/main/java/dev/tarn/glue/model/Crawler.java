package dev.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A crawler as GetCrawler returns it (and as it is stored). */
public record Crawler(String name, String role, CrawlerTargets targets, Optional<String> databaseName, Optional<String> description,
        List<String> classifiers, RecrawlPolicy recrawlPolicy, SchemaChangePolicy schemaChangePolicy, Optional<JsonNode> lineageConfiguration,
        String state, Optional<String> tablePrefix, Optional<Schedule> schedule, long crawlElapsedTime, Instant creationTime, Instant lastUpdated,
        Optional<LastCrawlInfo> lastCrawl, long version, Optional<String> configuration, Optional<String> crawlerSecurityConfiguration,
        Optional<JsonNode> lakeFormationConfiguration)
{
    public static final String READY = "READY";
    public static final String RUNNING = "RUNNING";
    public static final String STOPPING = "STOPPING";

    public Crawler
    {
        requireNonNull(name, "name is null");
        requireNonNull(targets, "targets is null");
        classifiers = classifiers == null ? List.of() : List.copyOf(classifiers);
        recrawlPolicy = recrawlPolicy == null ? new RecrawlPolicy(Optional.of("CRAWL_EVERYTHING")) : recrawlPolicy;
        schemaChangePolicy = schemaChangePolicy == null ? SchemaChangePolicy.DEFAULT : schemaChangePolicy;
        requireNonNull(state, "state is null");
    }

    public Crawler withState(String value, long elapsed, Optional<LastCrawlInfo> last)
    {
        return new Crawler(name, role, targets, databaseName, description, classifiers, recrawlPolicy, schemaChangePolicy, lineageConfiguration, value,
                tablePrefix, schedule, elapsed, creationTime, lastUpdated, last, version, configuration, crawlerSecurityConfiguration,
                lakeFormationConfiguration);
    }

    public Crawler withSchedule(Optional<Schedule> value, Instant now)
    {
        return new Crawler(name, role, targets, databaseName, description, classifiers, recrawlPolicy, schemaChangePolicy, lineageConfiguration, state,
                tablePrefix, value, crawlElapsedTime, creationTime, now, lastCrawl, version + 1, configuration, crawlerSecurityConfiguration,
                lakeFormationConfiguration);
    }

    public record CrawlerTargets(List<S3Target> s3Targets, Optional<JsonNode> jdbcTargets, @JsonProperty("MongoDBTargets") Optional<JsonNode> mongoDbTargets,
            @JsonProperty("DynamoDBTargets") Optional<JsonNode> dynamoDbTargets, Optional<JsonNode> catalogTargets, Optional<JsonNode> deltaTargets,
            Optional<JsonNode> icebergTargets, Optional<JsonNode> hudiTargets)
    {
        public CrawlerTargets
        {
            s3Targets = s3Targets == null ? List.of() : List.copyOf(s3Targets);
        }
    }

    public record S3Target(String path, List<String> exclusions, Optional<String> connectionName, Optional<Integer> sampleSize,
            Optional<String> eventQueueArn, Optional<String> dlqEventQueueArn)
    {
        public S3Target
        {
            exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
        }
    }

    public record RecrawlPolicy(Optional<String> recrawlBehavior)
    {
        public boolean newFoldersOnly()
        {
            return recrawlBehavior.map("CRAWL_NEW_FOLDERS_ONLY"::equals).orElse(false);
        }
    }

    public record SchemaChangePolicy(Optional<String> updateBehavior, Optional<String> deleteBehavior)
    {
        public static final SchemaChangePolicy DEFAULT = new SchemaChangePolicy(Optional.of("UPDATE_IN_DATABASE"), Optional.of("DEPRECATE_IN_DATABASE"));

        public String update()
        {
            return updateBehavior.orElse("UPDATE_IN_DATABASE");
        }

        public String delete()
        {
            return deleteBehavior.orElse("DEPRECATE_IN_DATABASE");
        }
    }

    public record Schedule(String scheduleExpression, String state) {}

    public record LastCrawlInfo(String status, Optional<String> errorMessage, String logGroup, String logStream, String messagePrefix, Instant startTime) {}
}
