package dev.tarn.it.s3;

import dev.tarn.it.cli.AwsCli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code aws s3api select-object-content} as the user runs it, returning the records it wrote. */
final class SelectCli
{
    private SelectCli() {}

    static String select(AwsCli cli, String bucket, String key, String sql, String inputSerialization)
    {
        Path out = cli.workDir().resolve("select-out-" + System.nanoTime());
        cli.ok("s3api", "select-object-content", "--bucket", bucket, "--key", key,
                "--expression", sql, "--expression-type", "SQL", "--input-serialization", inputSerialization,
                "--output-serialization", "{\"CSV\": {}}", out.toString());
        try {
            return Files.readString(out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
