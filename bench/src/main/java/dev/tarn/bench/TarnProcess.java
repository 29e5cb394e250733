package dev.tarn.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The Tarn server under measurement, in a JVM of its own (as {@code bin/tarn server} runs it),
 * so that its memory is its own and can be read from the OS: {@code VmHWM} (peak resident set)
 * and {@code VmRSS} from {@code /proc/PID/status}.
 */
final class TarnProcess
        implements AutoCloseable
{
    static final String ACCESS_KEY_ID = "AKIABENCHMARK0000001";
    static final String SECRET_ACCESS_KEY = "benchmark-secret-0123456789abcdefghijklm";

    private static final Pattern READY = Pattern.compile("Tarn ready at (http://\\S+)");

    private final Process process;
    private final URI endpoint;

    private TarnProcess(Process process, URI endpoint)
    {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts Tarn on {@code dataDir} with the given JVM options, logging to {@code dataDir/../tarn-NAME.log}. */
    static TarnProcess start(Path dataDir, List<String> jvmOptions, String name)
            throws IOException, InterruptedException
    {
        requireNonNull(dataDir, "dataDir is null");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.tarn.server.TarnMain", "server", "--data-dir", dataDir.toString(), "--host", "127.0.0.1", "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TARN_ROOT_ACCESS_KEY_ID", ACCESS_KEY_ID);
        builder.environment().put("TARN_ROOT_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        Process process = builder.start();

        Path log = dataDir.resolveSibling("tarn-" + name + ".log");
        AtomicReference<URI> endpoint = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    var out = Files.newBufferedWriter(log)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        endpoint.set(URI.create(matcher.group(1)));
                        ready.countDown();
                    }
                }
            }
            catch (IOException e) {
                // the server is gone; so is its output
            }
            finally {
                ready.countDown();
            }
        }, "tarn-output");
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(90, TimeUnit.SECONDS) || endpoint.get() == null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("Tarn did not start; its output:\n" + (Files.exists(log) ? Files.readString(log) : ""));
        }
        return new TarnProcess(process, endpoint.get());
    }

    URI endpoint()
    {
        return endpoint;
    }

    long pid()
    {
        return process.pid();
    }

    /** The peak resident set size of the server since it started, in bytes. */
    long peakResidentBytes()
            throws IOException
    {
        return statusKilobytes("VmHWM") * 1024;
    }

    long residentBytes()
            throws IOException
    {
        return statusKilobytes("VmRSS") * 1024;
    }

    private long statusKilobytes(String field)
            throws IOException
    {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
            }
        }
        throw new IOException(field + " not found in /proc/" + process.pid() + "/status");
    }

    /** An orderly stop (SIGTERM). */
    @Override
    public void close()
            throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
