package dev.tarn.it;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real datasets tests use: {@code shared/datasets/} beside the repository (as laid out for
 * development and CI), found by walking up from the working directory.
 */
public final class Datasets
{
    private Datasets() {}

    public static Path path(String name)
    {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("dataset " + name + " not found in a shared/datasets folder above " + Path.of("").toAbsolutePath());
    }
}
