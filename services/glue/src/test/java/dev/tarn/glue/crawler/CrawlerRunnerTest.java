package dev.tarn.glue.crawler;

import dev.tarn.glue.GlueAccess;
import dev.tarn.glue.GlueErrors;
import dev.tarn.glue.GlueStore;
import dev.tarn.glue.catalog.Catalog;
import dev.tarn.glue.model.CrawlRecord;
import dev.tarn.glue.model.Crawler;
import dev.tarn.glue.model.Crawler.CrawlerTargets;
import dev.tarn.glue.model.Crawler.S3Target;
import dev.tarn.glue.model.Crawler.Schedule;
import dev.tarn.s3.BucketAccess;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.security.RootOnlyAuthorizer;
import dev.tarn.spi.security.ServiceRoles;
import dev.tarn.storage.meta.BucketRecord;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.sqlite.SqliteMetadataStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Crawl states on a real SQLite store: stop, a second start, a restart mid-crawl, schedules firing. */
class CrawlerRunnerTest
{
    private static final String ACCOUNT = "123456789012";

    @TempDir
    Path directory;

    private MetadataStore metadata;
    private Catalog catalog;
    private Crawlers crawlers;
    private final CountDownLatch opened = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** Two small CSV objects; reading one waits until the test releases it, so a crawl is held in flight. */
    private final ObjectSource heldSource = new ObjectSource()
    {
        @Override
        public List<SourceObject> list(String bucket, String prefix, Optional<String> startAfter, int limit)
        {
            if (startAfter.isPresent()) {
                return List.of();
            }
            return List.of(new SourceObject(bucket, prefix + "a.csv", 20, Instant.EPOCH, "a"), new SourceObject(bucket, prefix + "b.csv", 20, Instant.EPOCH, "b"));
        }

        @Override
        public InputStream open(RequestContext reader, SourceObject object, long offset, long length)
                throws java.io.IOException
        {
            opened.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
            return new ByteArrayInputStream("id,name\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_8));
        }
    };

    @BeforeEach
    void open()
    {
        metadata = SqliteMetadataStore.open(directory.resolve("metadata.db"));
        catalog = new Catalog(metadata, new GlueStore(), Clock.systemUTC());
        crawlers = new Crawlers(catalog, Clock.systemUTC());
        metadata.write(transaction -> transaction.createBucket(new BucketRecord("lake", ACCOUNT, "us-east-1", Instant.EPOCH, Optional.empty(), Map.of())));
    }

    /**
     * A runner whose crawls act as the account's root: these tests are about crawl states, and
     * root may do everything in its account (permissions of roles are the integration tests' part).
     */
    private CrawlerRunner runner(Clock clock)
    {
        Authorizer authorizer = new RootOnlyAuthorizer();
        ServiceRoles roles = new ServiceRoles()
        {
            @Override
            public void authorizePass(RequestContext context, String roleArn, String servicePrincipal) {}

            @Override
            public Optional<Caller> assume(String roleArn, String servicePrincipal, String sessionName)
            {
                return Optional.of(Caller.root(ACCOUNT, "AKIAROOT"));
            }
        };
        return new CrawlerRunner(catalog, crawlers, heldSource, new CrawlerRole(roles, clock, "us-east-1"), new BucketAccess(metadata, authorizer),
                new GlueAccess(authorizer, "us-east-1"), clock);
    }

    @AfterEach
    void close()
    {
        release.countDown();
        metadata.close();
    }

    private void createCrawler(String name, Optional<Schedule> schedule)
    {
        Instant now = Instant.now();
        metadata.write(transaction -> {
            crawlers.put(transaction, ACCOUNT, new Crawler(name, "role", new CrawlerTargets(List.of(new S3Target("s3://lake/raw/", List.of(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty())), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty()), Optional.of("db"), Optional.empty(), List.of(), null, null, Optional.empty(), Crawler.READY,
                    Optional.empty(), schedule, 0, now, now, Optional.empty(), 1, Optional.empty(), Optional.empty(), Optional.empty()));
            return null;
        });
    }

    private List<CrawlRecord> crawls(String name)
    {
        return metadata.read(reader -> crawlers.crawls(reader, ACCOUNT, name, Optional.empty(), 10));
    }

    private Optional<dev.tarn.glue.model.Table> table(String name)
    {
        return metadata.read(reader -> catalog.table(reader, ACCOUNT, "db", name));
    }

    private Crawler crawler(String name)
    {
        return metadata.read(reader -> crawlers.requireCrawler(reader, ACCOUNT, name));
    }

    @Test
    void stopWhileRunning()
            throws Exception
    {
        createCrawler("held", Optional.empty());
        try (CrawlerRunner runner = runner(Clock.systemUTC())) {
            runner.start(ACCOUNT, "held");
            assertThat(opened.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(crawler("held").state()).isEqualTo(Crawler.RUNNING);
            assertThatThrownBy(() -> runner.start(ACCOUNT, "held")).isInstanceOfSatisfying(AwsException.class,
                    e -> assertThat(e.error()).isEqualTo(GlueErrors.CRAWLER_RUNNING));
            runner.stop(ACCOUNT, "held");
            assertThat(crawler("held").state()).isEqualTo(Crawler.STOPPING);
            assertThatThrownBy(() -> runner.stop(ACCOUNT, "held")).isInstanceOfSatisfying(AwsException.class,
                    e -> assertThat(e.error()).isEqualTo(GlueErrors.CRAWLER_STOPPING));
            release.countDown();
            assertThat(runner.awaitIdle(Duration.ofSeconds(30))).isTrue();
        }
        Crawler stopped = crawler("held");
        assertThat(stopped.state()).isEqualTo(Crawler.READY);
        assertThat(stopped.lastCrawl().orElseThrow().status()).isEqualTo("CANCELLED");
        assertThat(crawls("held")).extracting(CrawlRecord::state).containsExactly("STOPPED");
        assertThat(table("raw")).isEmpty();
    }

    @Test
    void crawlInterruptedByRestartIsFailed()
            throws Exception
    {
        createCrawler("interrupted", Optional.empty());
        CrawlerRunner runner = runner(Clock.systemUTC());
        runner.start(ACCOUNT, "interrupted");
        assertThat(opened.await(30, TimeUnit.SECONDS)).isTrue();
        // the process dies: nothing records the end of the crawl
        metadata.close();
        release.countDown();
        runner.close();

        metadata = SqliteMetadataStore.open(directory.resolve("metadata.db"));
        catalog = new Catalog(metadata, new GlueStore(), Clock.systemUTC());
        crawlers = new Crawlers(catalog, Clock.systemUTC());
        assertThat(crawler("interrupted").state()).isNotEqualTo(Crawler.READY);
        assertThat(crawlers.failInterruptedCrawls()).isEqualTo(1);
        Crawler after = crawler("interrupted");
        assertThat(after.state()).isEqualTo(Crawler.READY);
        assertThat(after.lastCrawl()).isEmpty();
        assertThat(crawls("interrupted"))
                .singleElement().satisfies(crawl -> {
                    assertThat(crawl.state()).isEqualTo("FAILED");
                    assertThat(crawl.errorMessage()).hasValueSatisfying(message -> assertThat(message).contains("restart"));
                });
    }

    @Test
    void scheduleFiresAndCrawlCompletes()
            throws Exception
    {
        release.countDown();
        createCrawler("scheduled", Optional.of(new Schedule("cron(0/5 * * * ? *)", "SCHEDULED")));
        createCrawler("unscheduled", Optional.of(new Schedule("cron(0/5 * * * ? *)", "NOT_SCHEDULED")));
        Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:01:00Z"), ZoneOffset.UTC);
        try (CrawlerRunner runner = runner(clock);
                CrawlerScheduler scheduler = new CrawlerScheduler(crawlers, runner, clock)) {
            assertThat(scheduler.fireDue(Instant.parse("2024-05-01T10:04:59Z"))).isZero();
            assertThat(scheduler.fireDue(Instant.parse("2024-05-01T10:05:00Z"))).isEqualTo(1);
            assertThat(runner.awaitIdle(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(crawler("scheduled").lastCrawl().orElseThrow().status()).isEqualTo("SUCCEEDED");
        assertThat(crawler("unscheduled").lastCrawl()).isEmpty();
        assertThat(table("raw").orElseThrow().storageDescriptor().orElseThrow().columns())
                .extracting(column -> column.name() + ":" + column.type()).containsExactly("id:bigint", "name:string");
    }
}
