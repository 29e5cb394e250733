package dev.tarn.it.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarn.it.Datasets;
import dev.tarn.it.TestServer;
import dev.tarn.it.cli.AwsCli;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompressionType;
import software.amazon.awssdk.services.s3.model.ExpressionType;
import software.amazon.awssdk.services.s3.model.FileHeaderInfo;
import software.amazon.awssdk.services.s3.model.InputSerialization;
import software.amazon.awssdk.services.s3.model.JSONType;
import software.amazon.awssdk.services.s3.model.OutputSerialization;
import software.amazon.awssdk.services.s3.model.Progress;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.SelectObjectContentRequest;
import software.amazon.awssdk.services.s3.model.SelectObjectContentResponseHandler;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Stats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * SelectObjectContent over every way an object can be stored and read: SSE-KMS, SSE-C, an older
 * version, Parquet, BZIP2, JSON documents, a scan range, progress events and an error that
 * arrives after records have been sent.
 */
class SelectInputsTest
{
    private static final String BUCKET = "select-inputs";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static S3Client s3;
    private static S3AsyncClient s3Async;
    private static KmsClient kms;
    private static byte[] weather;
    private static List<String[]> weatherRows;

    @TempDir
    Path directory;

    @BeforeAll
    static void start()
            throws IOException
    {
        server = TestServer.start();
        s3 = server.s3();
        s3Async = server.s3Async();
        kms = server.kms();
        s3.createBucket(request -> request.bucket(BUCKET));
        weather = Files.readAllBytes(Datasets.path("seattle-weather.csv"));
        weatherRows = new String(weather, StandardCharsets.UTF_8).lines().skip(1).map(line -> line.split(",")).toList();
    }

    @AfterAll
    static void stop()
    {
        kms.close();
        s3Async.close();
        s3.close();
        server.close();
    }

    private record Result(String records, Optional<Stats> stats, List<Progress> progress, List<String> events) {}

    /** What the event stream delivered before it failed, and the failure. */
    private record Failure(List<String> events, S3Exception error) {}

    private static Result select(Consumer<SelectObjectContentRequest.Builder> request)
    {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        List<Stats> stats = new ArrayList<>();
        List<Progress> progress = new ArrayList<>();
        List<String> events = new ArrayList<>();
        SelectObjectContentRequest.Builder builder = SelectObjectContentRequest.builder().bucket(BUCKET).expressionType(ExpressionType.SQL);
        request.accept(builder);
        s3Async.selectObjectContent(builder.build(), handler(records, stats, progress, events)).join();
        return new Result(records.toString(StandardCharsets.UTF_8), stats.stream().findFirst(), progress, events);
    }

    private static Failure failure(Consumer<SelectObjectContentRequest.Builder> request)
    {
        List<String> events = new ArrayList<>();
        SelectObjectContentRequest.Builder builder = SelectObjectContentRequest.builder().bucket(BUCKET).expressionType(ExpressionType.SQL);
        request.accept(builder);
        Throwable thrown = catchThrowable(() -> s3Async.selectObjectContent(builder.build(),
                handler(new ByteArrayOutputStream(), new ArrayList<>(), new ArrayList<>(), events)).join());
        Throwable cause = thrown instanceof CompletionException ? thrown.getCause() : thrown;
        assertThat(cause).isInstanceOf(S3Exception.class);
        return new Failure(events, (S3Exception) cause);
    }

    private static SelectObjectContentResponseHandler handler(ByteArrayOutputStream records, List<Stats> stats, List<Progress> progress, List<String> events)
    {
        return SelectObjectContentResponseHandler.builder()
                .subscriber(SelectObjectContentResponseHandler.Visitor.builder()
                        .onRecords(event -> {
                            events.add("Records");
                            records.writeBytes(event.payload().asByteArray());
                        })
                        .onStats(event -> {
                            events.add("Stats");
                            stats.add(event.details());
                        })
                        .onProgress(event -> {
                            events.add("Progress");
                            progress.add(event.details());
                        })
                        .onCont(event -> events.add("Cont"))
                        .onEnd(event -> events.add("End"))
                        .build())
                .build();
    }

    private static Consumer<InputSerialization.Builder> csvWithHeader()
    {
        return input -> input.csv(csv -> csv.fileHeaderInfo(FileHeaderInfo.USE));
    }

    private static Consumer<OutputSerialization.Builder> csvOut()
    {
        return output -> output.csv(csv -> {});
    }

    private static long rainyDays()
    {
        return weatherRows.stream().filter(row -> row[5].equals("rain")).count();
    }

    private static final String COUNT_RAIN = "SELECT COUNT(*) FROM s3object s WHERE s.weather = 'rain'";

    @Test
    void sseKmsObject()
    {
        String keyArn = kms.createKey(request -> request.description("select key")).keyMetadata().arn();
        s3.putObject(request -> request.bucket(BUCKET).key("kms/weather.csv").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyArn),
                RequestBody.fromBytes(weather));
        Result result = select(request -> request.key("kms/weather.csv").expression(COUNT_RAIN).inputSerialization(csvWithHeader())
                .outputSerialization(csvOut()));
        assertThat(result.records()).isEqualTo(rainyDays() + "\n");

        // a disabled key is refused before the response starts
        kms.disableKey(request -> request.keyId(keyArn));
        Failure disabled = failure(request -> request.key("kms/weather.csv").expression(COUNT_RAIN).inputSerialization(csvWithHeader())
                .outputSerialization(csvOut()));
        assertThat(disabled.events()).isEmpty();
        assertThat(disabled.error().awsErrorDetails().errorCode()).isEqualTo("KMS.DisabledException");
    }

    @Test
    void sseCustomerKeyObject()
            throws NoSuchAlgorithmException
    {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key));
        s3.putObject(request -> request.bucket(BUCKET).key("ssec/weather.csv").sseCustomerAlgorithm("AES256").sseCustomerKey(encoded).sseCustomerKeyMD5(md5),
                RequestBody.fromBytes(weather));

        Result result = select(request -> request.key("ssec/weather.csv").expression(COUNT_RAIN).inputSerialization(csvWithHeader())
                .outputSerialization(csvOut()).sseCustomerAlgorithm("AES256").sseCustomerKey(encoded).sseCustomerKeyMD5(md5));
        assertThat(result.records()).isEqualTo(rainyDays() + "\n");

        Failure withoutKey = failure(request -> request.key("ssec/weather.csv").expression(COUNT_RAIN).inputSerialization(csvWithHeader())
                .outputSerialization(csvOut()));
        assertThat(withoutKey.error().awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
        byte[] other = new byte[32];
        String otherMd5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(other));
        Failure wrongKey = failure(request -> request.key("ssec/weather.csv").expression(COUNT_RAIN).inputSerialization(csvWithHeader())
                .outputSerialization(csvOut()).sseCustomerAlgorithm("AES256").sseCustomerKey(Base64.getEncoder().encodeToString(other))
                .sseCustomerKeyMD5(otherMd5));
        assertThat(wrongKey.error().awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    }

    @Test
    void olderVersion()
    {
        s3.createBucket(request -> request.bucket("select-versions"));
        s3.putBucketVersioning(request -> request.bucket("select-versions").versioningConfiguration(configuration -> configuration.status("Enabled")));
        String first = s3.putObject(request -> request.bucket("select-versions").key("w.csv"), RequestBody.fromBytes(weather)).versionId();
        s3.putObject(request -> request.bucket("select-versions").key("w.csv"), RequestBody.fromString("date,weather\n2024-01-01,rain\n"));

        // the SDK has no versionId member for SelectObjectContent; the query parameter is what S3 reads
        Result older = select(request -> request.bucket("select-versions").key("w.csv").expression(COUNT_RAIN)
                .inputSerialization(csvWithHeader()).outputSerialization(csvOut())
                .overrideConfiguration(AwsRequestOverrideConfiguration.builder().putRawQueryParameter("versionId", first).build()));
        assertThat(older.records()).isEqualTo(rainyDays() + "\n");
        Result latest = select(request -> request.bucket("select-versions").key("w.csv").expression(COUNT_RAIN)
                .inputSerialization(csvWithHeader()).outputSerialization(csvOut()));
        assertThat(latest.records()).isEqualTo("1\n");
    }

    @Test
    void parquetWrittenByDuckDb()
            throws SQLException, IOException
    {
        Path parquet = directory.resolve("weather.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv('" + Datasets.path("seattle-weather.csv") + "', header = true)) TO '" + parquet + "' (FORMAT PARQUET)");
        }
        s3.putObject(request -> request.bucket(BUCKET).key("weather.parquet"), RequestBody.fromFile(parquet));
        Consumer<InputSerialization.Builder> input = in -> in.parquet(p -> {});

        Result count = select(request -> request.key("weather.parquet").expression(COUNT_RAIN).inputSerialization(input).outputSerialization(csvOut()));
        assertThat(count.records()).isEqualTo(rainyDays() + "\n");
        assertThat(count.stats().orElseThrow().bytesScanned()).isEqualTo(Files.size(parquet));

        double wettest = weatherRows.stream().mapToDouble(row -> Double.parseDouble(row[1])).max().orElseThrow();
        String[] wettestRow = weatherRows.stream().filter(row -> Double.parseDouble(row[1]) == wettest).findFirst().orElseThrow();
        Result rows = select(request -> request.key("weather.parquet")
                .expression("SELECT s.\"date\", s.precipitation, s.weather FROM s3object s WHERE s.precipitation = " + wettest)
                .inputSerialization(input).outputSerialization(output -> output.json(json -> {})));
        assertThat(rows.records()).isEqualTo("{\"date\":\"" + wettestRow[0] + "\",\"precipitation\":" + wettest + ",\"weather\":\"" + wettestRow[5] + "\"}\n");
    }

    @Test
    void bzip2Csv()
            throws IOException
    {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream bzip2 = new BZip2CompressorOutputStream(compressed)) {
            bzip2.write(weather);
        }
        s3.putObject(request -> request.bucket(BUCKET).key("weather.csv.bz2"), RequestBody.fromBytes(compressed.toByteArray()));
        Result result = select(request -> request.key("weather.csv.bz2").expression(COUNT_RAIN)
                .inputSerialization(input -> input.csv(csv -> csv.fileHeaderInfo(FileHeaderInfo.USE)).compressionType(CompressionType.BZIP2))
                .outputSerialization(csvOut()));
        assertThat(result.records()).isEqualTo(rainyDays() + "\n");
        assertThat(result.stats().orElseThrow().bytesScanned()).isEqualTo(compressed.size());
        assertThat(result.stats().orElseThrow().bytesProcessed()).isEqualTo(weather.length);

        // plain bytes declared BZIP2
        s3.putObject(request -> request.bucket(BUCKET).key("not-bzip2.csv"), RequestBody.fromBytes(weather));
        Failure notBzip2 = failure(request -> request.key("not-bzip2.csv").expression(COUNT_RAIN)
                .inputSerialization(input -> input.csv(csv -> csv.fileHeaderInfo(FileHeaderInfo.USE)).compressionType(CompressionType.BZIP2))
                .outputSerialization(csvOut()));
        assertThat(notBzip2.error().awsErrorDetails().errorCode()).isEqualTo("InvalidCompressionFormat");
    }

    @Test
    void jsonDocuments()
            throws IOException
    {
        byte[] cars = Files.readAllBytes(Datasets.path("cars.json"));
        List<JsonNode> carList = StreamSupport.stream(JSON.readTree(cars).spliterator(), false).toList();
        s3.putObject(request -> request.bucket(BUCKET).key("cars.json"), RequestBody.fromBytes(cars));
        Consumer<InputSerialization.Builder> document = input -> input.json(json -> json.type(JSONType.DOCUMENT));

        // S3Object[*][*]: each element of the document's top-level array is a record
        long american = carList.stream().filter(car -> car.path("Origin").asText().equals("USA") && car.path("Cylinders").asInt() == 8).count();
        Result count = select(request -> request.key("cars.json").expression("SELECT COUNT(*) FROM S3Object[*][*] s WHERE s.Origin = 'USA' AND s.Cylinders = 8")
                .inputSerialization(document).outputSerialization(csvOut()));
        assertThat(count.records()).isEqualTo(american + "\n");

        String powerful = carList.stream().filter(car -> car.path("Horsepower").asDouble() > 220)
                .map(car -> "{\"Name\":\"" + car.path("Name").asText() + "\"}\n").collect(Collectors.joining());
        Result names = select(request -> request.key("cars.json").expression("SELECT s.Name FROM S3Object[*][*] s WHERE s.Horsepower > 220")
                .inputSerialization(document).outputSerialization(output -> output.json(json -> {})));
        assertThat(names.records()).isNotEmpty().isEqualTo(powerful);

        // the whole document is one record
        Result whole = select(request -> request.key("cars.json").expression("SELECT COUNT(*) FROM S3Object s")
                .inputSerialization(document).outputSerialization(csvOut()));
        assertThat(whole.records()).isEqualTo("1\n");

        // a document wrapping the array: S3Object[*].flights[*]
        byte[] flights = Files.readAllBytes(Datasets.path("flights-20k.json"));
        List<JsonNode> flightList = StreamSupport.stream(JSON.readTree(flights).spliterator(), false).toList();
        byte[] wrapped = ("{\"flights\": " + new String(flights, StandardCharsets.UTF_8) + "}").getBytes(StandardCharsets.UTF_8);
        s3.putObject(request -> request.bucket(BUCKET).key("flights.json"), RequestBody.fromBytes(wrapped));
        long late = flightList.stream().filter(flight -> flight.path("origin").asText().equals("SFO") && flight.path("delay").asInt() > 60).count();
        Result lateFlights = select(request -> request.key("flights.json")
                .expression("SELECT COUNT(*) FROM S3Object[*].flights[*] f WHERE f.origin = 'SFO' AND f.delay > 60")
                .inputSerialization(document).outputSerialization(csvOut()));
        assertThat(lateFlights.records()).isEqualTo(late + "\n");
    }

    @Test
    void scanRangeSelectsRecordsStartingInIt()
    {
        s3.putObject(request -> request.bucket(BUCKET).key("range/weather.csv"), RequestBody.fromBytes(weather));
        List<Long> starts = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        long offset = 0;
        for (String line : new String(weather, StandardCharsets.UTF_8).split("\n")) {
            starts.add(offset);
            lines.add(line);
            offset += line.length() + 1;
        }
        for (long[] range : new long[][] {{1000, 5000}, {0, 300}, {starts.get(10), starts.get(20) - 1}, {starts.get(10) + 1, starts.get(20)}}) {
            String expected = Stream.iterate(1, i -> i + 1).limit(lines.size() - 1)
                    .filter(i -> starts.get(i) >= range[0] && starts.get(i) <= range[1])
                    .map(i -> lines.get(i) + "\n")
                    .collect(Collectors.joining());
            Result result = select(request -> request.key("range/weather.csv").expression("SELECT * FROM s3object")
                    .inputSerialization(csvWithHeader()).outputSerialization(csvOut())
                    .scanRange(scan -> scan.start(range[0]).end(range[1])));
            assertThat(result.records()).as("records starting in [%d, %d]", range[0], range[1]).isEqualTo(expected);
        }
        // End alone: the last End bytes
        long tail = weather.length - starts.get(lines.size() - 3);
        Result last = select(request -> request.key("range/weather.csv").expression("SELECT s.\"date\" FROM s3object s")
                .inputSerialization(csvWithHeader()).outputSerialization(csvOut()).scanRange(scan -> scan.end(tail)));
        assertThat(last.records()).isEqualTo(lines.get(lines.size() - 3).split(",")[0] + "\n" + lines.get(lines.size() - 2).split(",")[0] + "\n"
                + lines.get(lines.size() - 1).split(",")[0] + "\n");
    }

    @Test
    void requestProgressSendsProgressEvents()
    {
        s3.putObject(request -> request.bucket(BUCKET).key("progress/weather.csv"), RequestBody.fromBytes(weather));
        Result result = select(request -> request.key("progress/weather.csv").expression(COUNT_RAIN).inputSerialization(csvWithHeader())
                .outputSerialization(csvOut()).requestProgress(progress -> progress.enabled(true)));
        assertThat(result.events()).contains("Progress").endsWith("Stats", "End");
        Progress last = result.progress().get(result.progress().size() - 1);
        assertThat(last.bytesScanned()).isEqualTo(weather.length);
        assertThat(last.bytesProcessed()).isEqualTo(weather.length);
        assertThat(last.bytesReturned()).isEqualTo(result.records().length());

        Result quiet = select(request -> request.key("progress/weather.csv").expression(COUNT_RAIN).inputSerialization(csvWithHeader())
                .outputSerialization(csvOut()));
        assertThat(quiet.events()).doesNotContain("Progress");
    }

    @Test
    void castFailingAfterRecordsWereSentIsAnErrorEvent()
    {
        // the weather rows forty times over, then one row whose precipitation is not a number
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(weather);
        byte[] rows = new String(weather, StandardCharsets.UTF_8).substring(new String(weather, StandardCharsets.UTF_8).indexOf('\n') + 1)
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 1; i < 40; i++) {
            data.writeBytes(rows);
        }
        data.writeBytes("2016-01-01,n/a,5.0,1.0,2.0,rain\n".getBytes(StandardCharsets.UTF_8));
        s3.putObject(request -> request.bucket(BUCKET).key("late-error.csv"), RequestBody.fromBytes(data.toByteArray()));

        Failure failure = failure(request -> request.key("late-error.csv").expression("SELECT * FROM s3object s WHERE CAST(s.precipitation AS FLOAT) >= 0")
                .inputSerialization(csvWithHeader()).outputSerialization(csvOut()));
        assertThat(failure.events()).contains("Records").doesNotContain("Stats", "End");
        // DuckDB's driver does not always pass on why a streamed result failed part-way: then the code is the generic evaluation error
        assertThat(failure.error().awsErrorDetails().errorCode()).as(failure.error().awsErrorDetails().errorMessage())
                .isIn("CastFailed", "EvaluatorInvalidArguments");
    }

    @Test
    void awsCliOverEncryptedAndCompressedObjects()
            throws Exception
    {
        Optional<Path> cli = AwsCli.installed();
        assumeThat(cli).as("the aws CLI on PATH").isPresent();
        String keyArn = kms.createKey(request -> request.description("cli select key")).keyMetadata().arn();
        s3.putObject(request -> request.bucket(BUCKET).key("cli/weather.csv").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyArn),
                RequestBody.fromBytes(weather));
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream bzip2 = new BZip2CompressorOutputStream(compressed)) {
            bzip2.write(weather);
        }
        s3.putObject(request -> request.bucket(BUCKET).key("cli/weather.csv.bz2"), RequestBody.fromBytes(compressed.toByteArray()));
        assertThat(cliSelect("cli/weather.csv", COUNT_RAIN, "{\"CSV\": {\"FileHeaderInfo\": \"USE\"}}")).isEqualTo(rainyDays() + "\n");
        assertThat(cliSelect("cli/weather.csv.bz2", COUNT_RAIN, "{\"CSV\": {\"FileHeaderInfo\": \"USE\"}, \"CompressionType\": \"BZIP2\"}"))
                .isEqualTo(rainyDays() + "\n");
    }

    private String cliSelect(String key, String sql, String input)
    {
        return SelectCli.select(AwsCli.forDataDir(server.dataDir(), directory), BUCKET, key, sql, input);
    }
}
