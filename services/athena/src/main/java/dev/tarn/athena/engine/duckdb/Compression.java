package dev.tarn.athena.engine.duckdb;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/** The compression of a data file, as its name's extension tells (as Hive and Athena decide it). */
enum Compression
{
    NONE, GZIP, ZSTD, UNSUPPORTED;

    /** An output stream that writes on the plain bytes of what is written into it in this compression. */
    OutputStream decompressing(OutputStream plain)
            throws IOException
    {
        return switch (this) {
            case NONE -> plain;
            case GZIP -> new GunzippingOutputStream(plain);
            default -> throw new IOException("Decompressing " + name() + " in the engine is not supported");
        };
    }

    static Compression of(String key)
    {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz") || lower.endsWith(".gzip")) {
            return GZIP;
        }
        if (lower.endsWith(".zst") || lower.endsWith(".zstd")) {
            return ZSTD;
        }
        if (lower.endsWith(".bz2") || lower.endsWith(".snappy") || lower.endsWith(".lz4") || lower.endsWith(".deflate") || lower.endsWith(".lzo")) {
            return lower.endsWith(".parquet") ? NONE : UNSUPPORTED;
        }
        return NONE;
    }
}
