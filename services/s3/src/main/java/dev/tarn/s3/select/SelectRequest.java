package dev.tarn.s3.select;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.spi.error.AwsErrorCode;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/** A SelectObjectContent request body, validated: the SQL, how to read the object, how to write the records. */
public record SelectRequest(String expression, InputFormat input, Compression compression, OutputFormat output, boolean progress,
        Optional<ScanRange> scanRange)
{
    public SelectRequest
    {
        requireNonNull(expression, "expression is null");
        requireNonNull(input, "input is null");
        requireNonNull(compression, "compression is null");
        requireNonNull(output, "output is null");
        requireNonNull(scanRange, "scanRange is null");
    }

    public enum Compression { NONE, GZIP, BZIP2 }

    public enum FileHeaderInfo { USE, IGNORE, NONE }

    public sealed interface InputFormat {}

    public record CsvInput(FileHeaderInfo fileHeaderInfo, String fieldDelimiter, String recordDelimiter, String quote, String quoteEscape,
            Optional<String> comments, boolean allowQuotedRecordDelimiter)
            implements InputFormat {}

    public record JsonInput(boolean lines)
            implements InputFormat {}

    public record ParquetInput()
            implements InputFormat {}

    public sealed interface OutputFormat {}

    public record CsvOutput(boolean quoteAlways, String fieldDelimiter, String recordDelimiter, String quote, String quoteEscape)
            implements OutputFormat {}

    public record JsonOutput(String recordDelimiter)
            implements OutputFormat {}

    /** Byte offsets; only {@code end} means the last {@code end} bytes, as on S3. */
    public record ScanRange(OptionalLong start, OptionalLong end) {}

    public static SelectRequest fromXml(JsonNode root)
    {
        String expression = text(root, "Expression").filter(value -> !value.isEmpty())
                .orElseThrow(() -> missing("Expression"));
        String expressionType = text(root, "ExpressionType").orElseThrow(() -> missing("ExpressionType"));
        if (!expressionType.equals("SQL")) {
            throw SelectErrors.INVALID_EXPRESSION_TYPE.exception();
        }
        JsonNode input = child(root, "InputSerialization").orElseThrow(() -> missing("InputSerialization"));
        JsonNode output = child(root, "OutputSerialization").orElseThrow(() -> missing("OutputSerialization"));
        boolean progress = child(root, "RequestProgress").flatMap(node -> text(node, "Enabled")).map(Boolean::parseBoolean).orElse(false);
        Compression compression = text(input, "CompressionType").map(value -> enumValue(Compression.class, value, SelectErrors.INVALID_COMPRESSION_FORMAT))
                .orElse(Compression.NONE);
        InputFormat inputFormat = inputFormat(input);
        if (inputFormat instanceof ParquetInput && compression != Compression.NONE) {
            throw SelectErrors.INVALID_COMPRESSION_FORMAT.exception("Compression is not supported for Parquet input.");
        }
        Optional<ScanRange> scanRange = child(root, "ScanRange").map(SelectRequest::scanRange);
        if (scanRange.isPresent() && (compression != Compression.NONE || (inputFormat instanceof JsonInput json && !json.lines())
                || (inputFormat instanceof CsvInput csv && csv.allowQuotedRecordDelimiter()))) {
            throw SelectErrors.UNSUPPORTED_SCAN_RANGE_INPUT.exception();
        }
        return new SelectRequest(expression, inputFormat, compression, outputFormat(output), progress, scanRange);
    }

    private static InputFormat inputFormat(JsonNode input)
    {
        Optional<JsonNode> csv = child(input, "CSV");
        Optional<JsonNode> json = child(input, "JSON");
        Optional<JsonNode> parquet = child(input, "Parquet");
        int formats = (csv.isPresent() ? 1 : 0) + (json.isPresent() ? 1 : 0) + (parquet.isPresent() ? 1 : 0);
        if (formats > 1) {
            throw SelectErrors.OBJECT_SERIALIZATION_CONFLICT.exception();
        }
        if (formats == 0) {
            throw SelectErrors.INVALID_DATA_SOURCE.exception();
        }
        if (csv.isPresent()) {
            JsonNode node = csv.get();
            return new CsvInput(
                    text(node, "FileHeaderInfo").map(value -> enumValue(FileHeaderInfo.class, value, SelectErrors.INVALID_FILE_HEADER_INFO))
                            .orElse(FileHeaderInfo.NONE),
                    character(node, "FieldDelimiter", ","),
                    character(node, "RecordDelimiter", "\n"),
                    character(node, "QuoteCharacter", "\""),
                    character(node, "QuoteEscapeCharacter", "\""),
                    text(node, "Comments").filter(value -> !value.isEmpty()),
                    text(node, "AllowQuotedRecordDelimiter").map(Boolean::parseBoolean).orElse(false));
        }
        if (json.isPresent()) {
            String type = text(json.get(), "Type").orElseThrow(() -> missing("Type"));
            return switch (type.toUpperCase(Locale.ROOT)) {
                case "DOCUMENT" -> new JsonInput(false);
                case "LINES" -> new JsonInput(true);
                default -> throw SelectErrors.INVALID_JSON_TYPE.exception();
            };
        }
        return new ParquetInput();
    }

    private static OutputFormat outputFormat(JsonNode output)
    {
        Optional<JsonNode> csv = child(output, "CSV");
        Optional<JsonNode> json = child(output, "JSON");
        if (csv.isPresent() && json.isPresent()) {
            throw SelectErrors.OBJECT_SERIALIZATION_CONFLICT.exception();
        }
        if (csv.isPresent()) {
            JsonNode node = csv.get();
            boolean always = text(node, "QuoteFields").map(value -> switch (value.toUpperCase(Locale.ROOT)) {
                case "ALWAYS" -> true;
                case "ASNEEDED" -> false;
                default -> throw SelectErrors.INVALID_QUOTE_FIELDS.exception();
            }).orElse(false);
            return new CsvOutput(always, character(node, "FieldDelimiter", ","), character(node, "RecordDelimiter", "\n"),
                    character(node, "QuoteCharacter", "\""), character(node, "QuoteEscapeCharacter", "\""));
        }
        if (json.isPresent()) {
            return new JsonOutput(character(json.get(), "RecordDelimiter", "\n"));
        }
        throw SelectErrors.INVALID_DATA_SOURCE.exception("OutputSerialization must name CSV or JSON.");
    }

    private static ScanRange scanRange(JsonNode node)
    {
        OptionalLong start = number(node, "Start");
        OptionalLong end = number(node, "End");
        if ((start.isPresent() && start.getAsLong() < 0) || (end.isPresent() && end.getAsLong() < 0)
                || (start.isPresent() && end.isPresent() && start.getAsLong() > end.getAsLong())) {
            throw SelectErrors.INVALID_SCAN_RANGE.exception();
        }
        return new ScanRange(start, end);
    }

    private static OptionalLong number(JsonNode node, String name)
    {
        Optional<String> value = text(node, name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().trim()));
        }
        catch (NumberFormatException e) {
            throw SelectErrors.INVALID_SCAN_RANGE.exception();
        }
    }

    /** A delimiter or quote: one or two characters (CRLF), sent as XML text (so a newline is {@code &#10;}). */
    private static String character(JsonNode node, String name, String defaultValue)
    {
        Optional<String> value = text(node, name);
        if (value.isEmpty() || value.get().isEmpty()) {
            return defaultValue;
        }
        if (value.get().length() > 2) {
            throw SelectErrors.INVALID_REQUEST_PARAMETER.exception("The " + name + " must be one or two characters.").with("ArgumentName", name);
        }
        return value.get();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, AwsErrorCode error)
    {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw error.exception();
        }
    }

    private static Optional<JsonNode> child(JsonNode node, String name)
    {
        return Optional.ofNullable(node.get(name)).filter(child -> !child.isNull());
    }

    private static Optional<String> text(JsonNode node, String name)
    {
        return child(node, name).map(JsonNode::asText);
    }

    private static RuntimeException missing(String name)
    {
        return SelectErrors.MISSING_REQUIRED_PARAMETER.exception("The SelectRequest entity is missing a required parameter: " + name + ".");
    }
}
