package dev.tarn.glue.crawler;

import dev.tarn.glue.GlueErrors;
import dev.tarn.glue.GlueStore;
import dev.tarn.glue.Ids;
import dev.tarn.glue.catalog.Catalog;
import dev.tarn.glue.model.Classifier;
import dev.tarn.glue.model.CrawlRecord;
import dev.tarn.glue.model.Crawler;
import dev.tarn.glue.model.Crawler.LastCrawlInfo;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.StoredDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Crawlers, their crawls and classifiers as documents, and the crawler state transitions. */
public final class Crawlers
{
    private static final Logger log = LoggerFactory.getLogger(Crawlers.class);
    static final String LOG_GROUP = "/aws-glue/crawlers";

    private final Catalog catalog;
    private final Clock clock;

    public Crawlers(Catalog catalog, Clock clock)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Catalog catalog()
    {
        return catalog;
    }

    public GlueStore store()
    {
        return catalog.store();
    }

    public Instant now()
    {
        return clock.instant();
    }

    static String crawlerId(String accountId, String name)
    {
        return Ids.join(accountId, name);
    }

    public Optional<Crawler> crawler(MetadataReader reader, String accountId, String name)
    {
        return store().get(reader, GlueStore.CRAWLERS, crawlerId(accountId, name), Crawler.class);
    }

    public Crawler requireCrawler(MetadataReader reader, String accountId, String name)
    {
        return crawler(reader, accountId, name).orElseThrow(() -> GlueErrors.notFound("Crawler entry with name " + name + " does not exist"));
    }

    public void put(MetadataTransaction transaction, String accountId, Crawler crawler)
    {
        store().put(transaction, GlueStore.CRAWLERS, crawlerId(accountId, crawler.name()), crawler);
    }

    public List<Crawler> crawlers(MetadataReader reader, String accountId, Optional<String> afterId, int limit)
    {
        return store().list(reader, GlueStore.CRAWLERS, accountId + "/", afterId, limit, Crawler.class);
    }

    /** Every crawler of every account (for the scheduler), a page at a time. */
    public List<StoredDocument> allCrawlers(MetadataReader reader, Optional<String> afterId, int limit)
    {
        return store().documents(reader, GlueStore.CRAWLERS, "", afterId, limit);
    }

    /** Crawls of a crawler order by start time. */
    static String crawlKey(CrawlRecord crawl)
    {
        return String.format("%015d", crawl.startTime().toEpochMilli()) + "-" + crawl.crawlId();
    }

    public void putCrawl(MetadataTransaction transaction, String accountId, CrawlRecord crawl)
    {
        store().put(transaction, GlueStore.CRAWLS, crawlerId(accountId, crawl.crawlerName()) + "/" + crawlKey(crawl), crawl);
    }

    public List<CrawlRecord> crawls(MetadataReader reader, String accountId, String crawler, Optional<String> afterId, int limit)
    {
        return store().list(reader, GlueStore.CRAWLS, crawlerId(accountId, crawler) + "/", afterId, limit, CrawlRecord.class);
    }

    public Optional<Classifier> classifier(MetadataReader reader, String accountId, String name)
    {
        return store().get(reader, GlueStore.CLASSIFIERS, crawlerId(accountId, name), Classifier.class);
    }

    /**
     * Marks every crawl a previous process left RUNNING or STOPPING as failed and its crawler
     * READY: a crawl does not survive a restart, and none may look as if it did.
     */
    public int failInterruptedCrawls()
    {
        Instant now = now();
        return catalog.metadata().write(transaction -> {
            int failed = 0;
            Optional<String> after = Optional.empty();
            List<StoredDocument> page;
            do {
                page = allCrawlers(transaction, after, 500);
                for (StoredDocument document : page) {
                    Crawler crawler = store().read(document, Crawler.class);
                    if (crawler.state().equals(Crawler.READY)) {
                        continue;
                    }
                    String accountId = document.id().substring(0, document.id().indexOf('/'));
                    String message = "The crawl was interrupted by a restart of the server.";
                    Optional<LastCrawlInfo> last = crawler.lastCrawl().map(info -> new LastCrawlInfo("FAILED", Optional.of(message), info.logGroup(),
                            info.logStream(), info.messagePrefix(), info.startTime()));
                    put(transaction, accountId, crawler.withState(Crawler.READY, crawler.crawlElapsedTime(), last));
                    for (CrawlRecord crawl : crawls(transaction, accountId, crawler.name(), Optional.empty(), 10_000)) {
                        if (crawl.state().equals("RUNNING")) {
                            putCrawl(transaction, accountId, crawl.finished("FAILED", now, Optional.of(message)));
                        }
                    }
                    failed++;
                }
                after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).id());
            }
            while (page.size() == 500);
            if (failed > 0) {
                log.warn("Marked {} crawls interrupted by a restart as failed", failed);
            }
            return failed;
        });
    }

    static long elapsedMillis(Instant start, Instant end)
    {
        return Duration.between(start, end).toMillis();
    }
}
