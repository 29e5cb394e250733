package dev.tarn.glue.crawler;

import dev.tarn.glue.model.Crawler;
import dev.tarn.spi.error.AwsException;
import dev.tarn.storage.meta.StoredDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Fires crawler schedules: every few seconds it starts each SCHEDULED crawler whose cron
 * expression has a firing time in (last check, now]. A crawler still running when its schedule
 * fires is not started again (the firing is skipped), as on AWS.
 */
public final class CrawlerScheduler
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(CrawlerScheduler.class);
    private static final long TICK_SECONDS = 5;

    private final Crawlers crawlers;
    private final CrawlerRunner runner;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private Instant lastCheck;

    public CrawlerScheduler(Crawlers crawlers, CrawlerRunner runner, Clock clock)
    {
        this.crawlers = requireNonNull(crawlers, "crawlers is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "glue-crawler-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        this.lastCheck = clock.instant();
    }

    public void start()
    {
        timer.scheduleWithFixedDelay(() -> {
            try {
                fireDue(clock.instant());
            }
            catch (RuntimeException e) {
                log.warn("Crawler schedule check failed", e);
            }
        }, TICK_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts the crawlers whose schedule fired since the last check; returns how many started. */
    public synchronized int fireDue(Instant now)
    {
        Instant from = lastCheck;
        lastCheck = now;
        int started = 0;
        Optional<String> after = Optional.empty();
        List<StoredDocument> page;
        do {
            Optional<String> cursor = after;
            page = crawlers.catalog().metadata().read(reader -> crawlers.allCrawlers(reader, cursor, 500));
            for (StoredDocument document : page) {
                Crawler crawler = crawlers.store().read(document, Crawler.class);
                Optional<Crawler.Schedule> schedule = crawler.schedule().filter(s -> s.state().equals("SCHEDULED"));
                if (schedule.isEmpty()) {
                    continue;
                }
                Optional<Instant> next = AwsCron.parse(schedule.get().scheduleExpression()).nextAfter(from);
                if (next.isPresent() && !next.get().isAfter(now)) {
                    String accountId = document.id().substring(0, document.id().indexOf('/'));
                    try {
                        runner.start(accountId, crawler.name());
                        started++;
                    }
                    catch (AwsException e) {
                        log.info("Scheduled run of crawler {} skipped: {}", crawler.name(), e.getMessage());
                    }
                }
            }
            after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).id());
        }
        while (page.size() == 500);
        return started;
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
    }
}
