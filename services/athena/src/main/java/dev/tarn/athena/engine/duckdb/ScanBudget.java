package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.QueryControl;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Counts the bytes a statement reads from S3 (reported as they are read) and stops the statement
 * once it read more than its work group allows.
 */
final class ScanBudget
{
    private final QueryControl control;
    private final Optional<Long> cutoff;
    private final Runnable onExceeded;
    private final AtomicLong scanned = new AtomicLong();
    private final AtomicBoolean exceeded = new AtomicBoolean();

    ScanBudget(QueryControl control, Optional<Long> cutoff, Runnable onExceeded)
    {
        this.control = requireNonNull(control, "control is null");
        this.cutoff = requireNonNull(cutoff, "cutoff is null");
        this.onExceeded = requireNonNull(onExceeded, "onExceeded is null");
    }

    /** Records bytes read; fails (and stops the statement) once past the cut-off. */
    void add(long bytes)
            throws IOException
    {
        long total = scanned.addAndGet(bytes);
        control.addScannedBytes(bytes);
        if (cutoff.isPresent() && total > cutoff.get()) {
            if (exceeded.compareAndSet(false, true)) {
                onExceeded.run();
            }
            throw new IOException("Bytes scanned limit was exceeded");
        }
    }

    /** Whether {@code bytes} more stay within the cut-off. */
    boolean allows(long bytes)
    {
        return cutoff.isEmpty() || scanned.get() + bytes <= cutoff.get();
    }

    long scanned()
    {
        return scanned.get();
    }

    boolean exceeded()
    {
        return exceeded.get();
    }
}
