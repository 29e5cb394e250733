package dev.tarn.glue.classify;

import com.github.luben.zstd.ZstdInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.snappy.FramedSnappyCompressorInputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Recognizes a compressed sample by its magic bytes (gzip, bzip2, zstd, framed snappy) and
 * decompresses as much of it as the sample holds, up to a limit: a sample is the start of a
 * file, so its compressed stream ends early and whatever decompressed before that is kept.
 */
public final class Compression
{
    private Compression() {}

    public record Decompressed(String compressionType, byte[] bytes, boolean complete) {}

    public static Decompressed decompress(byte[] sample, boolean wholeFile, int limit)
    {
        String type = type(sample);
        if (type.equals("none")) {
            return new Decompressed(type, sample, wholeFile);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean complete = false;
        try (InputStream in = open(type, new ByteArrayInputStream(sample))) {
            byte[] buffer = new byte[8192];
            int read;
            while (out.size() < limit && (read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
            }
            complete = wholeFile && out.size() < limit;
        }
        catch (IOException | RuntimeException e) {
            // a truncated stream: keep what was decompressed
        }
        return new Decompressed(type, out.toByteArray(), complete);
    }

    static String type(byte[] sample)
    {
        if (sample.length >= 2 && (sample[0] & 0xff) == 0x1f && (sample[1] & 0xff) == 0x8b) {
            return "gzip";
        }
        if (sample.length >= 4 && sample[0] == 'B' && sample[1] == 'Z' && sample[2] == 'h' && sample[3] >= '1' && sample[3] <= '9') {
            return "bzip2";
        }
        if (sample.length >= 4 && (sample[0] & 0xff) == 0x28 && (sample[1] & 0xff) == 0xb5 && (sample[2] & 0xff) == 0x2f && (sample[3] & 0xff) == 0xfd) {
            return "zstd";
        }
        if (sample.length >= 10 && (sample[0] & 0xff) == 0xff && sample[4] == 's' && sample[5] == 'N' && sample[6] == 'a' && sample[7] == 'P') {
            return "snappy";
        }
        return "none";
    }

    private static InputStream open(String type, InputStream in)
            throws IOException
    {
        return switch (type) {
            case "gzip" -> new GZIPInputStream(in);
            case "bzip2" -> new BZip2CompressorInputStream(in);
            case "zstd" -> new ZstdInputStream(in);
            case "snappy" -> new FramedSnappyCompressorInputStream(in);
            default -> in;
        };
    }
}
