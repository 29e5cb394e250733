package dev.tarn.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * S3 through the AWS SDK for Java v2 against a Tarn server in a child JVM on 127.0.0.1:
 * PUT and GET throughput for 64 MiB objects and operations per second for 4 KiB objects, at
 * 1, 8 and 32 concurrent clients; the server's peak memory while one 5 GiB object is uploaded
 * (multipart, then a single streaming PUT), each on a fresh server with {@code -Xmx512m}; and
 * what the machine itself allows ({@link MachineLimits}). Prints Markdown.
 *
 * <p>{@code bench/run [--work-dir DIR] [--skip-5g] [--quick]}. Every phase is bounded by a count
 * and a time limit. The work dir (default {@code bench/target/s3-bench}) is emptied first and
 * removed at the end; it should be on the disk Tarn would use.
 */
public final class S3Bench
{
    private static final long MIB = 1 << 20;
    private static final long GIB = 1L << 30;
    private static final Region REGION = Region.US_EAST_1;
    private static final List<Integer> CLIENTS = List.of(1, 8, 32);
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final Path workDir;
    private final boolean quick;
    private final GeneratedBytes bytes = new GeneratedBytes();
    private final Map<String, String> payloadModes = new ConcurrentHashMap<>();

    private S3Bench(Path workDir, boolean quick)
    {
        this.workDir = workDir;
        this.quick = quick;
    }

    public static void main(String[] args)
            throws Exception
    {
        Path workDir = Path.of("bench/target/s3-bench");
        boolean skipBig = false;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--work-dir" -> workDir = Path.of(args[++i]);
                case "--skip-5g" -> skipBig = true;
                case "--quick" -> quick = true;
                default -> {
                    System.err.println("usage: bench/run [--work-dir DIR] [--skip-5g] [--quick]");
                    System.exit(2);
                }
            }
        }
        workDir = workDir.toAbsolutePath();
        deleteRecursively(workDir);
        Files.createDirectories(workDir);
        try {
            new S3Bench(workDir, quick).run(!skipBig);
        }
        finally {
            deleteRecursively(workDir);
        }
    }

    private void run(boolean big)
            throws Exception
    {
        printMachine();
        String loadBefore = load();

        System.out.println("\n## What the machine allows (one thread)\n");
        System.out.println("| Measurement | Result |");
        System.out.println("|---|---:|");
        for (MachineLimits.Figure figure : new MachineLimits(workDir.resolve("limits"), quick).measure()) {
            System.out.printf(Locale.ROOT, "| %s | %.0f %s |%n", figure.what(), figure.value(), figure.unit());
        }

        System.out.println("\n## Throughput through the AWS SDK for Java v2\n");
        System.out.println("| Operation | Object size | Clients | Operations | Seconds | MB/s | Operations/s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        Path dataDir = workDir.resolve("data");
        try (TarnProcess server = TarnProcess.start(dataDir, List.of("-Xmx512m"), "throughput");
                S3Client s3 = client(server.endpoint(), 64)) {
            warmUp(s3);
            for (int clients : CLIENTS) {
                int objects = quick ? clients : Math.max(8, clients * (clients == 32 ? 1 : 2));
                throughput(s3, 64 * MIB, clients, objects, Duration.ofSeconds(quick ? 20 : 60));
            }
            for (int clients : CLIENTS) {
                int operations = quick ? 200 : clients == 1 ? 1500 : 4000;
                throughput(s3, 4096, clients, operations, Duration.ofSeconds(quick ? 10 : 20));
            }
        }
        System.out.println("\nPayload signing the SDK chose (x-amz-content-sha256 of PutObject / UploadPart): " + payloadModes);
        deleteRecursively(dataDir);

        if (big) {
            System.out.println("\n## Server memory while one 5 GiB object is uploaded (-Xmx512m, fresh server each)\n");
            System.out.println("| Upload | Seconds | MB/s | Peak RSS | Peak heap used (before a GC) | Largest heap after a GC | GCs |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            bigUpload("Multipart: 80 parts of 64 MiB, 4 at a time", true, workDir.resolve("data-multipart"));
            bigUpload("One streaming PUT", false, workDir.resolve("data-single"));
        }
        System.out.printf("%nLoad of the machine (other processes included): before %s; after %s%n", loadBefore, load());
    }

    /** The 1-minute load average and, where the kernel reports it, the share of the last 5 minutes some task waited for a CPU: figures taken on a busy machine say so. */
    private static String load()
            throws IOException
    {
        String average = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        Path pressure = Path.of("/proc/pressure/cpu");
        String waiting = Files.isReadable(pressure)
                ? Files.readAllLines(pressure).get(0).replaceAll(".*avg300=([0-9.]+).*", "$1") + " % of time with a task waiting for CPU"
                : "CPU pressure not reported";
        return "load average " + average + ", " + waiting;
    }

    private void printMachine()
            throws IOException
    {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst().orElse("unknown");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024 + " GiB")
                .findFirst().orElse("unknown");
        FileStore store = Files.getFileStore(workDir);
        System.out.println("## Machine\n");
        System.out.printf("- CPU: %s, %d cores available to the JVM%n", cpu, Runtime.getRuntime().availableProcessors());
        System.out.printf("- Memory: %s%n", memory);
        System.out.printf("- Disk: %s (%s) holding %s%n", store.name(), store.type(), workDir);
        System.out.printf("- OS: %s %s; Java: %s %s%n", System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        System.out.println("- Client and server share the machine; the server is a child JVM with -Xmx512m, the client this JVM.");
    }

    /** PUTs {@code objects} objects of {@code size} bytes with {@code clients} threads, then GETs them back. */
    private void throughput(S3Client s3, long size, int clients, int objects, Duration limit)
            throws Exception
    {
        String bucket = "bench-" + (size >= MIB ? size / MIB + "m" : size / 1024 + "k") + "-c" + clients;
        s3.createBucket(request -> request.bucket(bucket));
        byte[] small = new byte[(int) Math.min(size, MIB)];
        new Random(size).nextBytes(small);

        Result put = concurrently(clients, objects, limit, index -> {
            RequestBody body = size >= MIB
                    ? RequestBody.fromContentProvider(() -> bytes.stream(index, 0, size), size, "application/octet-stream")
                    : RequestBody.fromBytes(small);
            s3.putObject(request -> request.bucket(bucket).key(key(index)), body);
            return size;
        });
        print("PUT", size, clients, put);

        Result get = concurrently(clients, put.operations(), limit, index -> {
            long read = 0;
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request -> request.bucket(bucket).key(key(index)))) {
                byte[] buffer = new byte[64 * 1024];
                int count;
                while ((count = in.read(buffer)) != -1) {
                    read += count;
                }
            }
            if (read != size) {
                throw new IllegalStateException("read " + read + " bytes of " + key(index) + ", expected " + size);
            }
            return read;
        });
        print("GET", size, clients, get);
    }

    /** Untimed PUTs and GETs of both sizes first, so that both JVMs run compiled code when measured (the first 64 MiB PUTs are several times slower). */
    private void warmUp(S3Client s3)
            throws Exception
    {
        String bucket = "bench-warm-up";
        s3.createBucket(request -> request.bucket(bucket));
        byte[] small = new byte[4096];
        int large = quick ? 4 : 16;
        int smallCount = quick ? 200 : 1000;
        Duration limit = Duration.ofSeconds(quick ? 20 : 60);
        concurrently(4, large, limit, index -> {
            s3.putObject(request -> request.bucket(bucket).key(key(index)),
                    RequestBody.fromContentProvider(() -> bytes.stream(index, 0, 64 * MIB), 64 * MIB, "application/octet-stream"));
            try (InputStream in = s3.getObject(request -> request.bucket(bucket).key(key(index)))) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return 0;
        });
        concurrently(4, smallCount, limit, index -> {
            s3.putObject(request -> request.bucket(bucket).key("small-" + key(index)), RequestBody.fromBytes(small));
            s3.getObjectAsBytes(request -> request.bucket(bucket).key("small-" + key(index)));
            return 0;
        });
    }

    private static String key(int index)
    {
        return "object-%06d".formatted(index);
    }

    private record Result(int operations, long bytes, double seconds) {}

    private interface Operation
    {
        /** Does operation {@code index} and returns the bytes it moved. */
        long run(int index)
                throws Exception;
    }

    /** Runs operations 0..count-1 on {@code clients} threads; none is started once {@code limit} has passed. */
    private static Result concurrently(int clients, int count, Duration limit, Operation operation)
            throws Exception
    {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong moved = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        ExecutorService executor = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                workers.add(executor.submit(() -> {
                    int index;
                    while (System.nanoTime() < deadline && (index = next.getAndIncrement()) < count) {
                        moved.addAndGet(operation.run(index));
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        finally {
            executor.shutdownNow();
        }
        return new Result(done.get(), moved.get(), (System.nanoTime() - start) / 1e9);
    }

    private static void print(String operation, long size, int clients, Result result)
    {
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.1f | %.1f | %.0f |%n", operation,
                size >= MIB ? size / MIB + " MiB" : size / 1024 + " KiB", clients, result.operations(), result.seconds(),
                result.bytes() / result.seconds() / 1e6, result.operations() / result.seconds());
    }

    private void bigUpload(String description, boolean multipart, Path dataDir)
            throws Exception
    {
        long size = quick ? GIB : 5 * GIB;
        Path gcLog = dataDir.resolveSibling(dataDir.getFileName() + "-gc.log");
        Files.createDirectories(dataDir);
        long peakResident;
        double seconds;
        try (TarnProcess server = TarnProcess.start(dataDir, List.of("-Xmx512m", "-Xlog:gc:file=" + gcLog), dataDir.getFileName().toString());
                S3Client s3 = client(server.endpoint(), 8)) {
            s3.createBucket(request -> request.bucket("big"));
            long start = System.nanoTime();
            if (multipart) {
                uploadInParts(s3, "big", "object", size, 64 * MIB, 4);
            }
            else {
                s3.putObject(request -> request.bucket("big").key("object"),
                        RequestBody.fromContentProvider(() -> bytes.stream(-1, 0, size), size, "application/octet-stream"));
            }
            seconds = (System.nanoTime() - start) / 1e9;
            long stored = s3.headObject(request -> request.bucket("big").key("object")).contentLength();
            if (stored != size) {
                throw new IllegalStateException("stored " + stored + " bytes, uploaded " + size);
            }
            peakResident = server.peakResidentBytes();
        }
        GcSummary gc = GcSummary.parse(gcLog);
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %d MiB | %s | %s | %d |%n", description + (quick ? " (1 GiB, --quick)" : ""),
                seconds, size / seconds / 1e6, peakResident / MIB,
                gc.peakBefore().map(b -> b / MIB + " MiB").orElse("no GC"), gc.largestAfter().map(b -> b / MIB + " MiB").orElse("no GC"),
                gc.collections());
        deleteRecursively(dataDir);
    }

    private void uploadInParts(S3Client s3, String bucket, String key, long size, long partSize, int parallel)
            throws Exception
    {
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)).uploadId();
        int partCount = (int) ((size + partSize - 1) / partSize);
        CompletedPart[] parts = new CompletedPart[partCount];
        concurrently(parallel, partCount, Duration.ofMinutes(30), index -> {
            long offset = index * partSize;
            long length = Math.min(partSize, size - offset);
            String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId).partNumber(index + 1),
                    RequestBody.fromContentProvider(() -> bytes.stream(-2, offset, length), length, "application/octet-stream")).eTag();
            parts[index] = CompletedPart.builder().partNumber(index + 1).eTag(etag).build();
            return length;
        });
        s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
    }

    /** Heap occupancy as the server's GC log (-Xlog:gc) reports it at each collection. */
    private record GcSummary(int collections, Optional<Long> peakBefore, Optional<Long> largestAfter)
    {
        static GcSummary parse(Path log)
                throws IOException
        {
            int collections = 0;
            long before = -1;
            long after = -1;
            for (String line : Files.readAllLines(log)) {
                Matcher matcher = GC_PAUSE.matcher(line);
                if (matcher.find()) {
                    collections++;
                    before = Math.max(before, bytes(matcher.group(1), matcher.group(2)));
                    after = Math.max(after, bytes(matcher.group(3), matcher.group(4)));
                }
            }
            return new GcSummary(collections, Optional.of(before).filter(b -> b >= 0), Optional.of(after).filter(a -> a >= 0));
        }

        private static long bytes(String number, String unit)
        {
            long value = Long.parseLong(number);
            return switch (unit) {
                case "K" -> value << 10;
                case "M" -> value << 20;
                default -> value << 30;
            };
        }
    }

    private S3Client client(URI endpoint, int connections)
    {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TarnProcess.ACCESS_KEY_ID, TarnProcess.SECRET_ACCESS_KEY)))
                .httpClient(ApacheHttpClient.builder().maxConnections(connections).socketTimeout(Duration.ofMinutes(5)).build())
                .overrideConfiguration(override -> override.addExecutionInterceptor(new PayloadModeRecorder()))
                .build();
    }

    /** Notes how the SDK signed each kind of upload, so the figures say what the client did. */
    private final class PayloadModeRecorder
            implements ExecutionInterceptor
    {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes)
        {
            String operation = context.request().getClass().getSimpleName();
            if (operation.equals("PutObjectRequest") || operation.equals("UploadPartRequest")) {
                context.httpRequest().firstMatchingHeader("x-amz-content-sha256")
                        .ifPresent(mode -> payloadModes.putIfAbsent(operation.replace("Request", ""), mode));
            }
        }
    }

    private static void deleteRecursively(Path directory)
            throws IOException
    {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
