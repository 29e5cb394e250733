package dev.tarn.cloudformation;

import dev.tarn.cloudformation.api.CloudFormationApi;
import dev.tarn.cloudformation.provider.ResourceProvider;
import dev.tarn.cloudformation.provider.ResourceProviders;
import dev.tarn.cloudformation.stack.StackEngine;
import dev.tarn.cloudformation.stack.StackPlanner;
import dev.tarn.cloudformation.stack.StackStore;
import dev.tarn.gateway.inprocess.InProcessInvoker;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.security.ServiceRoles;
import dev.tarn.spi.service.AwsService;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.spi.service.ServiceDescriptor;
import dev.tarn.storage.meta.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * AWS CloudFormation over the query protocol: stacks made from YAML or JSON templates, whose
 * resources are created through the services' own APIs, in process, as the stack's caller or
 * a session of its service role.
 * Stack state is kept as metadata documents; operations run on a small background pool.
 */
public final class CloudFormationService
        implements AwsService, AutoCloseable
{
    public static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private static final Logger log = LoggerFactory.getLogger(CloudFormationService.class);

    private final CloudFormationApi api;
    private final ExecutorService executor;

    private CloudFormationService(CloudFormationApi api, ExecutorService executor)
    {
        this.api = requireNonNull(api, "api is null");
        this.executor = requireNonNull(executor, "executor is null");
    }

    /**
     * The service over the given store. Operations that a previous run left in progress (a crash)
     * end now, in the FAILED state CloudFormation would give them.
     *
     * @param invoker how providers reach the other services
     * @param roles the service roles stacks may act with (RoleARN)
     * @param providers the resource types stacks can hold
     */
    public static CloudFormationService create(MetadataStore metadata, Authorizer authorizer, InProcessInvoker invoker, ServiceRoles roles,
            List<ResourceProvider> providers, Clock clock)
    {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "cloudformation-stacks-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        StackStore store = new StackStore(metadata);
        ResourceProviders resourceProviders = new ResourceProviders(providers);
        StackEngine engine = new StackEngine(store, resourceProviders, invoker, executor, clock);
        int recovered = engine.recoverInterrupted();
        if (recovered > 0) {
            log.warn("{} stack operation(s) interrupted by the last shutdown ended as FAILED", recovered);
        }
        return new CloudFormationService(new CloudFormationApi(store, new StackPlanner(resourceProviders), engine, authorizer, invoker, roles, clock), executor);
    }

    @Override
    public ServiceDescriptor descriptor()
    {
        return ServiceDescriptor.query("cloudformation", NAMESPACE);
    }

    @Override
    public void registerOperations(OperationRegistry registry)
    {
        api.register(registry);
    }

    /** Stops running operations; a stack left in progress is ended as FAILED by the next start. */
    @Override
    public void close()
    {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
