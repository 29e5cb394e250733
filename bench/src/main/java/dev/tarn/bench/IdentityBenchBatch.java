package dev.tarn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Runs a bounded number of operations on a number of concurrent clients (threads), each taking
 * the next operation index until all are taken or the time limit has passed, and measures the
 * wall time of the whole batch.
 */
final class IdentityBenchBatch
{
    /** One operation; returns the payload bytes it moved. */
    @FunctionalInterface
    interface Operation
    {
        long run(int index)
                throws Exception;
    }

    record Result(int operations, long bytes, long nanos)
    {
        double operationsPerSecond()
        {
            return operations * 1e9 / nanos;
        }

        /** 10^6 bytes per second. */
        double megabytesPerSecond()
        {
            return bytes * 1e3 / nanos;
        }
    }

    private final int clients;
    private final long timeLimitNanos;

    IdentityBenchBatch(int clients, long timeLimitNanos)
    {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be positive");
        }
        this.clients = clients;
        this.timeLimitNanos = timeLimitNanos;
    }

    Result run(int operations, Operation operation)
            throws Exception
    {
        requireNonNull(operation, "operation is null");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        ExecutorService executor = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            long deadline = start + timeLimitNanos;
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                workers.add(executor.submit(() -> {
                    for (int index = next.getAndIncrement(); index < operations && System.nanoTime() < deadline; index = next.getAndIncrement()) {
                        bytes.addAndGet(operation.run(index));
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return new Result(done.get(), bytes.get(), System.nanoTime() - start);
        }
        finally {
            executor.shutdownNow();
        }
    }

    static double median(List<Double> values)
    {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
