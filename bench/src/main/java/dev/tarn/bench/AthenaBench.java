package dev.tarn.bench;

import dev.tarn.server.ServerConfig;
import dev.tarn.server.TarnServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Athena end to end (StartQueryExecution, polling GetQueryExecution, every page of
 * GetQueryResults, through the AWS SDK against an in-process server) against DuckDB reading the
 * same local files directly, in the same run, on a generated taxi-trip table in CSV and in
 * Parquet. Every query runs once first (its time after the server started is printed); then the
 * queries that read little (the Parquet ones, the CSV preview, {@code SELECT 1}) run a number of
 * warm-up rounds, as on a server that has been answering for a while: the JIT compiles the request
 * path (the SDK's and the server's) only after some hundreds of calls, and a small query's time
 * is mostly that path. Each figure is the median of several runs after one more warm-up run.
 *
 * <p>Usage: {@code AthenaBench [rows] [directory] [runs] [cache megabytes] [warm-up rounds]} (default
 * 5,000,000 rows in {@code target/athena-bench}, 3 runs, the server's default plaintext cache (0 runs
 * without it), 20 warm-up rounds). The server's data directory is deleted at the end.
 */
public final class AthenaBench
{
    private static final String CSV_COLUMNS = "{'vendor': 'INTEGER', 'pickup': 'TIMESTAMP', 'distance': 'DOUBLE', 'paytype': 'VARCHAR', "
            + "'fare': 'DOUBLE', 'tip': 'DOUBLE', 'tolls': 'DOUBLE', 'surcharge': 'DOUBLE', 'total': 'DOUBLE'}";

    /** A query in Athena's SQL, and the same question in DuckDB's SQL over a relation {@code %s}. */
    private record BenchQuery(String name, String athena, String duckdb) {}

    private static final List<BenchQuery> QUERIES = List.of(
            new BenchQuery("preview (LIMIT 10)", "SELECT * FROM %s LIMIT 10", "SELECT * FROM %s LIMIT 10"),
            new BenchQuery("lab: total >= 100 ORDER BY total",
                    "SELECT distance, paytype, fare, tip, tolls, surcharge, total FROM %s WHERE total >= 100.0 ORDER BY total DESC",
                    "SELECT distance, paytype, fare, tip, tolls, surcharge, total FROM %s WHERE total >= 100.0 ORDER BY total DESC"),
            new BenchQuery("group by paytype", "SELECT paytype, count(*), avg(total), sum(tip) FROM %s GROUP BY paytype ORDER BY paytype",
                    "SELECT paytype, count(*), avg(total), sum(tip) FROM %s GROUP BY paytype ORDER BY paytype"),
            new BenchQuery("trips per day", "SELECT date_trunc('day', pickup) AS day, count(*), max(distance) FROM %s GROUP BY 1 ORDER BY 1",
                    "SELECT date_trunc('day', pickup) AS day, count(*), max(distance) FROM %s GROUP BY 1 ORDER BY 1"),
            new BenchQuery("approx_distinct, approx_percentile", "SELECT approx_distinct(vendor), approx_percentile(total, 0.5) FROM %s",
                    "SELECT approx_count_distinct(vendor), approx_quantile(total, 0.5) FROM %s"),
            new BenchQuery("window top trip per vendor", "SELECT count(*) FROM (SELECT vendor, total, row_number() OVER (PARTITION BY vendor ORDER BY total DESC) AS r FROM %s) WHERE r = 1",
                    "SELECT count(*) FROM (SELECT vendor, total, row_number() OVER (PARTITION BY vendor ORDER BY total DESC) AS r FROM %s) WHERE r = 1"));

    private AthenaBench() {}

    public static void main(String[] args)
            throws Exception
    {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000;
        Path directory = Path.of(args.length > 1 ? args[1] : "target/athena-bench").toAbsolutePath();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Optional<Long> cacheMegabytes = args.length > 3 ? Optional.of(Long.parseLong(args[3])) : Optional.empty();
        int warmUpRounds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        Files.createDirectories(directory);
        Path csv = directory.resolve("trips.csv");
        Path parquet = directory.resolve("trips.parquet");
        generate(rows, csv, parquet);
        System.out.printf(Locale.ROOT, "%,d rows: CSV %.0f MB, Parquet (snappy) %.0f MB, %d cores%n%n", rows, Files.size(csv) / 1e6, Files.size(parquet) / 1e6,
                Runtime.getRuntime().availableProcessors());

        Path dataDir = Files.createTempDirectory(directory, "tarn-");
        try {
            benchmark(csv, parquet, dataDir, runs, cacheMegabytes, warmUpRounds);
        }
        finally {
            deleteRecursively(dataDir);
        }
    }

    private static void benchmark(Path csv, Path parquet, Path dataDir, int runs, Optional<Long> cacheMegabytes, int warmUpRounds)
            throws Exception
    {
        String accessKey = "AKIABENCHATHENA00001";
        String secret = "bench-secret-athena-0000000000000000000";
        ServerConfig config = new ServerConfig(dataDir, "127.0.0.1", 0, "us-east-1", Duration.ofMinutes(15), Optional.of(accessKey), Optional.of(secret),
                Optional.empty());
        if (cacheMegabytes.isPresent()) {
            config = config.withAthenaCacheMegabytes(cacheMegabytes.get());
        }
        System.out.println("Plaintext cache: " + cacheMegabytes.map(megabytes -> megabytes + " MB").orElse("the server's default") + System.lineSeparator());
        try (TarnServer server = TarnServer.start(config);
                Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret));
            try (S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                    .forcePathStyle(true).build();
                    AthenaClient athena = AthenaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                            .build()) {
                s3.createBucket(request -> request.bucket("taxi"));
                s3.createBucket(request -> request.bucket("athena-results"));
                s3.putObject(request -> request.bucket("taxi").key("csv/trips.csv"), RequestBody.fromFile(csv));
                s3.putObject(request -> request.bucket("taxi").key("parquet/trips.parquet"), RequestBody.fromFile(parquet));
                Client client = new Client(athena);
                client.run("CREATE DATABASE taxidata");
                client.run("""
                        CREATE EXTERNAL TABLE taxidata.yellow (vendor int, pickup timestamp, distance double, paytype string, fare double, tip double,
                          tolls double, surcharge double, total double)
                        ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://taxi/csv/' TBLPROPERTIES ('skip.header.line.count'='1')""");
                client.run("""
                        CREATE EXTERNAL TABLE taxidata.yellow_parquet (vendor int, pickup timestamp, distance double, paytype string, fare double,
                          tip double, tolls double, surcharge double, total double)
                        STORED AS PARQUET LOCATION 's3://taxi/parquet/'""");
                try (Statement statement = duckdb.createStatement()) {
                    statement.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
                }
                String csvSource = "read_csv('" + csv + "', header = true, auto_detect = false, delim = ',', columns = " + CSV_COLUMNS + ")";
                String parquetSource = "read_parquet('" + parquet + "')";
                // the JIT compiles the AES-GCM intrinsics only after some hundreds of MB: without a warm-up the first
                // queries (the LIMIT previews read little) would time a cold server's decryption, not a running one's
                // the first pass is also the first read of each table after start: with the plaintext cache, the first
                // query without a LIMIT on each table fetches it into the cache
                System.out.println("First run after start (ms, Tarn end to end): ");
                for (BenchQuery query : QUERIES) {
                    Run csvRun = run(client, duckdb, query, "taxidata.yellow", csvSource);
                    Run parquetRun = run(client, duckdb, query, "taxidata.yellow_parquet", parquetSource);
                    System.out.printf(Locale.ROOT, "  %s: CSV %d, Parquet %d%n", query.name(), csvRun.tarnNanos() / 1_000_000, parquetRun.tarnNanos() / 1_000_000);
                }
                System.out.println();
                long warmUpStart = System.nanoTime();
                for (int round = 0; round < warmUpRounds; round++) {
                    for (BenchQuery query : QUERIES) {
                        client.results(client.run(query.athena().formatted("taxidata.yellow_parquet")).queryExecutionId());
                    }
                    client.results(client.run(QUERIES.get(0).athena().formatted("taxidata.yellow")).queryExecutionId());
                    client.results(client.run("SELECT 1").queryExecutionId());
                }
                System.out.printf(Locale.ROOT, "Warm-up: %d rounds of the Parquet queries, the CSV preview and SELECT 1 (%.0f s)%n%n", warmUpRounds,
                        (System.nanoTime() - warmUpStart) / 1e9);
                System.out.println("| query | format | result rows | Tarn end to end (ms) | DuckDB direct (ms) | added | Tarn / DuckDB | DataScanned (MB) |");
                System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
                for (BenchQuery query : QUERIES) {
                    measure(client, duckdb, query, "CSV", "taxidata.yellow", csvSource, runs);
                    measure(client, duckdb, query, "Parquet", "taxidata.yellow_parquet", parquetSource, runs);
                }
                measure(client, duckdb, new BenchQuery("no table (SELECT 1)", "SELECT 1", "SELECT 1"), "-", "", "", runs);

                long start = System.nanoTime();
                QueryExecution ctas = client.run("""
                        CREATE TABLE taxidata.yellow_by_paytype
                        WITH (format = 'PARQUET', write_compression = 'SNAPPY', external_location = 's3://taxi/by_paytype/',
                              partitioned_by = ARRAY['paytype'], bucketed_by = ARRAY['vendor'], bucket_count = 8)
                        AS SELECT vendor, pickup, distance, fare, tip, tolls, surcharge, total, paytype FROM taxidata.yellow""");
                System.out.printf(Locale.ROOT, "%nCTAS partitioned by paytype, bucketed by vendor (8), Parquet snappy: %d ms, %.0f MB scanned%n",
                        (System.nanoTime() - start) / 1_000_000, ctas.statistics().dataScannedInBytes() / 1e6);
                String cash = "SELECT count(*), avg(total) FROM %s WHERE paytype = 'CSH'";
                for (String table : List.of("taxidata.yellow", "taxidata.yellow_parquet", "taxidata.yellow_by_paytype")) {
                    long begin = System.nanoTime();
                    QueryExecution execution = client.run(cash.formatted(table));
                    client.results(execution.queryExecutionId());
                    System.out.printf(Locale.ROOT, "`%s` on %s: %d ms, DataScannedInBytes %.1f MB%n", cash.formatted("..."), table,
                            (System.nanoTime() - begin) / 1_000_000, execution.statistics().dataScannedInBytes() / 1e6);
                }
            }
        }
    }

    private static void measure(Client client, Connection duckdb, BenchQuery query, String format, String table, String source, int runs)
            throws Exception
    {
        long[] tarn = new long[runs];
        long[] direct = new long[runs];
        Run last = run(client, duckdb, query, table, source);
        for (int i = 0; i < runs; i++) {
            last = run(client, duckdb, query, table, source);
            tarn[i] = last.tarnNanos();
            direct[i] = last.directNanos();
        }
        double tarnMs = median(tarn) / 1e6;
        double directMs = median(direct) / 1e6;
        System.out.printf(Locale.ROOT, "| %s | %s | %,d | %.0f | %.0f | %+.0f ms | %.2f | %.1f |%n", query.name(), format, last.rows(), tarnMs, directMs,
                tarnMs - directMs, tarnMs / directMs, last.scannedBytes() / 1e6);
    }

    /** One run of a query through Tarn, then DuckDB's direct read of the same file. */
    private record Run(long tarnNanos, long directNanos, long rows, long scannedBytes) {}

    private static Run run(Client client, Connection duckdb, BenchQuery query, String table, String source)
            throws Exception
    {
        String athenaSql = table.isEmpty() ? query.athena() : query.athena().formatted(table);
        String duckdbSql = source.isEmpty() ? query.duckdb() : query.duckdb().formatted(source);
        long start = System.nanoTime();
        QueryExecution execution = client.run(athenaSql);
        long resultRows = client.results(execution.queryExecutionId());
        long tarnNanos = System.nanoTime() - start;
        start = System.nanoTime();
        long directRows = 0;
        try (Statement statement = duckdb.createStatement(); ResultSet results = statement.executeQuery(duckdbSql)) {
            ResultSetMetaData metadata = results.getMetaData();
            while (results.next()) {
                for (int i = 1; i <= metadata.getColumnCount(); i++) {
                    results.getString(i);
                }
                directRows++;
            }
        }
        long directNanos = System.nanoTime() - start;
        if (directRows != resultRows) {
            throw new IllegalStateException(query.name() + ": Tarn returned " + resultRows + " rows, DuckDB " + directRows);
        }
        return new Run(tarnNanos, directNanos, resultRows, execution.statistics().dataScannedInBytes());
    }

    private static void deleteRecursively(Path root)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static double median(long[] values)
    {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    /** A deterministic taxi-like table, written by DuckDB itself as CSV (with a header) and as Parquet. */
    private static void generate(long rows, Path csv, Path parquet)
            throws Exception
    {
        if (Files.exists(csv) && Files.exists(parquet) && Files.exists(csv.resolveSibling("rows-" + rows))) {
            return;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE trips AS
                    SELECT (hash(i) % 2000)::INTEGER AS vendor,
                           TIMESTAMP '2024-01-01' + to_seconds((hash(i * 7) % (31 * 86400))::BIGINT) AS pickup,
                           round((hash(i * 13) % 3000) / 100.0, 2) AS distance,
                           ['CSH', 'CRD', 'CRD', 'CRD', 'NOC', 'DIS'][(hash(i * 17) % 6)::INTEGER + 1] AS paytype,
                           round(2.5 + distance * 2.5, 2) AS fare,
                           round((hash(i * 19) % 1000) / 100.0, 2) AS tip,
                           CASE WHEN hash(i * 23) % 10 = 0 THEN 5.76 ELSE 0 END AS tolls,
                           0.5 AS surcharge,
                           round(fare + tip + tolls + surcharge, 2) AS total
                    FROM range(ROWS) AS r(i)""".replace("ROWS", Long.toString(rows)));
            statement.execute("COPY trips TO '" + csv + "' (FORMAT csv, HEADER true)");
            statement.execute("COPY trips TO '" + parquet + "' (FORMAT parquet, COMPRESSION snappy)");
        }
        Files.writeString(csv.resolveSibling("rows-" + rows), "");
    }

    /** Runs statements through the Athena API and waits for them, as a client does. */
    private record Client(AthenaClient athena)
    {
        QueryExecution run(String sql)
                throws InterruptedException
        {
            String id = athena.startQueryExecution(request -> request.queryString(sql)
                    .resultConfiguration(result -> result.outputLocation("s3://athena-results/bench/"))).queryExecutionId();
            while (true) {
                QueryExecution execution = athena.getQueryExecution(request -> request.queryExecutionId(id)).queryExecution();
                QueryExecutionState state = execution.status().state();
                if (state == QueryExecutionState.SUCCEEDED) {
                    return execution;
                }
                if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                    throw new IllegalStateException(sql + ": " + execution.status().stateChangeReason());
                }
                Thread.sleep(2);
            }
        }

        /** Reads every page of the results; returns the number of data rows (without the header row). */
        long results(String id)
        {
            long rows = 0;
            String token = null;
            boolean first = true;
            do {
                String next = token;
                GetQueryResultsResponse page = athena.getQueryResults(request -> request.queryExecutionId(id).maxResults(1000).nextToken(next));
                rows += page.resultSet().rows().size();
                if (first && !page.resultSet().rows().isEmpty()) {
                    rows--; // the header row Athena puts first for SELECTs
                    first = false;
                }
                token = page.nextToken();
            }
            while (token != null);
            return rows;
        }
    }
}
