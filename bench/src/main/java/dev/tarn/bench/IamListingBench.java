package dev.tarn.bench;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How long ListRoles takes as an account's roles grow: the first page, a page deep inside the
 * listing (by Marker), and the whole listing, at a small and a large number of roles. Pages are
 * read from the store by id, so a page should cost the same at any size. Not a test: nothing
 * asserts on time.
 */
public final class IamListingBench
{
    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private static final int REPEATS = 15;
    private static final int CREATORS = 4;
    private static final int WARMUP_CALLS = 500;

    private IamListingBench() {}

    public static void main(String[] args)
            throws Exception
    {
        int large = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int small = 100;
        System.out.println("IAM listing benchmark: ListRoles with " + small + " and " + large + " roles, median of " + REPEATS + " calls");
        System.out.println(IdentityBenchServer.describeMachine());
        try (IdentityBenchServer server = IdentityBenchServer.start("iam-listing"); IamClient iam = server.iam()) {
            System.out.printf(Locale.ROOT, "%n| Roles | First page (100) ms | Deep page (100, by Marker) ms | Whole listing (MaxItems 1000) ms | CreateRole/s while filling |%n");
            System.out.println("|---:|---:|---:|---:|---:|");
            double rate = create(iam, 0, small);
            // both JVM sides compiled before anything is measured
            for (int i = 0; i < WARMUP_CALLS; i++) {
                iam.listRoles(request -> request.maxItems(100));
            }
            row(iam, small, rate);
            rate = create(iam, small, large);
            row(iam, large, rate);
        }
        System.out.println("load average at the end: " + IdentityBenchServer.loadAverage());
    }

    private static double create(IamClient iam, int from, int to)
            throws Exception
    {
        long start = System.nanoTime();
        ExecutorService creators = Executors.newFixedThreadPool(CREATORS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = from; i < to; i++) {
                String name = String.format(Locale.ROOT, "bench-role-%06d", i);
                done.add(creators.submit(() -> iam.createRole(request -> request.roleName(name).assumeRolePolicyDocument(TRUST))));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        finally {
            creators.shutdown();
            creators.awaitTermination(1, TimeUnit.MINUTES);
        }
        return (to - from) / ((System.nanoTime() - start) / 1e9);
    }

    private static void row(IamClient iam, int roles, double createRate)
    {
        // the marker of the page in the middle of the listing
        String deepMarker = null;
        int seen = 0;
        while (seen < roles / 2) {
            String current = deepMarker;
            ListRolesResponse page = iam.listRoles(request -> request.maxItems(100).marker(current));
            seen += page.roles().size();
            if (!page.isTruncated()) {
                break;
            }
            deepMarker = page.marker();
        }
        String marker = deepMarker;
        int listed = iam.listRolesPaginator(request -> request.maxItems(1000)).roles().stream().mapToInt(role -> 1).sum();
        if (listed != roles) {
            throw new IllegalStateException("listed " + listed + " roles of " + roles);
        }
        double first = median(() -> iam.listRoles(request -> request.maxItems(100)));
        double deep = median(() -> iam.listRoles(request -> request.maxItems(100).marker(marker)));
        double whole = median(() -> iam.listRolesPaginator(request -> request.maxItems(1000)).roles().stream().count());
        System.out.printf(Locale.ROOT, "| %,d | %.1f | %.1f | %.1f | %.0f |%n", roles, first, deep, whole, createRate);
    }

    private static double median(Supplier<?> call)
    {
        for (int i = 0; i < 3; i++) {
            call.get();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            call.get();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        return millis.get(millis.size() / 2);
    }
}
