package dev.tarn.athena;

import dev.tarn.athena.catalog.CatalogMetadataOperations;
import dev.tarn.athena.catalog.DataCatalogOperations;
import dev.tarn.athena.catalog.DataCatalogs;
import dev.tarn.athena.catalog.GlueClient;
import dev.tarn.athena.engine.QueryEngine;
import dev.tarn.athena.execution.QueryExecutionOperations;
import dev.tarn.athena.execution.QueryExecutions;
import dev.tarn.athena.execution.QueryRunner;
import dev.tarn.athena.execution.ResultObjects;
import dev.tarn.athena.execution.ResultPages;
import dev.tarn.athena.namedquery.NamedQueryOperations;
import dev.tarn.athena.prepared.PreparedStatementOperations;
import dev.tarn.athena.prepared.PreparedStatements;
import dev.tarn.athena.workgroup.WorkGroupOperations;
import dev.tarn.athena.workgroup.WorkGroups;
import dev.tarn.gateway.inprocess.InProcessInvoker;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.service.AwsService;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.spi.service.ServiceDescriptor;
import dev.tarn.storage.meta.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * Amazon Athena over the JSON protocol ({@code AmazonAthena}, JSON 1.1). Queries run in the
 * background on the given engine; closing the service stops them (they end FAILED) and closes
 * the engine. Queries a previous process left unfinished are marked FAILED on creation.
 */
public final class AthenaService
        implements AwsService, AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(AthenaService.class);

    /** How many statements run at once, and how many more may wait. */
    public record Limits(int concurrentQueries, int queuedQueries)
    {
        public static final Limits DEFAULT = new Limits(Math.max(2, Runtime.getRuntime().availableProcessors()), 200);
    }

    private final QueryEngine engine;
    private final QueryRunner runner;
    private final WorkGroupOperations workGroupOperations;
    private final NamedQueryOperations namedQueryOperations;
    private final PreparedStatementOperations preparedStatementOperations;
    private final DataCatalogOperations dataCatalogOperations;
    private final CatalogMetadataOperations catalogMetadataOperations;
    private final QueryExecutionOperations queryExecutionOperations;

    private AthenaService(QueryEngine engine, QueryRunner runner, WorkGroupOperations workGroupOperations, NamedQueryOperations namedQueryOperations,
            PreparedStatementOperations preparedStatementOperations, DataCatalogOperations dataCatalogOperations,
            CatalogMetadataOperations catalogMetadataOperations, QueryExecutionOperations queryExecutionOperations)
    {
        this.engine = engine;
        this.runner = runner;
        this.workGroupOperations = workGroupOperations;
        this.namedQueryOperations = namedQueryOperations;
        this.preparedStatementOperations = preparedStatementOperations;
        this.dataCatalogOperations = dataCatalogOperations;
        this.catalogMetadataOperations = catalogMetadataOperations;
        this.queryExecutionOperations = queryExecutionOperations;
    }

    /**
     * @param invoker reaches S3 (result files) and Glue (catalog views) as each request's caller
     * @param scratch a directory for result files before they are uploaded; emptied on start
     */
    public static AthenaService create(MetadataStore metadata, Authorizer authorizer, InProcessInvoker invoker, QueryEngine engine, Path scratch,
            Clock clock, String region, Limits limits)
    {
        requireNonNull(metadata, "metadata is null");
        requireNonNull(invoker, "invoker is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(limits, "limits is null");
        prepareScratch(requireNonNull(scratch, "scratch is null"));
        AthenaStore store = new AthenaStore(metadata);
        AthenaAccess access = new AthenaAccess(authorizer, region);
        WorkGroups workGroups = new WorkGroups(store, clock);
        PreparedStatements preparedStatements = new PreparedStatements(store);
        DataCatalogs catalogs = new DataCatalogs(store);
        QueryExecutions executions = new QueryExecutions(store, clock);
        int failed = executions.failUnfinished(QueryRunner.SHUTDOWN_REASON);
        if (failed > 0) {
            log.info("Marked {} queries left unfinished by the previous run as failed", failed);
        }
        ResultObjects results = new ResultObjects(invoker);
        QueryRunner runner = new QueryRunner(executions, preparedStatements, engine, results, scratch, clock, limits.concurrentQueries(),
                limits.queuedQueries());
        return new AthenaService(engine, runner,
                new WorkGroupOperations(workGroups, access),
                new NamedQueryOperations(workGroups, access),
                new PreparedStatementOperations(preparedStatements, workGroups, access, clock),
                new DataCatalogOperations(catalogs, access),
                new CatalogMetadataOperations(catalogs, new GlueClient(invoker, store.mapper()), access),
                new QueryExecutionOperations(executions, runner, new ResultPages(results), workGroups, access, clock));
    }

    private static void prepareScratch(Path scratch)
    {
        try {
            Files.createDirectories(scratch);
            try (var files = Files.list(scratch)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Athena scratch directory " + scratch, e);
        }
    }

    @Override
    public ServiceDescriptor descriptor()
    {
        return ServiceDescriptor.json("athena", "AmazonAthena", "1.1");
    }

    @Override
    public void registerOperations(OperationRegistry registry)
    {
        queryExecutionOperations.register(registry);
        workGroupOperations.register(registry);
        namedQueryOperations.register(registry);
        preparedStatementOperations.register(registry);
        dataCatalogOperations.register(registry);
        catalogMetadataOperations.register(registry);
    }

    @Override
    public void close()
    {
        try {
            runner.close();
        }
        finally {
            engine.close();
        }
    }
}
