package dev.tarn.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LineChunksTest
{
    @TempDir
    Path folder;

    @Test
    void chunksEndAtNewlinesAndTogetherAreTheStream()
            throws IOException
    {
        Random random = new Random(3);
        for (int trial = 0; trial < 60; trial++) {
            byte[] data = new byte[random.nextInt(20_000)];
            for (int i = 0; i < data.length; i++) {
                data[i] = random.nextInt(30) == 0 ? (byte) '\n' : (byte) ('a' + random.nextInt(26));
            }
            int count = 1 + random.nextInt(12);
            List<byte[]> chunks = read(new ByteArrayInputStream(data), 1 + random.nextInt(3_000), count, "trial-" + trial);
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (int i = 0; i < chunks.size(); i++) {
                byte[] chunk = chunks.get(i);
                boolean followed = chunks.subList(i + 1, chunks.size()).stream().anyMatch(later -> later.length > 0);
                if (followed && chunk.length > 0 && indexOfNewline(chunk) >= 0) {
                    assertThat(chunk[chunk.length - 1]).as("chunk %s of trial %s ends a line", i, trial).isEqualTo((byte) '\n');
                }
                joined.writeBytes(chunk);
            }
            assertThat(joined.toByteArray()).isEqualTo(data);
        }
    }

    @Test
    void aFailingStreamIsASourceFailureAndLaterChunksEndEmpty()
            throws IOException
    {
        InputStream failing = new InputStream()
        {
            private int served;

            @Override
            public int read()
                    throws IOException
            {
                if (served++ < 5_000) {
                    return served % 10 == 0 ? '\n' : 'x';
                }
                throw new IOException("corrupt compressed stream");
            }
        };
        List<Path> pipes = pipes(4);
        try (LineChunks chunks = new LineChunks(failing, 1_000, 3); PipeFeeder feeder = new PipeFeeder(3, "chunk-feeder")) {
            for (int i = 0; i < pipes.size(); i++) {
                feeder.feed(pipes.get(i), chunks.chunk(i, i == pipes.size() - 1));
            }
            long total = 0;
            for (Path pipe : pipes) {
                try (InputStream in = Files.newInputStream(pipe)) {
                    total += in.readAllBytes().length;
                }
            }
            feeder.awaitOpened();
            assertThat(total).isLessThanOrEqualTo(5_000);
            assertThat(feeder.sourceFailure()).hasValueSatisfying(failure -> assertThat(failure).hasMessage("corrupt compressed stream"));
        }
    }

    private List<byte[]> read(InputStream in, int chunkBytes, int count, String name)
            throws IOException
    {
        List<Path> pipes = pipes(count);
        List<byte[]> chunks = new ArrayList<>();
        try (LineChunks lineChunks = new LineChunks(in, chunkBytes, 3); PipeFeeder feeder = new PipeFeeder(3, name)) {
            for (int i = 0; i < count; i++) {
                feeder.feed(pipes.get(i), lineChunks.chunk(i, i == count - 1));
            }
            for (Path pipe : pipes) {
                try (InputStream chunk = Files.newInputStream(pipe)) {
                    chunks.add(chunk.readAllBytes());
                }
            }
            feeder.awaitOpened();
            assertThat(feeder.sourceFailure()).isEmpty();
        }
        for (Path pipe : pipes) {
            Files.delete(pipe);
        }
        return chunks;
    }

    private List<Path> pipes(int count)
            throws IOException
    {
        List<Path> pipes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pipes.add(folder.resolve("c" + System.nanoTime() + "-" + i + ".fifo"));
        }
        NamedPipes.make(pipes);
        return pipes;
    }

    private static int indexOfNewline(byte[] bytes)
    {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
