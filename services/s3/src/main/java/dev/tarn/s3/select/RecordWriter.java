package dev.tarn.s3.select;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Serializes result rows as the request's OutputSerialization asks: CSV with its delimiters and
 * quoting, or one JSON object per record. A SQL NULL is an empty CSV field; in JSON a member that
 * is MISSING is left out, while a JSON input's {@code null} stays {@code null}.
 */
final class RecordWriter
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SelectRequest.OutputFormat format;
    private final List<Translation.OutputColumn> columns;
    private final boolean selectAll;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(128 * 1024);
    private final JsonFactory jsonFactory = new JsonFactory();

    /** {@code recordColumns}: how many of the result's first columns are the record (a completion marker follows them). */
    RecordWriter(SelectRequest.OutputFormat format, Translation translation, ResultSetMetaData metadata, int recordColumns)
            throws SQLException
    {
        this.format = requireNonNull(format, "format is null");
        this.selectAll = translation.selectAll();
        if (translation.columns().isEmpty()) {
            // SELECT * over Parquet: the file's own columns.
            List<Translation.OutputColumn> fileColumns = new ArrayList<>();
            for (int i = 1; i <= recordColumns; i++) {
                fileColumns.add(new Translation.OutputColumn(metadata.getColumnName(i), false));
            }
            this.columns = List.copyOf(fileColumns);
        }
        else {
            this.columns = translation.columns();
        }
    }

    ByteArrayOutputStream buffer()
    {
        return buffer;
    }

    void write(ResultSet row)
            throws SQLException
    {
        if (format instanceof SelectRequest.CsvOutput csv) {
            writeCsv(row, csv);
        }
        else {
            writeJson(row, (SelectRequest.JsonOutput) format);
        }
    }

    private void writeCsv(ResultSet row, SelectRequest.CsvOutput csv)
            throws SQLException
    {
        List<String> values = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Object value = row.getObject(i + 1);
            if (columns.get(i).json()) {
                if (selectAll) {
                    documentValues(value).forEach(values::add);
                }
                else {
                    values.add(value == null ? "" : jsonText(value.toString()));
                }
            }
            else {
                values.add(value == null ? "" : text(value));
            }
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(csv.fieldDelimiter());
            }
            appendCsvField(line, values.get(i), csv);
        }
        line.append(csv.recordDelimiter());
        buffer.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void appendCsvField(StringBuilder line, String value, SelectRequest.CsvOutput csv)
    {
        boolean quote = csv.quoteAlways() || value.contains(csv.fieldDelimiter()) || value.contains(csv.quote())
                || value.contains(csv.recordDelimiter()) || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        if (!quote) {
            line.append(value);
            return;
        }
        line.append(csv.quote()).append(value.replace(csv.quote(), csv.quoteEscape() + csv.quote())).append(csv.quote());
    }

    /** The top-level values of a JSON record, for CSV output of SELECT * over JSON. */
    private static List<String> documentValues(Object document)
    {
        if (document == null) {
            return List.of();
        }
        JsonNode node = parse(document.toString());
        List<String> values = new ArrayList<>();
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                values.add(nodeText(fields.next().getValue()));
            }
        }
        else if (node.isArray()) {
            node.forEach(element -> values.add(nodeText(element)));
        }
        else {
            values.add(nodeText(node));
        }
        return values;
    }

    private static String jsonText(String json)
    {
        return nodeText(parse(json));
    }

    private static String nodeText(JsonNode node)
    {
        return node.isValueNode() ? (node.isNull() ? "" : node.asText()) : node.toString();
    }

    private static JsonNode parse(String json)
    {
        try {
            return JSON.readTree(json);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeJson(ResultSet row, SelectRequest.JsonOutput json)
            throws SQLException
    {
        try (JsonGenerator generator = jsonFactory.createGenerator(buffer)) {
            generator.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            if (selectAll && columns.size() == 1 && columns.get(0).json()) {
                Object document = row.getObject(1);
                JSON.writeTree(generator, document == null ? JSON.createObjectNode() : parse(document.toString()));
            }
            else {
                generator.writeStartObject();
                for (int i = 0; i < columns.size(); i++) {
                    Object value = row.getObject(i + 1);
                    if (value == null) {
                        continue;
                    }
                    generator.writeFieldName(columns.get(i).name());
                    if (columns.get(i).json()) {
                        JSON.writeTree(generator, parse(value.toString()));
                    }
                    else {
                        writeJsonValue(generator, value);
                    }
                }
                generator.writeEndObject();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffer.writeBytes(json.recordDelimiter().getBytes(StandardCharsets.UTF_8));
    }

    private static void writeJsonValue(JsonGenerator generator, Object value)
            throws IOException
    {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        }
        else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (isWhole(number)) {
                // a whole number is written as S3 Select writes it, 60 rather than 60.0
                generator.writeNumber((long) number);
            }
            else if (Double.isFinite(number)) {
                generator.writeNumber(number);
            }
            else {
                generator.writeString(Double.toString(number));
            }
        }
        else if (value instanceof BigDecimal decimal) {
            generator.writeNumber(new BigDecimal(text(decimal)));
        }
        else if (value instanceof java.math.BigInteger integer) {
            generator.writeNumber(integer);
        }
        else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        }
        else {
            generator.writeString(text(value));
        }
    }

    /** Whether a DOUBLE holds a whole number small enough to be written exactly without a fraction. */
    private static boolean isWhole(double number)
    {
        return Double.isFinite(number) && number == Math.rint(number) && Math.abs(number) < 1e15;
    }

    /** A value as S3 Select writes it in CSV: numbers without exponent, timestamps in ISO 8601 UTC. */
    static String text(Object value)
    {
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                return Double.toString(number);
            }
            if (isWhole(number)) {
                return Long.toString((long) number);
            }
            String plain = Double.toString(number);
            return plain.contains("E") ? BigDecimal.valueOf(number).toPlainString() : plain;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof OffsetDateTime timestamp) {
            return DateTimeFormatter.ISO_INSTANT.format(timestamp.toInstant());
        }
        if (value instanceof ZonedDateTime timestamp) {
            return DateTimeFormatter.ISO_INSTANT.format(timestamp.toInstant());
        }
        if (value instanceof Instant instant) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return DateTimeFormatter.ISO_INSTANT.format(timestamp.toInstant());
        }
        return value.toString();
    }
}
