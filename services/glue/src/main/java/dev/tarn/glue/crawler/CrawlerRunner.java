package dev.tarn.glue.crawler;

import dev.tarn.glue.GlueErrors;
import dev.tarn.glue.GlueAccess;
import dev.tarn.glue.catalog.Catalog;
import dev.tarn.s3.BucketAccess;
import dev.tarn.glue.model.CrawlRecord;
import dev.tarn.glue.model.Crawler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Runs crawls in the background: StartCrawler moves a READY crawler to RUNNING in the same
 * transaction that records the new crawl, then a background thread crawls; StopCrawler moves it
 * to STOPPING and the crawl stops at its next check. Closing stops every crawl; a crawl that
 * cannot record its end (the store is closing) is marked failed at the next start.
 */
public final class CrawlerRunner
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(CrawlerRunner.class);

    private final Catalog catalog;
    private final Crawlers crawlers;
    private final ObjectSource objects;
    private final CrawlerRole role;
    private final BucketAccess buckets;
    private final GlueAccess glue;
    private final Clock clock;
    private final ExecutorService crawls;
    private final ExecutorService readers;
    private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
    private final AtomicBoolean closing = new AtomicBoolean();

    /**
     * @param role the sessions crawls act as
     * @param buckets S3's access rules, which decide what the role may list and read
     * @param glue Glue's, which decide what it may write to the catalog
     */
    public CrawlerRunner(Catalog catalog, Crawlers crawlers, ObjectSource objects, CrawlerRole role, BucketAccess buckets, GlueAccess glue, Clock clock)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.crawlers = requireNonNull(crawlers, "crawlers is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.role = requireNonNull(role, "role is null");
        this.buckets = requireNonNull(buckets, "buckets is null");
        this.glue = requireNonNull(glue, "glue is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.crawls = Executors.newCachedThreadPool(daemonThreads("glue-crawl"));
        this.readers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), daemonThreads("glue-crawl-reader"));
    }

    private static ThreadFactory daemonThreads(String name)
    {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Starts a crawl of a READY crawler; CrawlerRunningException otherwise. */
    public CrawlRecord start(String accountId, String name)
    {
        Instant now = clock.instant();
        AtomicBoolean cancelled = new AtomicBoolean();
        CrawlRecord crawl = catalog.metadata().write(transaction -> {
            Crawler crawler = crawlers.requireCrawler(transaction, accountId, name);
            if (!crawler.state().equals(Crawler.READY)) {
                throw GlueErrors.CRAWLER_RUNNING.exception("Crawler with name " + name + " has already started");
            }
            CrawlRecord record = new CrawlRecord(name, UUID.randomUUID().toString(), "RUNNING", now, Optional.empty(), Optional.empty(), 0, 0, 0, 0, 0, 0,
                    List.of());
            crawlers.put(transaction, accountId, crawler.withState(Crawler.RUNNING, crawler.crawlElapsedTime(), crawler.lastCrawl()));
            crawlers.putCrawl(transaction, accountId, record);
            return record;
        });
        String key = Crawlers.crawlerId(accountId, name);
        running.put(key, cancelled);
        try {
            crawls.submit(() -> {
                try {
                    new Crawl(catalog, crawlers, objects, readers, clock, accountId, name, crawl, cancelled, closing,
                            crawler -> role.session(accountId, crawler.role()).map(session -> new CrawlAccess(session, buckets, glue))).run();
                }
                finally {
                    running.remove(key, cancelled);
                }
            });
        }
        catch (RuntimeException e) {
            running.remove(key, cancelled);
            throw e;
        }
        return crawl;
    }

    /** Asks a running crawl to stop: the crawler is STOPPING until the crawl notices, then READY. */
    public void stop(String accountId, String name)
    {
        catalog.metadata().write(transaction -> {
            Crawler crawler = crawlers.requireCrawler(transaction, accountId, name);
            if (crawler.state().equals(Crawler.STOPPING)) {
                throw GlueErrors.CRAWLER_STOPPING.exception("Crawler with name " + name + " is stopping");
            }
            if (!crawler.state().equals(Crawler.RUNNING)) {
                throw GlueErrors.CRAWLER_NOT_RUNNING.exception("Crawler with name " + name + " is not running");
            }
            crawlers.put(transaction, accountId, crawler.withState(Crawler.STOPPING, crawler.crawlElapsedTime(), crawler.lastCrawl()));
            return null;
        });
        AtomicBoolean cancelled = running.get(Crawlers.crawlerId(accountId, name));
        if (cancelled != null) {
            cancelled.set(true);
        }
    }

    /** Whether a crawl of this crawler is running in this process. */
    public boolean isRunning(String accountId, String name)
    {
        return running.containsKey(Crawlers.crawlerId(accountId, name));
    }

    /** Waits until no crawl runs, at most {@code timeout}; whether none runs. */
    public boolean awaitIdle(Duration timeout)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!running.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close()
    {
        closing.set(true);
        running.values().forEach(cancelled -> cancelled.set(true));
        crawls.shutdown();
        try {
            if (!crawls.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Crawls still running at shutdown; they will be marked failed at the next start");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        crawls.shutdownNow();
        readers.shutdownNow();
    }
}
