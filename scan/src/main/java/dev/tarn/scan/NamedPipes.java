package dev.tarn.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Makes named pipes (owner-only) ahead of need. The JDK cannot make one without starting
 * {@code mkfifo}, which costs milliseconds to tens of milliseconds on a busy machine: a
 * background thread keeps a few ready so a statement only renames one into its scratch folder.
 */
public final class NamedPipes
        implements AutoCloseable
{
    private static final int READY = 16;

    private final Path folder;
    private final BlockingQueue<Path> ready = new ArrayBlockingQueue<>(READY);
    private final Thread maker;
    private volatile boolean closed;

    public NamedPipes(Path folder)
    {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.maker = new Thread(this::refill, "athena-pipe-maker");
        this.maker.setDaemon(true);
        this.maker.start();
    }

    /** A new named pipe at {@code target} (in the same file system as the pool's folder). */
    public void create(Path target)
            throws IOException
    {
        Path pipe = ready.poll();
        if (pipe == null) {
            pipe = make();
        }
        Files.move(pipe, target);
    }

    /** New named pipes at {@code targets}: what the pool holds, the rest made by one {@code mkfifo}. */
    public void create(List<Path> targets)
            throws IOException
    {
        int taken = 0;
        Path pipe;
        while (taken < targets.size() && (pipe = ready.poll()) != null) {
            Files.move(pipe, targets.get(taken++));
        }
        if (taken < targets.size()) {
            make(targets.subList(taken, targets.size()));
        }
    }

    private void refill()
    {
        while (!closed) {
            try {
                Path pipe = make();
                if (!ready.offer(pipe, 1, TimeUnit.SECONDS)) {
                    Files.deleteIfExists(pipe);
                }
            }
            catch (IOException e) {
                sleep();
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }

    private Path make()
            throws IOException
    {
        Path path = folder.resolve("pipe-" + UUID.randomUUID() + ".fifo");
        make(List.of(path));
        return path;
    }

    /** Owner-only named pipes at {@code paths}, made by one {@code mkfifo}. */
    public static void make(List<Path> paths)
            throws IOException
    {
        List<String> command = new ArrayList<>(List.of("mkfifo", "-m", "600"));
        paths.forEach(path -> command.add(path.toString()));
        Process mkfifo = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!mkfifo.waitFor(30, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                throw new IOException("mkfifo failed: " + new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted making a pipe", e);
        }
    }

    private static void sleep()
    {
        try {
            Thread.sleep(1000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close()
    {
        closed = true;
        maker.interrupt();
        Path pipe;
        while ((pipe = ready.poll()) != null) {
            try {
                Files.deleteIfExists(pipe);
            }
            catch (IOException e) {
                // removed with the scratch directory
            }
        }
    }
}
