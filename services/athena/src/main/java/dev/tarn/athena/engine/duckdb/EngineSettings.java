package dev.tarn.athena.engine.duckdb;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * How the embedded engine runs each statement.
 *
 * @param scratchDirectory where a statement's named pipes and scratch files live (a folder per statement, deleted when it ends)
 * @param threads DuckDB's threads per statement
 * @param memoryLimitMegabytes DuckDB's memory limit (off the JVM heap); larger work spills to the scratch folder
 * @param parquetRangedReadsFrom Parquet objects of at least this size are read by ranges (footer, then the column
 *         chunks a query needs); smaller ones are copied whole
 * @param csvSplitBytes plain text objects larger than this are read as line-aligned ranges of about this size, each
 *         through its own pipe, so DuckDB parses them in parallel
 */
public record EngineSettings(Path scratchDirectory, int threads, int memoryLimitMegabytes, long parquetRangedReadsFrom, long csvSplitBytes)
{
    public static final long DEFAULT_PARQUET_RANGED_READS_FROM = 4L << 20;
    public static final long DEFAULT_CSV_SPLIT_BYTES = 8L << 20;

    public EngineSettings(Path scratchDirectory, int threads, int memoryLimitMegabytes)
    {
        this(scratchDirectory, threads, memoryLimitMegabytes, DEFAULT_PARQUET_RANGED_READS_FROM, DEFAULT_CSV_SPLIT_BYTES);
    }

    public EngineSettings
    {
        requireNonNull(scratchDirectory, "scratchDirectory is null");
        if (threads < 1 || memoryLimitMegabytes < 16 || parquetRangedReadsFrom < 0 || csvSplitBytes < 1) {
            throw new IllegalArgumentException("threads and the CSV split size must be positive and the memory limit at least 16 MB");
        }
    }

    /** Scratch under {@code java.io.tmpdir}, all available processors, 1 GB. */
    public static EngineSettings defaults()
    {
        return new EngineSettings(Path.of(System.getProperty("java.io.tmpdir"), "tarn-athena"), Runtime.getRuntime().availableProcessors(), 1024);
    }
}
