package dev.tarn.it.s3;

import dev.tarn.it.Datasets;
import dev.tarn.it.TestServer;
import dev.tarn.it.cli.AwsCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompressionType;
import software.amazon.awssdk.services.s3.model.ExpressionType;
import software.amazon.awssdk.services.s3.model.FileHeaderInfo;
import software.amazon.awssdk.services.s3.model.InputSerialization;
import software.amazon.awssdk.services.s3.model.JSONType;
import software.amazon.awssdk.services.s3.model.OutputSerialization;
import software.amazon.awssdk.services.s3.model.QuoteFields;
import software.amazon.awssdk.services.s3.model.RecordsEvent;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.SelectObjectContentEventStream;
import software.amazon.awssdk.services.s3.model.SelectObjectContentRequest;
import software.amazon.awssdk.services.s3.model.SelectObjectContentResponseHandler;
import software.amazon.awssdk.services.s3.model.Stats;
import software.amazon.awssdk.services.s3.model.StatsEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

/** SelectObjectContent through the SDK v2 async client and the aws CLI, over CSV, JSON and Parquet objects. */
class SelectTest
{
    private static final String BUCKET = "select";
    private static TestServer server;
    private static S3Client s3;
    private static S3AsyncClient s3Async;
    private static byte[] weather;

    @TempDir
    Path directory;

    @BeforeAll
    static void start()
            throws IOException
    {
        server = TestServer.start();
        s3 = server.s3();
        s3Async = server.s3Async();
        s3.createBucket(request -> request.bucket(BUCKET));
        weather = Files.readAllBytes(Datasets.path("seattle-weather.csv"));
        put("weather.csv", weather);
        put("weather.csv.gz", gzip(weather));
        put("people.csv", "name,age,city\nAlice,30,\"Paris, France\"\nbob,9,Berlin\nCarol,,Rome\n".getBytes(StandardCharsets.UTF_8));
        put("people.jsonl", ("{\"name\":\"Alice\",\"age\":30,\"tags\":[\"a\",\"b\"],\"address\":{\"city\":\"Paris\"}}\n"
                + "{\"name\":\"bob\",\"age\":9,\"nick\":null}\n"
                + "{\"name\":\"Carol\",\"age\":41.5}\n").getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop()
    {
        s3Async.close();
        s3.close();
        server.close();
    }

    private static void put(String key, byte[] bytes)
    {
        s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    private static byte[] gzip(byte[] bytes)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private record Result(String records, Optional<Stats> stats, List<String> events) {}

    private static Result select(String key, String sql, Consumer<InputSerialization.Builder> input, Consumer<OutputSerialization.Builder> output)
    {
        return select(request -> request.bucket(BUCKET).key(key).expression(sql).expressionType(ExpressionType.SQL)
                .inputSerialization(input).outputSerialization(output));
    }

    private static Result csv(String key, String sql)
    {
        return describeFailure(sql, () -> select(key, sql, input -> input.csv(csv -> csv.fileHeaderInfo(FileHeaderInfo.USE)), output -> output.csv(csv -> {})));
    }

    /** The query's own error code and message when it fails, so an unexpected failure says what it was. */
    private static Result describeFailure(String sql, java.util.function.Supplier<Result> query)
    {
        try {
            return query.get();
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof S3Exception s3) {
                throw s3.toBuilder().message(sql + ": " + s3.awsErrorDetails().errorCode() + " " + s3.awsErrorDetails().errorMessage()).build();
            }
            throw e;
        }
    }

    private static Result select(Consumer<SelectObjectContentRequest.Builder> request)
    {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        List<Stats> stats = new ArrayList<>();
        List<String> events = new ArrayList<>();
        SelectObjectContentResponseHandler handler = SelectObjectContentResponseHandler.builder()
                .subscriber(SelectObjectContentResponseHandler.Visitor.builder()
                        .onRecords((RecordsEvent event) -> {
                            events.add("Records");
                            records.writeBytes(event.payload().asByteArray());
                        })
                        .onStats((StatsEvent event) -> {
                            events.add("Stats");
                            stats.add(event.details());
                        })
                        .onEnd(event -> events.add("End"))
                        .onProgress(event -> events.add("Progress"))
                        .onCont(event -> events.add("Cont"))
                        .build())
                .build();
        s3Async.selectObjectContent(build(request), handler).join();
        return new Result(records.toString(StandardCharsets.UTF_8), stats.stream().findFirst(), events);
    }

    private static SelectObjectContentRequest build(Consumer<SelectObjectContentRequest.Builder> request)
    {
        SelectObjectContentRequest.Builder builder = SelectObjectContentRequest.builder();
        request.accept(builder);
        return builder.build();
    }

    private static S3Exception error(Runnable query)
    {
        Throwable thrown = catchThrowable(query::run);
        Throwable cause = thrown instanceof CompletionException ? thrown.getCause() : thrown;
        assertThat(cause).isInstanceOf(S3Exception.class);
        return (S3Exception) cause;
    }

    private static String code(Runnable query)
    {
        return error(query).awsErrorDetails().errorCode();
    }

    @Test
    void labQueriesOverPlainAndGzipCsv()
    {
        String[] lines = new String(weather, StandardCharsets.UTF_8).split("\n");
        Result first = csv("weather.csv", "SELECT * FROM s3object s LIMIT 5");
        assertThat(first.records()).isEqualTo(String.join("\n", List.of(lines).subList(1, 6)) + "\n");
        assertThat(first.events()).endsWith("Stats", "End");
        assertThat(first.stats().orElseThrow().bytesReturned()).isEqualTo(first.records().getBytes(StandardCharsets.UTF_8).length);

        long rainy = Stream.of(lines).skip(1).filter(line -> Double.parseDouble(line.split(",")[1]) > 10).count();
        Result wet = csv("weather.csv", "SELECT s.\"date\", s.precipitation FROM s3object s WHERE CAST(s.precipitation AS FLOAT) > 10");
        assertThat(wet.records().lines().count()).isEqualTo(rainy);

        for (String key : List.of("weather.csv", "weather.csv.gz")) {
            Result count = select(key, "SELECT COUNT(*) FROM s3object", input -> input.csv(csv -> csv.fileHeaderInfo(FileHeaderInfo.USE))
                    .compressionType(key.endsWith(".gz") ? CompressionType.GZIP : CompressionType.NONE), output -> output.csv(csv -> {}));
            assertThat(count.records()).isEqualTo((lines.length - 1) + "\n");
            assertThat(count.stats().orElseThrow().bytesProcessed()).isEqualTo(weather.length);
        }
    }

    @Test
    void csvValuesAreStringsUnlessCast()
    {
        // '9' > '10' as strings, as on S3
        assertThat(csv("people.csv", "SELECT name FROM s3object WHERE age > 10").records()).isEqualTo("Alice\nbob\n");
        assertThat(csv("people.csv", "SELECT name FROM s3object WHERE CAST(age AS INT) > 10").records()).isEqualTo("Alice\n");
        assertThat(csv("people.csv", "SELECT _1, _3 FROM s3object WHERE _2 = ''").records()).isEqualTo("Carol,Rome\n");
        assertThat(csv("people.csv", "SELECT \"name\" FROM s3object WHERE NAME LIKE 'b%'").records()).isEqualTo("bob\n");
        assertThat(code(() -> csv("people.csv", "SELECT CAST(city AS INT) FROM s3object"))).isEqualTo("CastFailed");
    }

    @Test
    void csvSerializationOptions()
    {
        Result result = select("people.csv", "SELECT name, city FROM s3object s",
                input -> input.csv(csv -> csv.fileHeaderInfo(FileHeaderInfo.USE)),
                output -> output.csv(csv -> csv.quoteFields(QuoteFields.ALWAYS).fieldDelimiter(";").recordDelimiter("|").quoteCharacter("'")));
        assertThat(result.records()).isEqualTo("'Alice';'Paris, France'|'bob';'Berlin'|'Carol';'Rome'|");
        Result asNeeded = csv("people.csv", "SELECT city FROM s3object");
        assertThat(asNeeded.records()).isEqualTo("\"Paris, France\"\nBerlin\nRome\n");
        Result ignored = select("people.csv", "SELECT _1 FROM s3object", input -> input.csv(csv -> csv.fileHeaderInfo(FileHeaderInfo.IGNORE)),
                output -> output.json(json -> {}));
        assertThat(ignored.records()).isEqualTo("{\"_1\":\"Alice\"}\n{\"_1\":\"bob\"}\n{\"_1\":\"Carol\"}\n");
        Result none = select("people.csv", "SELECT COUNT(*) FROM s3object", input -> input.csv(csv -> csv.fileHeaderInfo(FileHeaderInfo.NONE)),
                output -> output.csv(csv -> {}));
        assertThat(none.records()).isEqualTo("4\n");
    }

    @Test
    void jsonLinesWithNestedPathsMissingAndNull()
    {
        Consumer<InputSerialization.Builder> lines = input -> input.json(json -> json.type(JSONType.LINES));
        Consumer<OutputSerialization.Builder> json = output -> output.json(out -> {});
        assertThat(select("people.jsonl", "SELECT s.name, s.address.city, s.tags[1] AS t FROM s3object s", lines, json).records())
                .isEqualTo("{\"name\":\"Alice\",\"city\":\"Paris\",\"t\":\"b\"}\n{\"name\":\"bob\"}\n{\"name\":\"Carol\"}\n");
        assertThat(select("people.jsonl", "SELECT s.name FROM s3object s WHERE s.nick IS NULL", lines, json).records())
                .isEqualTo("{\"name\":\"Alice\"}\n{\"name\":\"bob\"}\n{\"name\":\"Carol\"}\n");
        assertThat(select("people.jsonl", "SELECT s.name FROM s3object s WHERE s.nick IS MISSING", lines, json).records())
                .isEqualTo("{\"name\":\"Alice\"}\n{\"name\":\"Carol\"}\n");
        assertThat(select("people.jsonl", "SELECT s.name FROM s3object s WHERE s.age > 20", lines, json).records())
                .isEqualTo("{\"name\":\"Alice\"}\n{\"name\":\"Carol\"}\n");
        assertThat(select("people.jsonl", "SELECT SUM(s.age), MAX(s.age), COUNT(s.nick) FROM s3object s", lines, output -> output.csv(csv -> {})).records())
                .isEqualTo("80.5,41.5,1\n");
        assertThat(select("people.jsonl", "SELECT * FROM s3object s LIMIT 1", lines, json).records())
                .isEqualTo("{\"name\":\"Alice\",\"age\":30,\"tags\":[\"a\",\"b\"],\"address\":{\"city\":\"Paris\"}}\n");
    }

    @Test
    void functions()
    {
        assertThat(csv("people.csv", "SELECT UPPER(name), LOWER(name), CHAR_LENGTH(name), CHARACTER_LENGTH(city), SUBSTRING(name, 2, 3), "
                + "SUBSTRING(name FROM 0 FOR 2), TRIM(BOTH 'A' FROM name), TRIM(LEADING FROM '  x ') FROM s3object LIMIT 1").records())
                .isEqualTo("ALICE,alice,5,13,lic,A,lice,x \n");
        assertThat(csv("people.csv", "SELECT COALESCE(age, 'none'), NULLIF(name, 'bob'), CASE WHEN CAST(age AS INT) > 20 THEN 'old' ELSE 'young' END "
                + "FROM s3object WHERE name IN ('bob', 'Carol')").records())
                .isEqualTo("9,,young\n,Carol,young\n");
        assertThat(csv("people.csv", "SELECT name FROM s3object WHERE CAST(age AS INT) BETWEEN 5 AND 10 AND NOT name LIKE 'x!%%' ESCAPE '!'").records())
                .isEqualTo("bob\n");
        assertThat(csv("people.csv", "SELECT EXTRACT(YEAR FROM CAST('2021-03-04T05:06:07Z' AS TIMESTAMP)), "
                + "DATE_DIFF(DAY, TO_TIMESTAMP('2021-03-01T00:00:00Z'), TO_TIMESTAMP('2021-03-04T00:00:00Z')), "
                + "TO_STRING(DATE_ADD(MONTH, 1, TO_TIMESTAMP('2021-03-04T05:06:07Z')), 'yyyy-MM-dd HH:mm'), "
                + "CAST(CAST(age AS DECIMAL) * 2 AS STRING), CAST('true' AS BOOL), CAST(1.9 AS INTEGER), CAST('7' AS BIGINT) + 1 "
                + "FROM s3object LIMIT 1").records())
                .isEqualTo("2021,3,2021-04-04 05:06,60,true,1,8\n");
        assertThat(csv("people.csv", "SELECT AVG(CAST(age AS FLOAT)), MIN(name), MAX(name), SUM(CAST(age AS INT)) FROM s3object").records())
                .isEqualTo("19.5,Alice,bob,39\n");
        assertThat(csv("people.csv", "SELECT UTCNOW() FROM s3object LIMIT 1").records()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z\n");
    }

    @Test
    void sqlErrorsCarryAwsCodesAndPositions()
    {
        S3Exception unexpected = error(() -> csv("people.csv", "SELECT name FROM s3object WHERE name = = 'x'"));
        assertThat(unexpected.awsErrorDetails().errorCode()).isEqualTo("ParseExpectedExpression");
        assertThat(unexpected.awsErrorDetails().errorMessage()).contains("line 1, column 40");
        assertThat(code(() -> csv("people.csv", "SELECT name s3object"))).isEqualTo("ParseSelectMissingFrom");
        assertThat(code(() -> csv("people.csv", "SELECT name FROM s3object LIMIT x"))).isEqualTo("ParseExpectedNumber");
        assertThat(code(() -> csv("people.csv", "SELECT CAST(name AS WIDGET) FROM s3object"))).isEqualTo("ParseInvalidTypeParam");
        assertThat(code(() -> csv("people.csv", "SELECT name FROM s3object WHERE name IS 3"))).isEqualTo("ParseExpectedKeyword");
        assertThat(code(() -> csv("people.csv", "SELECT _0 FROM s3object"))).isEqualTo("InvalidColumnIndex");
        assertThat(code(() -> csv("people.csv", "SELECT name, * FROM s3object"))).isEqualTo("ParseAsteriskIsNotAloneInSelectList");
        assertThat(code(() -> csv("people.csv", "SELECT name FROM s3object ORDER BY name"))).isEqualTo("ParseUnsupportedSyntax");
        assertThat(code(() -> csv("people.csv", "SELECT FOO(name) FROM s3object"))).isEqualTo("UnsupportedFunction");
        assertThat(code(() -> csv("people.csv", "SELECT name FROM s3object WHERE name = 'x"))).isEqualTo("LexerInvalidLiteral");
        assertThat(code(() -> csv("people.csv", "SELECT name FROM s3object WHERE name # 1"))).isEqualTo("LexerInvalidChar");
        assertThat(code(() -> csv("people.csv", "SELECT CAST(age AS INT) / 0 FROM s3object WHERE name = 'Alice'"))).isEqualTo("DivisionByZero");
        assertThat(code(() -> select(request -> request.bucket(BUCKET).key("people.csv").expression("SELECT * FROM s3object")
                .expressionType("XQUERY").inputSerialization(input -> input.csv(csv -> {})).outputSerialization(output -> output.csv(csv -> {})))))
                .isEqualTo("InvalidExpressionType");
        assertThat(code(() -> select("weather.csv", "SELECT * FROM s3object", input -> input.csv(csv -> {}).compressionType(CompressionType.GZIP),
                output -> output.csv(csv -> {})))).isEqualTo("InvalidCompressionFormat");
        assertThat(code(() -> csv("no-such-key", "SELECT * FROM s3object"))).isEqualTo("NoSuchKey");
    }

    @Test
    void awsCli()
            throws Exception
    {
        Optional<Path> cli = AwsCli.installed();
        assumeThat(cli).as("the aws CLI on PATH").isPresent();
        String[] lines = new String(weather, StandardCharsets.UTF_8).split("\n");
        for (String key : List.of("weather.csv", "weather.csv.gz")) {
            String compression = key.endsWith(".gz") ? "GZIP" : "NONE";
            String input = "{\"CSV\": {\"FileHeaderInfo\": \"USE\"}, \"CompressionType\": \"" + compression + "\"}";
            assertThat(cliSelect(key, "SELECT * FROM s3object s LIMIT 5", input))
                    .isEqualTo(String.join("\n", List.of(lines).subList(1, 6)) + "\n");
            assertThat(cliSelect(key, "SELECT COUNT(*) FROM s3object s WHERE CAST(s.temp_max AS FLOAT) > 30", input))
                    .isEqualTo(Stream.of(lines).skip(1).filter(line -> Double.parseDouble(line.split(",")[2]) > 30).count() + "\n");
        }
    }

    private String cliSelect(String key, String sql, String input)
    {
        return SelectCli.select(AwsCli.forDataDir(server.dataDir(), directory), BUCKET, key, sql, input);
    }
}
