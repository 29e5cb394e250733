package dev.tarn.scan;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * Fills named pipes that DuckDB reads as files, at most {@code concurrency} at a time, in the
 * order they were queued. DuckDB opens the files of one scan in the order they are listed, so a
 * few threads serve any number of pipes: a feeder blocks opening its pipe until DuckDB opens it.
 * A failure reading the source is kept (DuckDB saw a short file: the query must not count as
 * done); DuckDB closing a pipe early (LIMIT, failure, cancellation) is not a failure.
 */
public final class PipeFeeder
        implements AutoCloseable
{
    private static final long STOP_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private final ExecutorService executor;
    private final List<Fill> fills = new ArrayList<>();
    private final AtomicReference<Exception> sourceFailure = new AtomicReference<>();
    private volatile boolean closed;

    public PipeFeeder(int concurrency, String threadName)
    {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive");
        }
        requireNonNull(threadName, "threadName is null");
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newFixedThreadPool(concurrency, threads);
    }

    /** What goes into one pipe. */
    @FunctionalInterface
    public interface Content
    {
        void writeTo(OutputStream pipe)
                throws IOException;
    }

    /** Queues filling {@code pipe} (an existing named pipe) with {@code content}. */
    public synchronized void feed(Path pipe, Content content)
    {
        requireNonNull(pipe, "pipe is null");
        requireNonNull(content, "content is null");
        if (closed) {
            throw new IllegalStateException("the feeder is closed");
        }
        Fill fill = new Fill(pipe, content);
        fills.add(fill);
        fill.future = executor.submit(fill::run);
    }

    /** A failure reading a source (not DuckDB hanging up early), if one happened. */
    public Optional<Exception> sourceFailure()
    {
        return Optional.ofNullable(sourceFailure.get());
    }

    /**
     * Waits until every pipe DuckDB opened has been written to its end; call when DuckDB has
     * finished reading, so that a source failure behind a short file is seen.
     */
    public void awaitOpened()
    {
        for (Fill fill : snapshot()) {
            if (fill.state.get() >= Fill.OPEN) {
                try {
                    fill.future.get(STOP_MILLIS, TimeUnit.MILLISECONDS);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                catch (ExecutionException | TimeoutException | CancellationException e) {
                    sourceFailure.compareAndSet(null, new IOException("a pipe was not filled to its end", e));
                }
            }
        }
    }

    /** Stops: fills not started never start, a fill waiting for its reader is released, the threads end. */
    @Override
    public void close()
    {
        closed = true;
        List<Fill> all = snapshot();
        all.forEach(fill -> fill.future.cancel(false));
        executor.shutdown();
        long deadline = System.currentTimeMillis() + STOP_MILLIS;
        try {
            do {
                // a writer blocked in open() cannot be interrupted: meet it, then hang up
                for (Fill fill : all) {
                    if (fill.state.get() == Fill.OPENING) {
                        release(fill.pipe);
                    }
                }
            }
            while (!executor.awaitTermination(20, TimeUnit.MILLISECONDS) && System.currentTimeMillis() < deadline);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    private synchronized List<Fill> snapshot()
    {
        return List.copyOf(fills);
    }

    private static void release(Path pipe)
    {
        try (InputStream unblock = Files.newInputStream(pipe)) {
            unblock.available();
        }
        catch (IOException e) {
            // the writer ends either way
        }
    }

    private final class Fill
    {
        static final int QUEUED = 0;
        static final int OPENING = 1;
        static final int OPEN = 2;

        private final Path pipe;
        private final Content content;
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private Future<?> future;

        Fill(Path pipe, Content content)
        {
            this.pipe = pipe;
            this.content = content;
        }

        void run()
        {
            if (closed) {
                return;
            }
            state.set(OPENING);
            SinkOutputStream sink = null;
            try (SinkOutputStream out = new SinkOutputStream(Files.newOutputStream(pipe))) {
                sink = out;
                state.set(OPEN);
                content.writeTo(out);
            }
            catch (LineRangeOutputStream.RangeCompleteException e) {
                // the content stopped early because nothing more was wanted
            }
            catch (IOException | RuntimeException e) {
                boolean readerGone = sink == null || sink.failed;
                if (!readerGone && !closed) {
                    sourceFailure.compareAndSet(null, e);
                }
            }
        }
    }

    /** The pipe's end, remembering whether writing to it failed (DuckDB hung up) as opposed to the source failing. */
    private static final class SinkOutputStream
            extends FilterOutputStream
    {
        private boolean failed;

        SinkOutputStream(OutputStream out)
        {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length)
                throws IOException
        {
            try {
                out.write(bytes, offset, length);
            }
            catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void write(int b)
                throws IOException
        {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void close()
                throws IOException
        {
            try {
                out.close();
            }
            catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }
}
