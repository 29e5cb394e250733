package dev.tarn.scan;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineSplitTest
{
    @Test
    void splitsCoverTheRangeWithoutGapsOrOverlap()
    {
        List<LineSplit> splits = LineSplit.of(10, 1_010, 300, 100);
        assertThat(splits).hasSize(4);
        assertThat(splits.get(0).start()).isEqualTo(10);
        assertThat(splits.get(3).end()).isEqualTo(1_010);
        for (int i = 1; i < splits.size(); i++) {
            assertThat(splits.get(i).start()).isEqualTo(splits.get(i - 1).end());
        }
        assertThat(LineSplit.of(0, 1_000_000, 10, 8)).hasSize(8);
        assertThat(LineSplit.of(5, 5, 10, 8)).containsExactly(new LineSplit(5, 5));
        assertThatThrownBy(() -> new LineSplit(7, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyLineLandsInExactlyOneSplitWhateverTheCutsAndReads()
            throws IOException
    {
        Random random = new Random(5);
        for (int trial = 0; trial < 3_000; trial++) {
            byte[] data = randomLines(random, random.nextInt(200));
            int count = 1 + random.nextInt(6);
            for (boolean output : new boolean[] {false, true}) {
                ByteArrayOutputStream joined = new ByteArrayOutputStream();
                for (LineSplit split : LineSplit.of(0, data.length, 1 + random.nextInt(40), count)) {
                    joined.write(output ? throughOutput(data, split, random) : throughInput(data, split, random));
                }
                assertThat(joined.toByteArray()).as("trial %s: %s", trial, new String(data, StandardCharsets.UTF_8)).isEqualTo(data);
            }
        }
    }

    @Test
    void aSplitStartingExactlyAtALineStartOwnsThatLine()
            throws IOException
    {
        byte[] data = "ab\ncd\nef".getBytes(StandardCharsets.UTF_8);
        assertThat(throughInput(data, new LineSplit(0, 3), new Random(1))).isEqualTo("ab\n".getBytes(StandardCharsets.UTF_8));
        assertThat(throughInput(data, new LineSplit(3, 4), new Random(1))).isEqualTo("cd\n".getBytes(StandardCharsets.UTF_8));
        assertThat(throughInput(data, new LineSplit(4, 6), new Random(1))).isEmpty();
        // a last line without a newline belongs to the split it starts in
        assertThat(throughInput(data, new LineSplit(5, 8), new Random(1))).isEqualTo("ef".getBytes(StandardCharsets.UTF_8));
        assertThat(throughInput(data, new LineSplit(1, 2), new Random(1))).isEmpty();
    }

    @Test
    void theOutputSideRefusesBytesOnceTheSplitIsComplete()
            throws IOException
    {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        LineRangeOutputStream out = new LineRangeOutputStream(sink, new LineSplit(0, 2));
        out.write("ab\nc".getBytes(StandardCharsets.UTF_8));
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("ab\n");
        assertThatThrownBy(() -> out.write('d')).isInstanceOf(LineRangeOutputStream.RangeCompleteException.class);
    }

    private static byte[] randomLines(Random random, int length)
    {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = random.nextInt(5) == 0 ? (byte) '\n' : (byte) ('a' + random.nextInt(3));
        }
        return data;
    }

    /** Reads the split as a reader would: from its readFrom() to the end of the data, in random-sized reads. */
    private static byte[] throughInput(byte[] data, LineSplit split, Random random)
            throws IOException
    {
        InputStream source = new ByteArrayInputStream(data, (int) split.readFrom(), data.length - (int) split.readFrom());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new LineRangeInputStream(new TrickleInputStream(source, random), split)) {
            byte[] buffer = new byte[1 + random.nextInt(16)];
            int read;
            while ((read = in.read(buffer, 0, buffer.length)) >= 0) {
                out.write(buffer, 0, read);
            }
        }
        return out.toByteArray();
    }

    private static byte[] throughOutput(byte[] data, LineSplit split, Random random)
            throws IOException
    {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        LineRangeOutputStream out = new LineRangeOutputStream(sink, split);
        int position = (int) split.readFrom();
        try {
            while (position < data.length) {
                int length = Math.min(data.length - position, 1 + random.nextInt(16));
                out.write(Arrays.copyOfRange(data, position, position + length));
                position += length;
            }
        }
        catch (LineRangeOutputStream.RangeCompleteException e) {
            // the rest is another split's
        }
        return sink.toByteArray();
    }

    /** Returns fewer bytes than asked, as pipes and decrypting streams do. */
    private static final class TrickleInputStream
            extends InputStream
    {
        private final InputStream in;
        private final Random random;

        TrickleInputStream(InputStream in, Random random)
        {
            this.in = in;
            this.random = random;
        }

        @Override
        public int read()
                throws IOException
        {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
                throws IOException
        {
            return in.read(buffer, offset, Math.min(length, 1 + random.nextInt(7)));
        }
    }
}
