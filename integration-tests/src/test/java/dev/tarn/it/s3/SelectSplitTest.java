package dev.tarn.it.s3;

import dev.tarn.it.Datasets;
import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompressionType;
import software.amazon.awssdk.services.s3.model.ExpressionType;
import software.amazon.awssdk.services.s3.model.FileHeaderInfo;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.SelectObjectContentRequest;
import software.amazon.awssdk.services.s3.model.SelectObjectContentResponseHandler;
import software.amazon.awssdk.services.s3.model.Stats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * S3 Select over objects large enough to be cut into parts that DuckDB parses in parallel (an
 * uncompressed object into byte ranges, a gzip one into chunks of its stream): the records come
 * out complete and in the object's order, whichever part a record fell in, and a failure in the
 * last part still arrives as an error event. The data is the airports dataset (quoted fields
 * with commas) repeated to about 42 MB.
 */
class SelectSplitTest
{
    private static final String BUCKET = "select-split";
    private static final int REPEATS = 200;
    private static final String CALIFORNIA = "SELECT s.iata, s.state FROM s3object s WHERE s.state = 'CA'";
    private static TestServer server;
    private static S3Client s3;
    private static S3AsyncClient s3Async;
    private static byte[] header;
    private static byte[] body;
    private static List<String[]> rows;

    @BeforeAll
    static void start()
            throws IOException
    {
        server = TestServer.start();
        s3 = server.s3();
        s3Async = server.s3Async();
        s3.createBucket(request -> request.bucket(BUCKET));
        String airports = Files.readString(Datasets.path("airports.csv"));
        int firstNewline = airports.indexOf('\n');
        header = airports.substring(0, firstNewline + 1).getBytes(StandardCharsets.UTF_8);
        body = airports.substring(firstNewline + 1).getBytes(StandardCharsets.UTF_8);
        rows = airports.substring(firstNewline + 1).lines().map(line -> line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)).toList();
        byte[] large = repeated(new byte[0]);
        s3.putObject(request -> request.bucket(BUCKET).key("airports.csv"), RequestBody.fromBytes(large));
        s3.putObject(request -> request.bucket(BUCKET).key("airports.csv.gz"), RequestBody.fromBytes(gzip(large)));
    }

    @AfterAll
    static void stop()
    {
        s3Async.close();
        s3.close();
        server.close();
    }

    @Test
    void recordsComeOutCompleteAndInOrder()
            throws IOException
    {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < REPEATS; i++) {
            rows.stream().filter(row -> row[3].equals("CA")).forEach(row -> expected.append(row[0]).append(',').append(row[3]).append('\n'));
        }
        long large = (long) header.length + (long) body.length * REPEATS;
        for (boolean compressed : new boolean[] {false, true}) {
            Result california = select(compressed ? "airports.csv.gz" : "airports.csv", CALIFORNIA, true, compressed, Optional.empty());
            assertThat(california.records()).as("compressed: %s", compressed).isEqualTo(expected.toString());
            assertThat(california.stats().bytesProcessed()).isEqualTo(large);
            if (!compressed) {
                assertThat(california.stats().bytesScanned()).isEqualTo(large);
            }
        }
    }

    @Test
    void aggregatesCountEveryRecordOnce()
    {
        long texas = rows.stream().filter(row -> row[3].equals("TX")).count() * REPEATS;
        String maxName = rows.stream().map(row -> row[1].replace("\"", "")).max(String::compareTo).orElseThrow();
        for (boolean compressed : new boolean[] {false, true}) {
            Result result = select(compressed ? "airports.csv.gz" : "airports.csv",
                    "SELECT COUNT(*), MAX(s.name) FROM s3object s WHERE s.state = 'TX' OR s.state <> 'TX'", true, compressed, Optional.empty());
            String quotedMax = maxName.contains(",") ? "\"" + maxName + "\"" : maxName;
            assertThat(result.records()).isEqualTo((long) rows.size() * REPEATS + "," + quotedMax + "\n");
            Result counted = select(compressed ? "airports.csv.gz" : "airports.csv", "SELECT COUNT(*) FROM s3object s WHERE s.state = 'TX'", true, compressed,
                    Optional.empty());
            assertThat(counted.records()).isEqualTo(texas + "\n");
        }
    }

    @Test
    void aScanRangeIsCutIntoPartsWithTheSameRecords()
    {
        byte[] data = repeated(new byte[0]);
        long start = 5_000_000;
        long end = 40_000_000;
        long expected = 0;
        for (int position = 0; position < data.length; position++) {
            boolean recordStart = position == 0 || data[position - 1] == '\n';
            if (recordStart && position >= start && position <= end) {
                expected++;
            }
        }
        Result result = select("airports.csv", "SELECT COUNT(*) FROM s3object", false, false, Optional.of(new long[] {start, end}));
        assertThat(result.records()).isEqualTo(expected + "\n");
    }

    @Test
    void aFailureInTheLastPartIsTheSameErrorAsInASmallObject()
    {
        String query = "SELECT s.iata FROM s3object s WHERE CAST(s.latitude AS FLOAT) > 1000";
        byte[] badRow = "ZZZ,Nowhere,Nowhere,CA,USA,north,-120.0\n".getBytes(StandardCharsets.UTF_8);
        s3.putObject(request -> request.bucket(BUCKET).key("late-cast.csv"), RequestBody.fromBytes(repeated(badRow)));
        s3.putObject(request -> request.bucket(BUCKET).key("small-cast.csv"), RequestBody.fromBytes(concat(header, badRow)));
        S3Exception large = failure("late-cast.csv", query);
        S3Exception small = failure("small-cast.csv", query);
        assertThat(large.awsErrorDetails().errorCode()).isIn("CastFailed", "EvaluatorInvalidArguments");
        assertThat(small.awsErrorDetails().errorCode()).isIn("CastFailed", "EvaluatorInvalidArguments");

        byte[] quotedNewline = "ZZZ,\"Two\nLines\",Nowhere,CA,USA,1.0,-120.0\n".getBytes(StandardCharsets.UTF_8);
        s3.putObject(request -> request.bucket(BUCKET).key("late-newline.csv"), RequestBody.fromBytes(repeated(quotedNewline)));
        s3.putObject(request -> request.bucket(BUCKET).key("small-newline.csv"), RequestBody.fromBytes(concat(header, quotedNewline)));
        assertThat(failure("late-newline.csv", CALIFORNIA).awsErrorDetails().errorCode())
                .isEqualTo(failure("small-newline.csv", CALIFORNIA).awsErrorDetails().errorCode())
                .isEqualTo("CSVParsingError");
    }

    private static byte[] repeated(byte[] last)
    {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(header);
        for (int i = 0; i < REPEATS; i++) {
            data.writeBytes(body);
        }
        data.writeBytes(last);
        return data.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second)
    {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(first);
        data.writeBytes(second);
        return data.toByteArray();
    }

    private static byte[] gzip(byte[] data)
            throws IOException
    {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(data);
        }
        return compressed.toByteArray();
    }

    private record Result(String records, Stats stats) {}

    private static Result select(String key, String sql, boolean withHeader, boolean compressed, Optional<long[]> scanRange)
    {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        List<Stats> stats = new ArrayList<>();
        s3Async.selectObjectContent(request(key, sql, withHeader, compressed, scanRange), handler(records, stats)).join();
        assertThat(stats).as("the Stats event of %s", sql).hasSize(1);
        return new Result(records.toString(StandardCharsets.UTF_8), stats.get(0));
    }

    private static S3Exception failure(String key, String sql)
    {
        Throwable thrown = catchThrowable(() -> s3Async.selectObjectContent(request(key, sql, true, false, Optional.empty()),
                handler(new ByteArrayOutputStream(), new ArrayList<>())).join());
        Throwable cause = thrown instanceof CompletionException ? thrown.getCause() : thrown;
        assertThat(cause).as("the failure of %s over %s", sql, key).isInstanceOf(S3Exception.class);
        return (S3Exception) cause;
    }

    private static SelectObjectContentRequest request(String key, String sql, boolean withHeader, boolean compressed, Optional<long[]> scanRange)
    {
        Consumer<SelectObjectContentRequest.Builder> range = builder -> scanRange.ifPresent(bounds -> builder.scanRange(r -> r.start(bounds[0]).end(bounds[1])));
        SelectObjectContentRequest.Builder builder = SelectObjectContentRequest.builder().bucket(BUCKET).key(key).expression(sql).expressionType(ExpressionType.SQL)
                .inputSerialization(input -> input.csv(csv -> csv.fileHeaderInfo(withHeader ? FileHeaderInfo.USE : FileHeaderInfo.NONE))
                        .compressionType(compressed ? CompressionType.GZIP : CompressionType.NONE))
                .outputSerialization(output -> output.csv(csv -> {}));
        range.accept(builder);
        return builder.build();
    }

    private static SelectObjectContentResponseHandler handler(ByteArrayOutputStream records, List<Stats> stats)
    {
        return SelectObjectContentResponseHandler.builder()
                .subscriber(SelectObjectContentResponseHandler.Visitor.builder()
                        .onRecords(event -> records.writeBytes(event.payload().asByteArray()))
                        .onStats(event -> stats.add(event.details()))
                        .build())
                .build();
    }
}
