package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.catalog.S3ObjectSummary;
import dev.tarn.athena.engine.catalog.S3Objects;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Writes byte ranges of an object's plaintext into a local file at their offsets, with ranged
 * GetObjects of at most 8 MB fetched several at once: decrypting and writing them is the cost, and
 * one thread does it at about a core's speed.
 */
final class RangeFill
{
    /** Ranges are fetched in pieces of at most this size, several at once. */
    private static final long PIECE = 8L << 20;

    private final S3Objects s3;
    private final ScratchSpace scratch;
    private final int concurrency;

    /** @param concurrency how many pieces are fetched at once */
    RangeFill(S3Objects s3, ScratchSpace scratch, int concurrency)
    {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive");
        }
        this.s3 = requireNonNull(s3, "s3 is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
        this.concurrency = concurrency;
    }

    /**
     * Fetches the ranges ({start, length}) of {@code object} into {@code file}, counted as
     * scanned when {@code counted}; with {@code etag}, only from that version of the object. The
     * first failure is thrown once every fetch has stopped.
     */
    void fill(S3ObjectSummary object, Path file, List<long[]> ranges, Optional<String> etag, boolean counted)
            throws IOException
    {
        List<long[]> pieces = new ArrayList<>();
        for (long[] range : ranges) {
            for (long offset = 0; offset < range[1]; offset += PIECE) {
                pieces.add(new long[] {range[0] + offset, Math.min(PIECE, range[1] - offset)});
            }
        }
        if (pieces.size() <= 1 || concurrency == 1) {
            for (long[] piece : pieces) {
                fetch(object, file, piece, etag, counted);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, pieces.size()), runnable -> {
            Thread thread = new Thread(runnable, "athena-range-fetch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> fetches = new ArrayList<>();
            for (long[] piece : pieces) {
                fetches.add(pool.submit(() -> {
                    fetch(object, file, piece, etag, counted);
                    return null;
                }));
            }
            Optional<Throwable> failure = Optional.empty();
            for (Future<?> fetch : fetches) {
                try {
                    fetch.get();
                }
                catch (ExecutionException e) {
                    failure = failure.or(() -> Optional.of(e.getCause()));
                    fetches.forEach(other -> other.cancel(false));
                }
                catch (CancellationException e) {
                    // stopped after another piece failed
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted fetching object ranges", e);
                }
            }
            if (failure.isPresent()) {
                if (failure.get() instanceof IOException io) {
                    throw io;
                }
                if (failure.get() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException(failure.get());
            }
        }
        finally {
            // the fetches still running after a failure are interrupted, and have stopped writing (and counting) when this returns
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void fetch(S3ObjectSummary object, Path file, long[] piece, Optional<String> etag, boolean counted)
            throws IOException
    {
        scratch.fill(file, piece[0], s3.openVersionedRange(object, piece[0], piece[0] + piece[1] - 1, etag).body(), counted);
    }
}
