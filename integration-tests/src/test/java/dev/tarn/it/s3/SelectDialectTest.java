package dev.tarn.it.s3;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CSVInput;
import software.amazon.awssdk.services.s3.model.ExpressionType;
import software.amazon.awssdk.services.s3.model.FileHeaderInfo;
import software.amazon.awssdk.services.s3.model.JSONType;
import software.amazon.awssdk.services.s3.model.OutputSerialization;
import software.amazon.awssdk.services.s3.model.RecordsEvent;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.SelectObjectContentResponseHandler;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** S3 Select's numbers, CSV record delimiters and quoted record delimiters, end to end through the SDK's async client. */
class SelectDialectTest
{
    private static final String BUCKET = "select-dialect";
    private static TestServer server;
    private static S3Client s3;
    private static S3AsyncClient s3Async;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        s3 = server.s3();
        s3Async = server.s3Async();
        s3.createBucket(request -> request.bucket(BUCKET));
        put("numbers.csv", "name,qty,price\nbolt,30,0.1\nnut,7,0.2\n");
        put("numbers.jsonl", "{\"name\":\"bolt\",\"qty\":30}\n{\"name\":\"nut\",\"qty\":7.5}\n");
        put("semicolons.csv", "name,note;\"a;b\",x;plain,\"quoted \"\"text\"\"\";");
        put("pipes.csv", "name,qty|a,1|b,2|");
        put("pairs.csv", "name,note||one,\"split||not\"||two,2||");
        put("multiline.csv", "name,note\nfirst,\"line one\nline two\"\nsecond,plain\n");
    }

    @AfterAll
    static void stop()
    {
        s3Async.close();
        s3.close();
        server.close();
    }

    private static void put(String key, String text)
    {
        s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString(text, StandardCharsets.UTF_8));
    }

    private static String select(String key, String sql, Consumer<CSVInput.Builder> csv, Consumer<OutputSerialization.Builder> output)
    {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        List<String> events = new ArrayList<>();
        SelectObjectContentResponseHandler handler = SelectObjectContentResponseHandler.builder()
                .subscriber(SelectObjectContentResponseHandler.Visitor.builder()
                        .onRecords((RecordsEvent event) -> records.writeBytes(event.payload().asByteArray()))
                        .onEnd(event -> events.add("End"))
                        .build())
                .build();
        s3Async.selectObjectContent(request -> request.bucket(BUCKET).key(key).expression(sql).expressionType(ExpressionType.SQL)
                .inputSerialization(input -> input.csv(builder -> {
                    builder.fileHeaderInfo(FileHeaderInfo.USE);
                    csv.accept(builder);
                }))
                .outputSerialization(output), handler).join();
        assertThat(events).as(sql).containsExactly("End");
        return records.toString(StandardCharsets.UTF_8);
    }

    private static String json(String key, String sql, Consumer<OutputSerialization.Builder> output)
    {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        SelectObjectContentResponseHandler handler = SelectObjectContentResponseHandler.builder()
                .subscriber(SelectObjectContentResponseHandler.Visitor.builder()
                        .onRecords((RecordsEvent event) -> records.writeBytes(event.payload().asByteArray()))
                        .build())
                .build();
        s3Async.selectObjectContent(request -> request.bucket(BUCKET).key(key).expression(sql).expressionType(ExpressionType.SQL)
                .inputSerialization(input -> input.json(builder -> builder.type(JSONType.LINES)))
                .outputSerialization(output), handler).join();
        return records.toString(StandardCharsets.UTF_8);
    }

    private static String errorCode(Runnable query)
    {
        Throwable thrown = catchThrowable(query::run);
        Throwable cause = thrown instanceof CompletionException ? thrown.getCause() : thrown;
        assertThat(cause).isInstanceOf(S3Exception.class);
        return ((S3Exception) cause).awsErrorDetails().errorCode();
    }

    private static Consumer<OutputSerialization.Builder> csvOut()
    {
        return output -> output.csv(csv -> {});
    }

    private static Consumer<OutputSerialization.Builder> jsonOut()
    {
        return output -> output.json(json -> {});
    }

    @Test
    void integerArithmeticAndExactDecimals()
    {
        assertThat(select("numbers.csv", "SELECT CAST(CAST(qty AS INT) * 2 AS STRING), CAST(qty AS INT) / 4 FROM s3object", csv -> {}, csvOut()))
                .isEqualTo("60,7\n14,1\n");
        assertThat(select("numbers.csv", "SELECT SUM(CAST(price AS DECIMAL)) FROM s3object", csv -> {}, csvOut())).isEqualTo("0.3\n");
        assertThat(select("numbers.csv", "SELECT CAST(qty AS INT) * 2 AS doubled, CAST(qty AS FLOAT) / 2 AS half FROM s3object", csv -> {}, jsonOut()))
                .isEqualTo("{\"doubled\":60,\"half\":15}\n{\"doubled\":14,\"half\":3.5}\n");
    }

    @Test
    void jsonOutputWritesWholeNumbersWithoutAFraction()
    {
        assertThat(json("numbers.jsonl", "SELECT s.name, s.qty * 2 AS doubled FROM s3object s", jsonOut()))
                .isEqualTo("{\"name\":\"bolt\",\"doubled\":60}\n{\"name\":\"nut\",\"doubled\":15}\n");
        assertThat(json("numbers.jsonl", "SELECT CAST(s.qty * 2 AS STRING) FROM s3object s", csvOut())).isEqualTo("60\n15\n");
    }

    @Test
    void recordDelimiterOfAnyOneOrTwoCharacters()
    {
        assertThat(select("pipes.csv", "SELECT SUM(CAST(qty AS INT)) FROM s3object", csv -> csv.recordDelimiter("|"), csvOut())).isEqualTo("3\n");
        assertThat(select("semicolons.csv", "SELECT note FROM s3object", csv -> csv.recordDelimiter(";").allowQuotedRecordDelimiter(true), csvOut()))
                .isEqualTo("x\n\"quoted \"\"text\"\"\"\n");
        assertThat(select("semicolons.csv", "SELECT name FROM s3object", csv -> csv.recordDelimiter(";").allowQuotedRecordDelimiter(true), csvOut()))
                .isEqualTo("a;b\nplain\n");
        assertThat(select("pairs.csv", "SELECT name, note FROM s3object", csv -> csv.recordDelimiter("||").allowQuotedRecordDelimiter(true), csvOut()))
                .isEqualTo("one,split||not\ntwo,2\n");
        assertThat(select("pairs.csv", "SELECT COUNT(*) FROM s3object", csv -> csv.recordDelimiter("||").allowQuotedRecordDelimiter(true), csvOut()))
                .isEqualTo("2\n");
    }

    @Test
    void quotedRecordDelimiterOnlyWhenAllowed()
    {
        assertThat(select("multiline.csv", "SELECT note FROM s3object", csv -> csv.allowQuotedRecordDelimiter(true), csvOut()))
                .isEqualTo("\"line one\nline two\"\nplain\n");
        assertThat(errorCode(() -> select("multiline.csv", "SELECT note FROM s3object", csv -> {}, csvOut()))).isEqualTo("CSVParsingError");
        assertThat(errorCode(() -> select("pairs.csv", "SELECT note FROM s3object", csv -> csv.recordDelimiter("||"), csvOut())))
                .isEqualTo("CSVParsingError");
        assertThat(errorCode(() -> select("semicolons.csv", "SELECT note FROM s3object", csv -> csv.recordDelimiter(";"), csvOut())))
                .isEqualTo("CSVParsingError");
    }
}
