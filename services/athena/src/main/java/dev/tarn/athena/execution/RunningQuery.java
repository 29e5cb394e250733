package dev.tarn.athena.execution;

import dev.tarn.athena.engine.QueryControl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * The control of one running statement: StopQueryExecution cancels it, the engine reports the
 * bytes it reads, and a work group's BytesScannedCutoffPerQuery cancels it once the total passes
 * the cut-off (the engine may also stop itself; either way the query ends FAILED).
 *
 * <p>It also holds when the statement started: RUNNING is not stored, because a restart fails
 * QUEUED and RUNNING queries alike, so it is kept here and shown over the stored QUEUED record
 * (one metadata commit fewer per query).
 */
public final class RunningQuery
        implements QueryControl
{
    /** Why a statement was stopped from outside the engine. */
    public enum StopReason
    {
        USER, SCAN_LIMIT, SHUTDOWN
    }

    private final Optional<Long> bytesScannedCutoff;
    private final AtomicLong scanned = new AtomicLong();
    private final List<Runnable> cancelActions = new ArrayList<>();
    private Optional<StopReason> stopReason = Optional.empty();
    private Optional<Instant> started = Optional.empty();
    private final CountDownLatch ended = new CountDownLatch(1);

    public RunningQuery(Optional<Long> bytesScannedCutoff)
    {
        this.bytesScannedCutoff = requireNonNull(bytesScannedCutoff, "bytesScannedCutoff is null");
    }

    @Override
    public synchronized boolean isCancelled()
    {
        return stopReason.isPresent();
    }

    @Override
    public void onCancel(Runnable action)
    {
        requireNonNull(action, "action is null");
        boolean stopped;
        synchronized (this) {
            cancelActions.add(action);
            stopped = stopReason.isPresent();
        }
        if (stopped) {
            action.run();
        }
    }

    @Override
    public void addScannedBytes(long bytes)
    {
        long total = scanned.addAndGet(bytes);
        if (bytesScannedCutoff.isPresent() && total > bytesScannedCutoff.get()) {
            stop(StopReason.SCAN_LIMIT);
        }
    }

    /** Marks the statement started; false when it was stopped before it could start. */
    public synchronized boolean start(Instant now)
    {
        requireNonNull(now, "now is null");
        if (stopReason.isPresent()) {
            return false;
        }
        started = Optional.of(now);
        return true;
    }

    /** When the statement started, once it did. */
    public synchronized Optional<Instant> started()
    {
        return started;
    }

    /** Marks the statement's final state stored. */
    public void ended()
    {
        ended.countDown();
    }

    /** Waits at most {@code timeout} for the final state to be stored; true when it was. */
    public boolean awaitEnd(Duration timeout)
            throws InterruptedException
    {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public long scannedBytes()
    {
        return scanned.get();
    }

    /** Stops the statement; the first reason given is the one reported. */
    public void stop(StopReason reason)
    {
        List<Runnable> actions;
        synchronized (this) {
            if (stopReason.isPresent()) {
                return;
            }
            stopReason = Optional.of(reason);
            actions = List.copyOf(cancelActions);
        }
        actions.forEach(Runnable::run);
    }

    /**
     * Runs the cancel actions again when the statement was stopped. A JDBC cancel reaches only a
     * statement that is executing, so one that arrives while the engine is between statements
     * would be lost; the runner repeats it until the engine returns.
     */
    public void repeatCancel()
    {
        List<Runnable> actions;
        synchronized (this) {
            if (stopReason.isEmpty()) {
                return;
            }
            actions = List.copyOf(cancelActions);
        }
        actions.forEach(Runnable::run);
    }

    public synchronized Optional<StopReason> stopReason()
    {
        return stopReason;
    }
}
