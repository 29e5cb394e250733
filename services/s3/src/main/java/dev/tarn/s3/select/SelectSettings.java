package dev.tarn.s3.select;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * How S3 Select runs: where its pipes and Parquet scratch files go, and the bounds on DuckDB's
 * threads and memory per query (DuckDB spills or fails within them; the JVM heap is not used for data).
 */
public record SelectSettings(Path scratchDirectory, int threads, int memoryLimitMegabytes, int maxRecordBytes)
{
    public SelectSettings
    {
        requireNonNull(scratchDirectory, "scratchDirectory is null");
    }

    public static SelectSettings defaults(Path scratchDirectory)
    {
        return new SelectSettings(scratchDirectory, 2, 512, 1024 * 1024);
    }
}
