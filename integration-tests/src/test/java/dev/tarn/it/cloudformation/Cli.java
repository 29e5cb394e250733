package dev.tarn.it.cloudformation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real {@code aws} command, configured only by the files Tarn writes into its data dir, run in a directory of the test's own. */
final class Cli
{
    private final Path dataDir;
    private final Path workDir;

    Cli(Path dataDir, Path workDir)
    {
        this.dataDir = dataDir;
        this.workDir = workDir;
    }

    static boolean available()
    {
        try {
            Process process = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    record Result(int exitCode, String stdout, String stderr) {}

    Result run(String... args)
    {
        List<String> command = new ArrayList<>();
        command.add("aws");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("HOME", workDir.toString());
        environment.put("AWS_CONFIG_FILE", dataDir.resolve("config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", dataDir.resolve("credentials").toString());
        environment.put("AWS_PAGER", "");
        try {
            Path out = Files.createTempFile(workDir, "stdout", ".txt");
            Path err = Files.createTempFile(workDir, "stderr", ".txt");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", args) + " did not finish");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a command that must succeed and returns its output. */
    String ok(String... args)
    {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("aws " + String.join(" ", args) + " exited " + result.exitCode() + ": " + result.stderr() + result.stdout());
        }
        return result.stdout();
    }
}
