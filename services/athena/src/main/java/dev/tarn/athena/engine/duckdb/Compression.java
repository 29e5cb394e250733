package dev.tarn.athena.engine.duckdb;

import java.util.Locale;

/** The compression of a data file, as its name's extension tells (as Hive and Athena decide it). */
enum Compression
{
    NONE(""), GZIP(".gz"), ZSTD(".zst"), UNSUPPORTED("");

    private final String extension;

    Compression(String extension)
    {
        this.extension = extension;
    }

    /** The extension that tells DuckDB the compression. */
    String extension()
    {
        return extension;
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
