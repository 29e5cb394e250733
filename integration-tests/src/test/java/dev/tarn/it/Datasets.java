package dev.tarn.it;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real data files tests upload ({@code airports.csv}, {@code flights-20k.json}, ...): in
 * {@code /work/shared/datasets} unless the {@code tarn.datasets} system property or the
 * {@code TARN_DATASETS} variable names another directory.
 */
public final class Datasets
{
    private Datasets() {}

    public static Path file(String name)
    {
        String directory = System.getProperty("tarn.datasets",
                System.getenv().getOrDefault("TARN_DATASETS", "/work/shared/datasets"));
        Path file = Path.of(directory, name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("dataset " + name + " not found in " + directory + " (set -Dtarn.datasets=DIR)");
        }
        return file;
    }
}
