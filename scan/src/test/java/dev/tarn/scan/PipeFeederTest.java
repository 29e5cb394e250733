package dev.tarn.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PipeFeederTest
{
    @TempDir
    Path folder;

    @Test
    void fillsManyPipesInOrderWithFewThreads()
            throws IOException
    {
        List<Path> pipes = pipes(40);
        try (PipeFeeder feeder = new PipeFeeder(3, "test-feeder")) {
            for (int i = 0; i < pipes.size(); i++) {
                byte[] content = ("pipe " + i + "\n").repeat(10_000).getBytes(StandardCharsets.UTF_8);
                feeder.feed(pipes.get(i), out -> out.write(content));
            }
            for (int i = 0; i < pipes.size(); i++) {
                try (InputStream in = Files.newInputStream(pipes.get(i))) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(("pipe " + i + "\n").repeat(10_000));
                }
            }
            feeder.awaitOpened();
            assertThat(feeder.sourceFailure()).isEmpty();
        }
        assertThat(feederThreads()).isZero();
    }

    @Test
    void aReaderHangingUpIsNotAFailureButASourceFailureIsKept()
            throws IOException
    {
        List<Path> pipes = pipes(2);
        try (PipeFeeder feeder = new PipeFeeder(2, "test-feeder")) {
            feeder.feed(pipes.get(0), out -> {
                byte[] block = new byte[64 * 1024];
                for (int i = 0; i < 1_000; i++) {
                    out.write(block);
                }
            });
            feeder.feed(pipes.get(1), out -> {
                out.write("partial".getBytes(StandardCharsets.UTF_8));
                throw new IOException("the object could not be read");
            });
            try (InputStream in = Files.newInputStream(pipes.get(0))) {
                assertThat(in.readNBytes(10)).hasSize(10);
            }
            try (InputStream in = Files.newInputStream(pipes.get(1))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("partial");
            }
            feeder.awaitOpened();
            assertThat(feeder.sourceFailure()).hasValueSatisfying(failure -> assertThat(failure).hasMessage("the object could not be read"));
        }
    }

    @Test
    void closingReleasesFeedersWhosePipesWereNeverOpened()
            throws IOException
    {
        List<Path> pipes = pipes(10);
        PipeFeeder feeder = new PipeFeeder(4, "test-feeder");
        for (Path pipe : pipes) {
            feeder.feed(pipe, out -> out.write(new byte[1_000_000]));
        }
        try (InputStream in = Files.newInputStream(pipes.get(0))) {
            assertThat(in.readNBytes(100)).hasSize(100);
        }
        feeder.close();
        assertThat(feeder.sourceFailure()).isEmpty();
        assertThat(feederThreads()).isZero();
    }

    private List<Path> pipes(int count)
            throws IOException
    {
        List<Path> pipes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pipes.add(folder.resolve("p" + i + ".fifo"));
        }
        NamedPipes.make(pipes);
        return pipes;
    }

    /** The feeder threads still alive once those that were ending have ended (a pool's thread outlives its last task briefly). */
    private static long feederThreads()
    {
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith("test-feeder")).toList();
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return threads.stream().filter(Thread::isAlive).count();
    }
}
