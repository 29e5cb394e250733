package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.QueryControl;
import dev.tarn.scan.NamedPipes;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchSpaceTest
{
    private static final QueryControl CONTROL = new QueryControl()
    {
        @Override
        public boolean isCancelled()
        {
            return false;
        }

        @Override
        public void onCancel(Runnable action) {}

        @Override
        public void addScannedBytes(long bytes) {}
    };

    @Test
    void decryptedFilesGoToMemoryWithinTheStatementsShareAndAllAreDeletedAtTheEnd()
            throws Exception
    {
        Path root = Files.createTempDirectory("scratch-space");
        Path disk = root.resolve("disk");
        Path memory = Files.createDirectory(root.resolve("memory"));
        ScanBudget budget = new ScanBudget(CONTROL, Optional.empty(), () -> {});
        try (NamedPipes pipes = new NamedPipes(root.resolve("pipes"))) {
            Path small;
            Path large;
            try (ScratchSpace scratch = ScratchSpace.create(disk, "q-1", budget, pipes, Optional.of(memory), 1000)) {
                large = scratch.sparseFile(1001, ".parquet");
                small = scratch.sparseFile(1000, ".parquet");
                // the statement's memory is used up
                assertThat(scratch.sparseFile(1, ".parquet")).startsWith(disk);

                assertThat(small).startsWith(memory);
                assertThat(Files.size(small)).isEqualTo(1000);
                assertThat(large).startsWith(disk);
                assertThat(Files.size(large)).isEqualTo(1001);
                assertThat(Files.getPosixFilePermissions(small.getParent())).hasSize(3);
            }
            assertThat(small).doesNotExist();
            assertThat(small.getParent()).doesNotExist();
            assertThat(large.getParent()).doesNotExist();

            try (ScratchSpace scratch = ScratchSpace.create(disk, "q-2", budget, pipes, Optional.empty(), 1000)) {
                assertThat(scratch.sparseFile(10, ".parquet")).startsWith(disk);
            }
        }
        finally {
            Files.deleteIfExists(memory);
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
