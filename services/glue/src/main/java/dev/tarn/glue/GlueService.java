package dev.tarn.glue;

import dev.tarn.glue.catalog.Catalog;
import dev.tarn.glue.catalog.DatabaseOperations;
import dev.tarn.glue.catalog.PartitionIndexOperations;
import dev.tarn.glue.catalog.PartitionOperations;
import dev.tarn.glue.catalog.StatisticsOperations;
import dev.tarn.glue.catalog.TableOperations;
import dev.tarn.glue.crawler.ClassifierOperations;
import dev.tarn.glue.crawler.CrawlerOperations;
import dev.tarn.glue.crawler.CrawlerRole;
import dev.tarn.glue.crawler.CrawlerRunner;
import dev.tarn.glue.crawler.CrawlerScheduler;
import dev.tarn.glue.crawler.Crawlers;
import dev.tarn.glue.crawler.ObjectSource;
import dev.tarn.s3.BucketAccess;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.security.ServiceRoles;
import dev.tarn.spi.service.AwsService;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.spi.service.ServiceDescriptor;
import dev.tarn.storage.meta.MetadataStore;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * AWS Glue over the JSON protocol ({@code AWSGlue}, JSON 1.1): the Data Catalog (databases,
 * tables with versions, partitions, partition indexes, column statistics), classifiers and
 * crawlers that run in the background and on cron schedules. Closing it stops running crawls
 * (they are marked failed) and the scheduler.
 */
public final class GlueService
        implements AwsService, AutoCloseable
{
    private final GlueContext glue;
    private final Crawlers crawlers;
    private final CrawlerRunner runner;
    private final CrawlerScheduler scheduler;
    private final CrawlerRole role;

    private GlueService(GlueContext glue, Crawlers crawlers, CrawlerRunner runner, CrawlerScheduler scheduler, CrawlerRole role)
    {
        this.role = role;
        this.glue = glue;
        this.crawlers = crawlers;
        this.runner = runner;
        this.scheduler = scheduler;
    }

    /**
     * The service; crawls left running by a previous process are marked failed, and the
     * scheduler starts.
     */
    /**
     * @param roles the crawlers' roles: crawls act as sessions of them
     */
    public static GlueService create(MetadataStore metadata, ObjectSource objects, Authorizer authorizer, ServiceRoles roles, Clock clock, String region)
    {
        requireNonNull(metadata, "metadata is null");
        requireNonNull(objects, "objects is null");
        GlueStore store = new GlueStore();
        Catalog catalog = new Catalog(metadata, store, clock);
        GlueAccess access = new GlueAccess(authorizer, region);
        GlueContext glue = new GlueContext(catalog, access);
        Crawlers crawlers = new Crawlers(catalog, clock);
        crawlers.failInterruptedCrawls();
        CrawlerRole role = new CrawlerRole(roles, clock, region);
        CrawlerRunner runner = new CrawlerRunner(catalog, crawlers, objects, role, new BucketAccess(metadata, authorizer), access, clock);
        CrawlerScheduler scheduler = new CrawlerScheduler(crawlers, runner, clock);
        scheduler.start();
        return new GlueService(glue, crawlers, runner, scheduler, role);
    }

    @Override
    public ServiceDescriptor descriptor()
    {
        return ServiceDescriptor.json("glue", "AWSGlue", "1.1");
    }

    @Override
    public void registerOperations(OperationRegistry registry)
    {
        new DatabaseOperations(glue).register(registry);
        new TableOperations(glue).register(registry);
        new PartitionOperations(glue).register(registry);
        new PartitionIndexOperations(glue).register(registry);
        new StatisticsOperations(glue).register(registry);
        new CrawlerOperations(glue, crawlers, runner, scheduler, role).register(registry);
        new ClassifierOperations(glue, crawlers).register(registry);
    }

    /** Runs the schedule as of now: starts every crawler whose cron expression fired since the last check. */
    public CrawlerScheduler scheduler()
    {
        return scheduler;
    }

    public CrawlerRunner runner()
    {
        return runner;
    }

    @Override
    public void close()
    {
        scheduler.close();
        runner.close();
    }
}
