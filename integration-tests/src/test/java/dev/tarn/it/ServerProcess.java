package dev.tarn.it;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Tarn as {@code bin/tarn server} runs it: a child JVM started with {@code TarnMain server}, on
 * a port the OS picks, so tests can do what only a separate process allows: read what it logs,
 * check the files it leaves, and kill it with SIGKILL.
 */
public final class ServerProcess
        implements AutoCloseable
{
    private static final Pattern READY = Pattern.compile("Tarn ready at (http://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path dataDir;
    private final List<String> output = new ArrayList<>();
    private final CountDownLatch outputClosed = new CountDownLatch(1);
    private URI endpoint;

    private ServerProcess(Process process, Path dataDir)
    {
        this.process = process;
        this.dataDir = dataDir;
    }

    /** Starts a server on {@code dataDir} with no TARN_* variables in its environment. */
    public static ServerProcess start(Path dataDir)
    {
        return start(dataDir, Map.of());
    }

    /** Starts a server on {@code dataDir}; {@code environment} is added to a copy of this JVM's, without its TARN_* variables. */
    public static ServerProcess start(Path dataDir, Map<String, String> environment)
    {
        return start(dataDir, environment, List.of("-Xmx512m"));
    }

    /** As {@link #start(Path, Map)}, with {@code jvmOptions} (a heap size, say) in place of the default {@code -Xmx512m}. */
    public static ServerProcess start(Path dataDir, Map<String, String> environment, List<String> jvmOptions)
    {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(jvmOptions, "jvmOptions is null");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp", classPath(),
                "dev.tarn.server.TarnMain", "server",
                "--data-dir", dataDir.toString(),
                "--host", "127.0.0.1",
                "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("TARN_"));
        builder.environment().putAll(environment);
        ServerProcess server;
        try {
            server = new ServerProcess(builder.start(), dataDir);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.awaitReady();
        return server;
    }

    /** The test class path: Maven's test runner may put it behind a manifest-only jar, which a child JVM reads as well. */
    private static String classPath()
    {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private void awaitReady()
    {
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher matcher = READY.matcher(line);
                    synchronized (output) {
                        output.add(line);
                        if (endpoint == null && matcher.find()) {
                            endpoint = URI.create(matcher.group(1));
                            ready.countDown();
                        }
                    }
                }
            }
            catch (IOException e) {
                // the process went away: its output ends here
            }
            finally {
                outputClosed.countDown();
                ready.countDown();
            }
        }, "tarn-child-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || endpoint() == null) {
                process.destroyForcibly();
                throw new IllegalStateException("Tarn did not log that it was ready; its output:\n" + String.join("\n", output()));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint()
    {
        synchronized (output) {
            return endpoint;
        }
    }

    public long pid()
    {
        return process.pid();
    }

    public Path dataDir()
    {
        return dataDir;
    }

    public Path credentialsFile()
    {
        return dataDir.resolve("credentials");
    }

    public Path configFile()
    {
        return dataDir.resolve("config");
    }

    /** Every line the server has printed so far (log and errors). */
    public List<String> output()
    {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** The keys of the shared-credentials file the server wrote, read the way AWS SDKs read it. */
    public AwsCredentialsProvider fileCredentials()
    {
        ProfileFile file = ProfileFile.builder()
                .content(credentialsFile())
                .type(ProfileFile.Type.CREDENTIALS)
                .build();
        return ProfileCredentialsProvider.builder().profileFile(file).profileName("default").build();
    }

    /** A path-style S3 client with the server's own keys and no retries (a failure is seen as it happens). */
    public S3Client s3()
    {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(TestServer.REGION)
                .credentialsProvider(fileCredentials())
                .forcePathStyle(true)
                .overrideConfiguration(noRetries())
                .build();
    }

    /** The async S3 client (the one SelectObjectContent's event stream needs), path-style with the server's own keys and no retries. */
    public S3AsyncClient s3Async()
    {
        return S3AsyncClient.builder()
                .endpointOverride(endpoint())
                .region(TestServer.REGION)
                .credentialsProvider(fileCredentials())
                .forcePathStyle(true)
                .overrideConfiguration(noRetries())
                .build();
    }

    public StsClient sts(AwsCredentialsProvider credentials)
    {
        return StsClient.builder()
                .endpointOverride(endpoint())
                .region(TestServer.REGION)
                .credentialsProvider(credentials)
                .overrideConfiguration(noRetries())
                .build();
    }

    private static ClientOverrideConfiguration noRetries()
    {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(Duration.ofMinutes(2))
                .build();
    }

    /** SIGKILL: the process gets no chance to flush, close or clean up. */
    public void kill()
    {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: an orderly shutdown through the server's shutdown hook. */
    public void stop()
    {
        process.destroy();
        awaitExit();
    }

    private void awaitExit()
    {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                throw new IllegalStateException("Tarn did not stop within " + STOP_TIMEOUT + "; its output:\n" + String.join("\n", output()));
            }
            outputClosed.await(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * An orderly stop (SIGTERM), so the server removes what it keeps outside its data directory
     * (Athena's cache folder in /dev/shm); SIGKILL if it does not stop in time.
     */
    @Override
    public void close()
    {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    return;
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            kill();
        }
    }
}
