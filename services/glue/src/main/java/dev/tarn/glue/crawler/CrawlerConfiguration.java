package dev.tarn.glue.crawler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tarn.glue.GlueErrors;

import java.io.IOException;
import java.util.Optional;

/**
 * The parts of a crawler's Configuration JSON that crawls act on:
 * {@code CrawlerOutput.Partitions.AddOrUpdateBehavior = InheritFromTable},
 * {@code CrawlerOutput.Tables.AddOrUpdateBehavior = MergeNewColumns},
 * {@code Grouping.TableGroupingPolicy = CombineCompatibleSchemas} and
 * {@code Grouping.TableLevelConfiguration}.
 */
record CrawlerConfiguration(boolean partitionsInheritFromTable, boolean mergeNewColumns, TablePlanner.Grouping grouping)
{
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static CrawlerConfiguration parse(Optional<String> configuration)
    {
        JsonNode root = configuration.filter(text -> !text.isBlank()).map(CrawlerConfiguration::tree).orElse(MAPPER.createObjectNode());
        JsonNode output = root.path("CrawlerOutput");
        JsonNode grouping = root.path("Grouping");
        Optional<Integer> level = grouping.has("TableLevelConfiguration") ? Optional.of(grouping.path("TableLevelConfiguration").asInt()) : Optional.empty();
        return new CrawlerConfiguration(
                output.path("Partitions").path("AddOrUpdateBehavior").asText("").equals("InheritFromTable"),
                output.path("Tables").path("AddOrUpdateBehavior").asText("").equals("MergeNewColumns"),
                new TablePlanner.Grouping(grouping.path("TableGroupingPolicy").asText("").equals("CombineCompatibleSchemas"), level.filter(l -> l > 0)));
    }

    /** Rejects a Configuration that is not a JSON object, as CreateCrawler does. */
    static void validate(Optional<String> configuration)
    {
        configuration.filter(text -> !text.isBlank()).ifPresent(text -> {
            if (!tree(text).isObject()) {
                throw GlueErrors.invalidInput("Crawler configuration not valid: not a JSON object");
            }
        });
    }

    private static JsonNode tree(String text)
    {
        try {
            return MAPPER.readTree(text);
        }
        catch (IOException e) {
            throw GlueErrors.invalidInput("Crawler configuration not valid: " + e.getMessage());
        }
    }
}
