package dev.tarn.s3.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs lifecycle passes in the background, one at a time: soon after start (so what fell due
 * while the server was down is done at once) and then every {@link LifecycleDay#scanInterval()}.
 * It keeps no state of its own; every pass works from the metadata store.
 */
public final class LifecycleScheduler
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(LifecycleScheduler.class);
    private static final Duration FIRST_PASS = Duration.ofSeconds(1);

    private final LifecycleExecutor executor;
    private final ScheduledExecutorService thread;

    private LifecycleScheduler(LifecycleExecutor executor)
    {
        this.executor = requireNonNull(executor, "executor is null");
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread daemon = new Thread(runnable, "tarn-lifecycle");
            daemon.setDaemon(true);
            return daemon;
        });
    }

    public static LifecycleScheduler start(LifecycleExecutor executor)
    {
        LifecycleScheduler scheduler = new LifecycleScheduler(executor);
        Duration interval = executor.day().scanInterval();
        scheduler.thread.scheduleWithFixedDelay(scheduler::runQuietly, Math.min(FIRST_PASS.toMillis(), interval.toMillis()), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /** Runs a pass now, in the caller's thread, never at the same time as a background pass. */
    public synchronized LifecycleExecutor.Summary runOnce()
    {
        LifecycleExecutor.Summary summary = executor.runOnce();
        if (summary.actions() > 0 || summary.keptLocked() > 0) {
            log.info("Lifecycle pass over {} buckets: {} expired, {} noncurrent removed, {} delete markers removed, {} transitioned, {} uploads aborted, "
                    + "{} locked versions kept", summary.buckets(), summary.expired(), summary.removedNoncurrent(), summary.removedMarkers(),
                    summary.transitioned(), summary.abortedUploads(), summary.keptLocked());
        }
        return summary;
    }

    private void runQuietly()
    {
        try {
            runOnce();
        }
        catch (RuntimeException e) {
            // the next pass tries again from the stored state
            log.warn("Lifecycle pass failed", e);
        }
    }

    @Override
    public void close()
            throws InterruptedException
    {
        // a pass in progress finishes its batch; the next start picks up from the stored state
        thread.shutdown();
        if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("Lifecycle pass still running at shutdown");
        }
    }
}
