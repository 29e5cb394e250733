package dev.tarn.glue.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run of a crawler, kept for ListCrawls and GetCrawlerMetrics: its state (RUNNING, COMPLETED,
 * STOPPED, FAILED), what it changed, and its log lines.
 */
public record CrawlRecord(String crawlerName, String crawlId, String state, Instant startTime, Optional<Instant> endTime, Optional<String> errorMessage,
        int tablesCreated, int tablesUpdated, int tablesDeleted, int partitionsCreated, int partitionsUpdated, int partitionsDeleted, List<String> log)
{
    public CrawlRecord
    {
        log = log == null ? List.of() : List.copyOf(log);
        endTime = endTime == null ? Optional.empty() : endTime;
        errorMessage = errorMessage == null ? Optional.empty() : errorMessage;
    }

    public CrawlRecord finished(String newState, Instant end, Optional<String> error)
    {
        return new CrawlRecord(crawlerName, crawlId, newState, startTime, Optional.of(end), error, tablesCreated, tablesUpdated, tablesDeleted,
                partitionsCreated, partitionsUpdated, partitionsDeleted, log);
    }
}
