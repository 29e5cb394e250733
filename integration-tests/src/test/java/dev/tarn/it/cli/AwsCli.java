package dev.tarn.it.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Runs the real {@code aws} command (from PATH) the way a user of Tarn does: configured only by
 * the shared-credentials and config files Tarn writes into its data dir, with no other AWS_*
 * variable and no ~/.aws, in a working directory of the test's own.
 *
 * <p>CLIs older than AWS CLI 1.29 / 2.13 (Debian 12 ships 2.9) ignore {@code endpoint_url} in the
 * config file and would call AWS itself; for those, the endpoint written there is passed as
 * {@code --endpoint-url}.
 */
public final class AwsCli
{
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern VERSION = Pattern.compile("aws-cli/(\\d+)\\.(\\d+)\\.");
    private static final Pattern ENDPOINT_URL = Pattern.compile("(?m)^\\s*endpoint_url\\s*=\\s*(\\S+)\\s*$");

    private final Path credentialsFile;
    private final Path configFile;
    private final Path workDir;

    public AwsCli(Path credentialsFile, Path configFile, Path workDir)
    {
        this.credentialsFile = requireNonNull(credentialsFile, "credentialsFile is null");
        this.configFile = requireNonNull(configFile, "configFile is null");
        this.workDir = requireNonNull(workDir, "workDir is null");
    }

    /** The {@code aws} executable on PATH, if the AWS CLI is installed (tests that need it are skipped otherwise). */
    public static Optional<Path> installed()
    {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "aws"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The CLI as Tarn's data dir configures it: {@code DATA_DIR/credentials} and {@code DATA_DIR/config}. */
    public static AwsCli forDataDir(Path dataDir, Path workDir)
    {
        return new AwsCli(dataDir.resolve("credentials"), dataDir.resolve("config"), workDir);
    }

    /** The same CLI signing with other keys (written to a credentials file in the working directory). */
    public AwsCli withKeys(String accessKeyId, String secretAccessKey)
    {
        Path file = workDir.resolve("credentials-" + accessKeyId);
        try {
            Files.writeString(file, """
                    [default]
                    aws_access_key_id = %s
                    aws_secret_access_key = %s
                    """.formatted(accessKeyId, secretAccessKey), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AwsCli(file, configFile, workDir);
    }

    public Path workDir()
    {
        return workDir;
    }

    /** Runs {@code aws args...} and returns what it did, whatever its exit code. */
    public CliResult run(String... args)
    {
        List<String> command = new ArrayList<>();
        command.add("aws");
        command.addAll(List.of(args));
        if (!CliVersion.READS_ENDPOINT_FROM_CONFIG) {
            command.add("--endpoint-url");
            command.add(configuredEndpoint());
        }
        return execute(command);
    }

    private String configuredEndpoint()
    {
        try {
            Matcher matcher = ENDPOINT_URL.matcher(Files.readString(configFile));
            if (!matcher.find()) {
                throw new IllegalStateException("no endpoint_url in " + configFile);
            }
            return matcher.group(1);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CliResult execute(List<String> command)
    {
        String[] args = command.subList(1, command.size()).toArray(String[]::new);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.clear();
        environment.put("PATH", path);
        environment.put("HOME", workDir.toString());
        environment.put("LC_ALL", "C.UTF-8");
        environment.put("AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString());
        environment.put("AWS_CONFIG_FILE", configFile.toString());
        try {
            Path stdout = Files.createTempFile(workDir, "aws-", ".out");
            Path stderr = Files.createTempFile(workDir, "aws-", ".err");
            try {
                Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                process.getOutputStream().close();
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("aws " + String.join(" ", args) + " did not finish within " + TIMEOUT
                            + "\n--- stdout\n" + Files.readString(stdout) + "--- stderr\n" + Files.readString(stderr));
                }
                return new CliResult(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
            }
            finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not run aws (is the AWS CLI on PATH?)", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code aws args...}, fails unless it exits 0, and returns its standard output. */
    public String ok(String... args)
    {
        CliResult result = run(args);
        if (!result.succeeded()) {
            throw new AssertionError("aws " + String.join(" ", args) + " failed: " + result);
        }
        return result.stdout();
    }

    /** Whether the {@code aws} on PATH reads {@code endpoint_url} from the config file (AWS CLI 1.29+ or 2.13+). */
    private static final class CliVersion
    {
        static final boolean READS_ENDPOINT_FROM_CONFIG = readsEndpointFromConfig();

        private static boolean readsEndpointFromConfig()
        {
            try {
                Process process = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                Matcher matcher = VERSION.matcher(output);
                if (!matcher.find()) {
                    throw new IllegalStateException("cannot tell the version of the AWS CLI from: " + output);
                }
                int major = Integer.parseInt(matcher.group(1));
                int minor = Integer.parseInt(matcher.group(2));
                return major > 2 || (major == 2 && minor >= 13) || (major == 1 && minor >= 29);
            }
            catch (IOException e) {
                throw new UncheckedIOException("could not run aws (is the AWS CLI on PATH?)", e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@link #ok} for a command printing one value ({@code --output text}), trimmed. */
    public String text(String... args)
    {
        List<String> withOutput = new ArrayList<>(List.of(args));
        withOutput.add("--output");
        withOutput.add("text");
        return ok(withOutput.toArray(String[]::new)).strip();
    }
}
