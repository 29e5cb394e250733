package dev.tarn.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.tarn.server.ServerConfig;
import dev.tarn.server.TarnServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompressionType;
import software.amazon.awssdk.services.s3.model.ExpressionType;
import software.amazon.awssdk.services.s3.model.FileHeaderInfo;
import software.amazon.awssdk.services.s3.model.SelectObjectContentRequest;
import software.amazon.awssdk.services.s3.model.SelectObjectContentResponseHandler;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * S3 Select scan throughput against DuckDB reading the same file directly, in one run: a
 * filtering query and an aggregate over a generated CSV, plain and gzip. MB/s is object bytes
 * (uncompressed CSV bytes) per second of wall time; the ratio is Tarn / DuckDB. Each query runs
 * {@code runs} times, alternating with DuckDB, and the medians are printed: the wall-time ratio,
 * and the ratio of this process's CPU time (DuckDB's over Tarn's, server and client included),
 * which a busy machine disturbs less.
 *
 * <p>Usage: {@code SelectBench [megabytes] [directory] [runs]} (default 1024 MiB in {@code target/select-bench}, 3 runs).
 */
public final class SelectBench
{
    private static final String FILTER = "SELECT _1, _4 FROM s3object WHERE _3 = 'needle'";
    private static final String AGGREGATE = "SELECT COUNT(*), SUM(CAST(_2 AS INT)), MAX(_4) FROM s3object";
    private static final String DUCKDB_FILTER = "SELECT c1, c4 FROM %s WHERE c3 = 'needle'";
    private static final String DUCKDB_AGGREGATE = "SELECT count(*), sum(CAST(c2 AS BIGINT)), max(c4) FROM %s";
    private static final OperatingSystemMXBean PROCESS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private SelectBench() {}

    public static void main(String[] args)
            throws Exception
    {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        Path directory = Path.of(args.length > 1 ? args[1] : "target/select-bench").toAbsolutePath();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Files.createDirectories(directory);
        Path csv = directory.resolve("data.csv");
        Path gzip = directory.resolve("data.csv.gz");
        generate(csv, megabytes << 20);
        compress(csv, gzip);
        long size = Files.size(csv);
        System.out.printf(Locale.ROOT, "CSV %.0f MB, gzip %.0f MB%n", size / 1e6, Files.size(gzip) / 1e6);

        Path dataDir = Files.createTempDirectory(directory, "tarn-");
        String accessKey = "AKIABENCHSELECT00001";
        String secret = "bench-secret-select-0000000000000000000";
        ServerConfig config = new ServerConfig(dataDir, "127.0.0.1", 0, "us-east-1", Duration.ofMinutes(15), Optional.of(accessKey), Optional.of(secret),
                Optional.empty());
        try (TarnServer server = TarnServer.start(config)) {
            StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret));
            try (S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                    .forcePathStyle(true).build();
                    S3AsyncClient async = S3AsyncClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                            .credentialsProvider(credentials).forcePathStyle(true).build()) {
                s3.createBucket(request -> request.bucket("bench"));
                s3.putObject(request -> request.bucket("bench").key("data.csv"), RequestBody.fromFile(csv));
                s3.putObject(request -> request.bucket("bench").key("data.csv.gz"), RequestBody.fromFile(gzip));
                for (boolean compressed : new boolean[] {false, true}) {
                    String key = compressed ? "data.csv.gz" : "data.csv";
                    String source = "read_csv('" + (compressed ? gzip : csv) + "', header = false, auto_detect = false, "
                            + "columns = {'c1': 'VARCHAR', 'c2': 'VARCHAR', 'c3': 'VARCHAR', 'c4': 'VARCHAR'}"
                            + (compressed ? ", compression = 'gzip'" : "") + ")";
                    for (String[] query : new String[][] {{"filter", FILTER, DUCKDB_FILTER}, {"aggregate", AGGREGATE, DUCKDB_AGGREGATE}}) {
                        select(async, key, query[1], compressed); // warm-up
                        List<Double> tarn = new ArrayList<>();
                        List<Double> duckdb = new ArrayList<>();
                        List<Double> ratios = new ArrayList<>();
                        List<Double> cpuRatios = new ArrayList<>();
                        // alternate the two, so both see the same load on a shared machine
                        for (int run = 0; run < runs; run++) {
                            Measurement ours = measure(() -> select(async, key, query[1], compressed));
                            Measurement theirs = measure(() -> duckdb(String.format(Locale.ROOT, query[2], source)));
                            tarn.add(size / 1e6 / ours.seconds());
                            duckdb.add(size / 1e6 / theirs.seconds());
                            ratios.add(theirs.seconds() / ours.seconds());
                            cpuRatios.add(theirs.cpuSeconds() / ours.cpuSeconds());
                        }
                        System.out.printf(Locale.ROOT, "%-9s %-5s Tarn %7.1f MB/s  DuckDB %7.1f MB/s  ratio %.0f%%  CPU ratio %.0f%%  (medians of %d; ratios per run %s)%n",
                                query[0], compressed ? "gzip" : "plain", median(tarn), median(duckdb), 100 * median(ratios), 100 * median(cpuRatios), runs,
                                ratios.stream().map(ratio -> String.format(Locale.ROOT, "%.0f%%", 100 * ratio)).toList());
                    }
                }
            }
        }
        finally {
            deleteRecursively(dataDir);
        }
    }

    private interface Run
    {
        void run()
                throws Exception;
    }

    /** Wall time, and the CPU time of this process (the server runs in it), of one run. */
    private record Measurement(double seconds, double cpuSeconds) {}

    private static Measurement measure(Run run)
            throws Exception
    {
        long cpu = PROCESS.getProcessCpuTime();
        long start = System.nanoTime();
        run.run();
        return new Measurement((System.nanoTime() - start) / 1e9, (PROCESS.getProcessCpuTime() - cpu) / 1e9);
    }

    private static double median(List<Double> values)
    {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static void select(S3AsyncClient async, String key, String sql, boolean compressed)
    {
        AtomicLong returned = new AtomicLong();
        SelectObjectContentRequest request = SelectObjectContentRequest.builder().bucket("bench").key(key).expression(sql)
                .expressionType(ExpressionType.SQL)
                .inputSerialization(input -> input.csv(csv -> csv.fileHeaderInfo(FileHeaderInfo.NONE))
                        .compressionType(compressed ? CompressionType.GZIP : CompressionType.NONE))
                .outputSerialization(output -> output.csv(csv -> {}))
                .build();
        async.selectObjectContent(request, SelectObjectContentResponseHandler.builder()
                .subscriber(SelectObjectContentResponseHandler.Visitor.builder()
                        .onRecords(event -> returned.addAndGet(event.payload().asByteArray().length))
                        .build())
                .build()).join();
    }

    private static void duckdb(String sql)
            throws Exception
    {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                rows.getString(1);
            }
        }
    }

    /** Rows of an id, a small integer, a word that is "needle" once in 100,000 rows, and a timestamp-like string. */
    private static void generate(Path csv, long bytes)
            throws IOException
    {
        if (Files.exists(csv) && Files.size(csv) >= bytes) {
            return;
        }
        Random random = new Random(7);
        String[] words = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"};
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(csv), StandardCharsets.UTF_8), 1 << 20)) {
            long written = 0;
            long row = 0;
            while (written < bytes) {
                String word = random.nextInt(100_000) == 0 ? "needle" : words[random.nextInt(words.length)];
                String line = row + "," + random.nextInt(1000) + "," + word + ",2024-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)
                        + "T12:00:00Z\n";
                out.write(line);
                written += line.length();
                row++;
            }
        }
    }

    private static void compress(Path csv, Path gzip)
            throws IOException
    {
        if (Files.exists(gzip) && Files.getLastModifiedTime(gzip).compareTo(Files.getLastModifiedTime(csv)) > 0) {
            return;
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip), 1 << 16)) {
            Files.copy(csv, out);
        }
    }

    private static void deleteRecursively(Path directory)
            throws IOException
    {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
