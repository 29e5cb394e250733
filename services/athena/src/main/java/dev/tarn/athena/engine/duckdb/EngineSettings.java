package dev.tarn.athena.engine.duckdb;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * How the embedded engine runs each statement.
 *
 * @param scratchDirectory where a statement's named pipes and scratch files live (a folder per statement, deleted when it ends)
 * @param threads DuckDB's threads per statement
 * @param memoryLimitMegabytes DuckDB's memory limit per statement (off the JVM heap); larger work spills to the scratch folder
 */
public record EngineSettings(Path scratchDirectory, int threads, int memoryLimitMegabytes)
{
    public EngineSettings
    {
        requireNonNull(scratchDirectory, "scratchDirectory is null");
        if (threads < 1 || memoryLimitMegabytes < 16) {
            throw new IllegalArgumentException("threads must be positive and the memory limit at least 16 MB");
        }
    }

    /** Scratch under {@code java.io.tmpdir}, all available processors, 1 GB. */
    public static EngineSettings defaults()
    {
        return new EngineSettings(Path.of(System.getProperty("java.io.tmpdir"), "tarn-athena"), Runtime.getRuntime().availableProcessors(), 1024);
    }
}
