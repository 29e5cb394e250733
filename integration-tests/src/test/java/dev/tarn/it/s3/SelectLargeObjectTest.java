package dev.tarn.it.s3;

import dev.tarn.it.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpressionType;
import software.amazon.awssdk.services.s3.model.FileHeaderInfo;
import software.amazon.awssdk.services.s3.model.RecordsEvent;
import software.amazon.awssdk.services.s3.model.SelectObjectContentResponseHandler;
import software.amazon.awssdk.services.s3.model.Stats;
import software.amazon.awssdk.services.s3.model.StatsEvent;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 Select over an object several times larger than the server's heap: the object is streamed
 * from the store through DuckDB, never held in the JVM, so the server answers and stays healthy.
 */
class SelectLargeObjectTest
{
    private static final String BUCKET = "large";
    private static final String KEY = "rows.csv";
    private static final String HEAP = "-Xmx96m";

    @TempDir
    Path dataDir;

    @Test
    void aggregatesOverAnObjectLargerThanTheHeap()
            throws Exception
    {
        GeneratedCsv generator = new GeneratedCsv(20_000_000);
        assertThat(generator.length()).isGreaterThan(3L * 96 * 1024 * 1024);
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of(), List.of(HEAP));
                S3Client s3 = server.s3();
                S3AsyncClient s3Async = server.s3Async()) {
            s3.createBucket(request -> request.bucket(BUCKET));
            s3.putObject(request -> request.bucket(BUCKET).key(KEY),
                    RequestBody.fromContentProvider(generator::open, generator.length(), "text/csv"));

            Result count = select(s3Async, "SELECT COUNT(*) FROM s3object");
            assertThat(count.records()).isEqualTo(generator.rows() + "\n");
            assertThat(count.stats().bytesProcessed()).isEqualTo(generator.length());

            long matching = 0;
            long total = 0;
            for (long row = 0; row < generator.rows(); row++) {
                if (GeneratedCsv.kind(row) == 3 && GeneratedCsv.amount(row) >= 500) {
                    matching++;
                    total += GeneratedCsv.amount(row);
                }
            }
            Result filtered = select(s3Async, "SELECT COUNT(*), SUM(CAST(s.amount AS INT)) FROM s3object s WHERE s.kind = '3' AND CAST(s.amount AS INT) >= 500");
            assertThat(filtered.records()).isEqualTo(matching + "," + total + "\n");

            assertThat(server.isAlive()).isTrue();
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.endpoint().resolve("/_tarn/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(s3.headObject(request -> request.bucket(BUCKET).key(KEY)).contentLength()).isEqualTo(generator.length());
            assertThat(server.output()).noneMatch(line -> line.contains("OutOfMemoryError"));
        }
    }

    private record Result(String records, Stats stats) {}

    private static Result select(S3AsyncClient s3Async, String sql)
    {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        List<Stats> stats = new ArrayList<>();
        SelectObjectContentResponseHandler handler = SelectObjectContentResponseHandler.builder()
                .subscriber(SelectObjectContentResponseHandler.Visitor.builder()
                        .onRecords((RecordsEvent event) -> records.writeBytes(event.payload().asByteArray()))
                        .onStats((StatsEvent event) -> stats.add(event.details()))
                        .build())
                .build();
        s3Async.selectObjectContent(request -> request.bucket(BUCKET).key(KEY).expression(sql).expressionType(ExpressionType.SQL)
                .inputSerialization(input -> input.csv(csv -> csv.fileHeaderInfo(FileHeaderInfo.USE)))
                .outputSerialization(output -> output.csv(csv -> {})), handler).join();
        assertThat(stats).as("Stats event of %s", sql).hasSize(1);
        return new Result(records.toString(StandardCharsets.UTF_8), stats.get(0));
    }

    /**
     * A CSV of {@code rows} fixed-width records ({@code id,kind,amount}, 16 bytes each) after a
     * header, generated as it is read, so its size costs no memory; the values are functions of
     * the row number, so expected results are computed without reading it back.
     */
    private record GeneratedCsv(long rows)
    {
        private static final byte[] HEADER = "id,kind,amount\n".getBytes(StandardCharsets.US_ASCII);
        private static final int ROW_BYTES = 16;

        static int kind(long row)
        {
            return (int) (row % 7);
        }

        static int amount(long row)
        {
            return (int) (row * 37 % 1000);
        }

        long length()
        {
            return HEADER.length + rows * ROW_BYTES;
        }

        InputStream open()
        {
            return new InputStream()
            {
                private final byte[] line = new byte[ROW_BYTES];
                private long position;

                @Override
                public int read()
                {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] buffer, int offset, int length)
                {
                    if (position >= length()) {
                        return -1;
                    }
                    int written = 0;
                    while (written < length && position < length()) {
                        if (position < HEADER.length) {
                            buffer[offset + written++] = HEADER[(int) position++];
                            continue;
                        }
                        long row = (position - HEADER.length) / ROW_BYTES;
                        int within = (int) ((position - HEADER.length) % ROW_BYTES);
                        if (within == 0 || written == 0) {
                            fill(row);
                        }
                        int count = Math.min(ROW_BYTES - within, length - written);
                        System.arraycopy(line, within, buffer, offset + written, count);
                        written += count;
                        position += count;
                    }
                    return written;
                }

                private void fill(long row)
                {
                    digits(row, 0, 9);
                    line[9] = ',';
                    line[10] = (byte) ('0' + kind(row));
                    line[11] = ',';
                    digits(amount(row), 12, 3);
                    line[15] = '\n';
                }

                private void digits(long value, int start, int width)
                {
                    for (int i = start + width - 1; i >= start; i--) {
                        line[i] = (byte) ('0' + value % 10);
                        value /= 10;
                    }
                }
            };
        }
    }
}
