package dev.tarn.s3.select;

import dev.tarn.scan.LineSplit;
import dev.tarn.scan.PipeFeeder;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

import static dev.tarn.s3.select.DuckDbTranslator.quote;
import static java.util.Objects.requireNonNull;

/**
 * How a CSV object reaches DuckDB: its header and column count, and the named pipes its records
 * pass through. A small object, a query with LIMIT (which reads only the start) or records that
 * cannot be cut at newlines go through one pipe. Otherwise the records are cut at newlines into
 * parts, one pipe each, which DuckDB parses in parallel: an uncompressed object into byte ranges
 * read independently, a compressed one into consecutive chunks of its one stream. A query that
 * returns records then ends with an end row (see {@link DuckDbTranslator#translateWithEndRow}),
 * appended to the last pipe as an extra column, so a result cut short by a failure is told from
 * a complete one without a UNION, which would cost DuckDB half as much again when it keeps order.
 */
final class CsvInputPipes
{
    /** Marks a CSV field as SQL NULL to DuckDB; no real field holds it, so an empty field stays an empty string. */
    static final String NO_NULL = "\u0001\u0002";
    /** About the bytes of one split of a large object: big enough that DuckDB's per-file cost is noise, small enough to balance two threads. */
    private static final long SPLIT_BYTES = 16L * 1024 * 1024;
    private static final int MAX_SPLITS = 256;
    /** The chunks of a compressed object are held in memory, one per pipe being written. */
    private static final int CHUNK_BYTES = 8 * 1024 * 1024;
    private static final int MAX_CHUNKS = 512;
    /** A compressed object's pipes are made before its size is known: enough for CSV compressed ten to one; the last pipe takes any excess. */
    private static final long COMPRESSION_RATIO_GUESS = 10;
    private static final String END_COLUMN = "tarn_end";

    private final InputSchema.Csv schema;
    private final String from;
    private final RecordPipes pipes;
    private final Optional<String> endRow;

    private CsvInputPipes(InputSchema.Csv schema, String from, RecordPipes pipes, Optional<String> endRow)
    {
        this.schema = schema;
        this.from = from;
        this.pipes = pipes;
        this.endRow = endRow;
    }

    InputSchema.Csv schema()
    {
        return schema;
    }

    /** The DuckDB relation reading the pipes. */
    String from()
    {
        return from;
    }

    RecordPipes pipes()
    {
        return pipes;
    }

    /** Whether DuckDB reads several pipes, and so may use all its threads. */
    boolean parallel()
    {
        return pipes.paths().size() > 1;
    }

    /** The condition true for the end row alone, when the records end with one. */
    Optional<String> endRow()
    {
        return endRow;
    }

    /**
     * Reads the header (or the first record's width), decides how the records are cut and starts
     * the pipes. The object is opened here, as many times as it is cut.
     */
    static CsvInputPipes open(SelectRequest.CsvInput requested, SelectRequest.Compression compression, SelectQuery query, SelectSource source,
            SelectStats stats, SelectSettings settings)
            throws IOException
    {
        // from here on the records end in a delimiter DuckDB knows
        SelectRequest.CsvInput csv = CsvRecordDelimiters.nativeFormat(requested);
        boolean cuttable = query.limit().isEmpty() && settings.threads() > 1 && splittable(requested);
        List<LineSplit> splits = cuttable && compression == SelectRequest.Compression.NONE ? source.splits(SPLIT_BYTES, MAX_SPLITS) : List.of();
        int chunks = cuttable && compression != SelectRequest.Compression.NONE
                ? (int) Math.min(MAX_CHUNKS, source.length() * COMPRESSION_RATIO_GUESS / CHUNK_BYTES) : 0;
        boolean ranges = splits.size() > 1;
        // byte ranges open the object each for itself; otherwise the records are one stream from the start
        Optional<PushbackInputStream> records = ranges ? Optional.empty()
                : Optional.of(new PushbackInputStream(CsvRecordDelimiters.of(source.open(stats), requested), 16));
        try {
            return open(requested, csv, query, source, stats, settings, splits, chunks, records);
        }
        catch (IOException | RuntimeException e) {
            if (records.isPresent()) {
                records.get().close();
            }
            throw e;
        }
    }

    private static CsvInputPipes open(SelectRequest.CsvInput requested, SelectRequest.CsvInput csv, SelectQuery query, SelectSource source,
            SelectStats stats, SelectSettings settings, List<LineSplit> splits, int chunks, Optional<PushbackInputStream> records)
            throws IOException
    {
        boolean ranges = records.isEmpty();
        boolean parallel = ranges || chunks > 1;
        List<String> header = List.of();
        int columns;
        if (csv.fileHeaderInfo() == SelectRequest.FileHeaderInfo.NONE) {
            try (InputStream start = CsvRecordDelimiters.of(source.openStart(), requested)) {
                columns = CsvHeader.readRecord(new PushbackInputStream(start, 16), csv).size();
            }
        }
        else {
            if (source.rangeStart() == 0 && records.isPresent()) {
                header = CsvHeader.readRecord(records.get(), csv);
            }
            else {
                try (InputStream start = CsvRecordDelimiters.of(source.openStart(), requested)) {
                    header = CsvHeader.readRecord(new PushbackInputStream(start, 16), csv);
                }
            }
            columns = header.size();
            if (csv.fileHeaderInfo() == SelectRequest.FileHeaderInfo.IGNORE) {
                header = List.of();
            }
        }
        columns = Math.max(Math.max(columns, DuckDbTranslator.maxPositionalColumn(query)), 1);
        InputSchema.Csv schema = new InputSchema.Csv(columns, header);

        Optional<RecordPipes.EndLine> endLine = Optional.empty();
        Optional<String> endRow = Optional.empty();
        if (parallel && !DuckDbTranslator.isAggregate(query)) {
            String token = "end-" + UUID.randomUUID();
            endLine = Optional.of(new RecordPipes.EndLine(csv.recordDelimiter().getBytes(StandardCharsets.UTF_8), endLine(csv, columns, token)));
            endRow = Optional.of(END_COLUMN + " = " + quote(token));
        }
        RecordPipes pipes;
        if (ranges) {
            boolean headerInFirstSplit = csv.fileHeaderInfo() != SelectRequest.FileHeaderInfo.NONE && source.rangeStart() == 0;
            List<PipeFeeder.Content> contents = new ArrayList<>();
            for (int i = 0; i < splits.size(); i++) {
                contents.add(splitRecords(source, splits.get(i), stats, requested, i == 0 && headerInFirstSplit));
            }
            pipes = RecordPipes.split(settings.scratchDirectory(), contents, endLine, settings.threads() + 1);
        }
        else if (parallel) {
            pipes = RecordPipes.chunked(settings.scratchDirectory(), records.get(), CHUNK_BYTES, chunks, endLine, settings.threads() + 1);
        }
        else {
            pipes = RecordPipes.single(settings.scratchDirectory(), records.get());
        }
        return new CsvInputPipes(schema, readCsv(pipes.paths(), csv, columns, endRow.isPresent()), pipes, endRow);
    }

    /**
     * Whether every newline ends a record, so the records can be cut at newlines: no quoted record
     * delimiters, and no delimiter of the request's own choosing.
     */
    private static boolean splittable(SelectRequest.CsvInput csv)
    {
        return (csv.recordDelimiter().equals("\n") || csv.recordDelimiter().equals("\r\n")) && !csv.allowQuotedRecordDelimiter();
    }

    /** One split's records, the header left out of the first split, as DuckDB reads them. */
    private static PipeFeeder.Content splitRecords(SelectSource source, LineSplit split, SelectStats stats, SelectRequest.CsvInput requested, boolean skipHeader)
    {
        return pipe -> {
            try (PushbackInputStream records = new PushbackInputStream(CsvRecordDelimiters.of(source.open(split, stats), requested), 16)) {
                if (skipHeader) {
                    CsvHeader.readRecord(records, CsvRecordDelimiters.nativeFormat(requested));
                }
                RecordPipes.copy(records, pipe);
            }
        };
    }

    /** A record whose fields are all NULL but an extra last one holding {@code token}. */
    private static byte[] endLine(SelectRequest.CsvInput csv, int columns, String token)
    {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            line.append(NO_NULL).append(csv.fieldDelimiter());
        }
        return line.append(token).append(csv.recordDelimiter()).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readCsv(List<Path> paths, SelectRequest.CsvInput csv, int columns, boolean endColumn)
    {
        StringJoiner files = new StringJoiner(", ", "[", "]");
        paths.forEach(path -> files.add(quote(path.toString())));
        StringJoiner names = new StringJoiner(", ", "{", "}");
        for (int i = 1; i <= columns; i++) {
            names.add("'c" + i + "': 'VARCHAR'");
        }
        if (endColumn) {
            names.add("'" + END_COLUMN + "': 'VARCHAR'");
        }
        StringBuilder sql = new StringBuilder("read_csv(").append(files)
                .append(", header = false, auto_detect = false, columns = ").append(names)
                .append(", delim = ").append(quote(csv.fieldDelimiter()))
                .append(", quote = ").append(quote(csv.quote()))
                .append(", escape = ").append(quote(csv.quoteEscape()))
                .append(", new_line = ").append(quote(csv.recordDelimiter().equals("\r\n") ? "\\r\\n" : csv.recordDelimiter().equals("\r") ? "\\r" : "\\n"))
                .append(", null_padding = true, strict_mode = false, nullstr = ").append(quote(NO_NULL))
                .append(", max_line_size = ").append(CsvHeader.MAX_RECORD_BYTES);
        csv.comments().ifPresent(comment -> sql.append(", comment = ").append(quote(comment.substring(0, 1))));
        return sql.append(")").toString();
    }
}
