package dev.tarn.s3.select;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * CSV input as DuckDB's reader takes it. DuckDB knows only {@code \n}, {@code \r\n} and
 * {@code \r} as record delimiters: any other RecordDelimiter S3 Select allows (one or two
 * characters) is rewritten to {@code \n} where it ends a record, that is outside a quoted field.
 * With AllowQuotedRecordDelimiter false (S3's default) a record delimiter inside a quoted field is
 * a CSVParsingError, as S3 does not read a record across it.
 */
final class CsvRecordDelimiters
        extends FilterInputStream
{
    private static final Set<String> NATIVE = Set.of("\n", "\r\n", "\r");
    private static final byte NEW_LINE = '\n';

    private final byte[] delimiter;
    private final boolean rewrite;
    private final boolean allowQuoted;
    private final byte quote;
    private final byte escape;
    private final byte fieldDelimiterEnd;
    private final int comment;
    // the bytes that can change the quoting state (or need rewriting), per state
    private final ByteSearch specialUnquoted;
    private final ByteSearch specialQuoted;
    private final ByteSearch specialInComment;
    private final byte[] input = new byte[64 * 1024];
    // a rewritten chunk: at most every input byte plus a held-back partial delimiter
    private final byte[] output = new byte[input.length + 16];
    private int outputPosition;
    private int outputLimit;
    private int matched;
    private boolean quoted;
    private boolean quoteJustClosed;
    private boolean escaped;
    private boolean fieldStart = true;
    private boolean recordStart = true;
    private boolean inComment;
    private boolean ended;

    private CsvRecordDelimiters(InputStream in, SelectRequest.CsvInput csv)
    {
        super(in);
        this.delimiter = csv.recordDelimiter().getBytes(StandardCharsets.UTF_8);
        this.rewrite = !NATIVE.contains(csv.recordDelimiter());
        this.allowQuoted = csv.allowQuotedRecordDelimiter();
        this.quote = lastByte(csv.quote());
        this.escape = lastByte(csv.quoteEscape());
        this.fieldDelimiterEnd = lastByte(csv.fieldDelimiter());
        this.comment = csv.comments().map(text -> text.getBytes(StandardCharsets.UTF_8)[0] & 0xff).orElse(-1);
        // a delimiter of two bytes, or one that is rewritten, goes through accept; a native one-byte delimiter outside quotes needs no work
        boolean delimiterSpecial = rewrite || delimiter.length > 1;
        List<Byte> unquoted = new ArrayList<>(List.of(quote));
        csv.comments().ifPresent(text -> unquoted.add(text.getBytes(StandardCharsets.UTF_8)[0]));
        if (delimiterSpecial) {
            unquoted.add(delimiter[0]);
        }
        this.specialUnquoted = search(unquoted);
        this.specialQuoted = new ByteSearch(quote, escape, delimiter[0]);
        this.specialInComment = new ByteSearch(delimiter[0]);
    }

    private static ByteSearch search(List<Byte> values)
    {
        byte[] bytes = new byte[values.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = values.get(i);
        }
        return new ByteSearch(bytes);
    }

    /** {@code in} as DuckDB can read it with the delimiter {@link #nativeFormat} gives. */
    static InputStream of(InputStream in, SelectRequest.CsvInput csv)
    {
        requireNonNull(in, "in is null");
        if (NATIVE.contains(csv.recordDelimiter()) && csv.allowQuotedRecordDelimiter()) {
            return in;
        }
        return new CsvRecordDelimiters(in, csv);
    }

    /** The CSV format of the stream {@link #of} returns: the record delimiter is {@code \n} once rewritten. */
    static SelectRequest.CsvInput nativeFormat(SelectRequest.CsvInput csv)
    {
        if (NATIVE.contains(csv.recordDelimiter())) {
            return csv;
        }
        return new SelectRequest.CsvInput(csv.fileHeaderInfo(), csv.fieldDelimiter(), "\n", csv.quote(), csv.quoteEscape(), csv.comments(),
                csv.allowQuotedRecordDelimiter());
    }

    private static byte lastByte(String text)
    {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes[bytes.length - 1];
    }

    @Override
    public int read()
            throws IOException
    {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length)
            throws IOException
    {
        if (length == 0) {
            return 0;
        }
        while (outputPosition == outputLimit) {
            if (ended) {
                return -1;
            }
            fill();
        }
        int count = Math.min(length, outputLimit - outputPosition);
        System.arraycopy(output, outputPosition, buffer, offset, count);
        outputPosition += count;
        return count;
    }

    @Override
    public long skip(long count)
            throws IOException
    {
        byte[] discard = new byte[(int) Math.min(count, 8192)];
        long skipped = 0;
        while (skipped < count) {
            int read = read(discard, 0, (int) Math.min(discard.length, count - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public int available()
    {
        return outputLimit - outputPosition;
    }

    @Override
    public boolean markSupported()
    {
        return false;
    }

    private void fill()
            throws IOException
    {
        outputPosition = 0;
        outputLimit = 0;
        int read = in.read(input);
        if (read < 0) {
            // a partial delimiter at the very end is data
            for (int i = 0; i < matched; i++) {
                data(delimiter[i]);
            }
            matched = 0;
            ended = true;
            return;
        }
        int i = 0;
        while (i < read) {
            // between the bytes that can change the state, bytes pass through untouched; those go one by one
            int special = nextSpecial(i, read);
            if (special > i) {
                passThrough(i, special);
                i = special;
            }
            if (i < read) {
                accept(input[i++]);
            }
        }
    }

    /** The index of the first byte in [from, to) that {@link #accept} must see one by one, or {@code to}. */
    private int nextSpecial(int from, int to)
    {
        if (matched > 0 || escaped) {
            return from;
        }
        ByteSearch special = quoted ? specialQuoted : inComment ? specialInComment : specialUnquoted;
        return special.next(input, from, to);
    }

    /**
     * Copies a run of bytes none of which is special in the current state, leaving the state as
     * {@link #accept} would: inside quotes or a comment nothing changes; outside, only a native
     * one-byte record delimiter (never rewritten, so not special) can end a record in the run.
     */
    private void passThrough(int from, int to)
    {
        int length = to - from;
        System.arraycopy(input, from, output, outputLimit, length);
        outputLimit += length;
        if (quoted || inComment) {
            return;
        }
        byte last = input[to - 1];
        boolean endsRecord = delimiter.length == 1 && last == delimiter[0];
        recordStart = endsRecord;
        fieldStart = endsRecord || last == fieldDelimiterEnd;
        quoteJustClosed = false;
    }

    private void accept(byte value)
    {
        if (value == delimiter[matched]) {
            matched++;
            if (matched == delimiter.length) {
                matched = 0;
                endOfRecord();
            }
            return;
        }
        if (matched > 0) {
            // what looked like the start of a delimiter was data
            int held = matched;
            matched = 0;
            for (int i = 0; i < held; i++) {
                data(delimiter[i]);
            }
            accept(value);
            return;
        }
        data(value);
    }

    private void endOfRecord()
    {
        if (quoted) {
            if (!allowQuoted) {
                throw SelectErrors.CSV_PARSING_ERROR.exception("A quoted field holds a record delimiter, and AllowQuotedRecordDelimiter is false.");
            }
            for (byte value : delimiter) {
                output[outputLimit++] = value;
            }
            return;
        }
        if (rewrite) {
            output[outputLimit++] = NEW_LINE;
        }
        else {
            for (byte value : delimiter) {
                output[outputLimit++] = value;
            }
        }
        recordStart = true;
        fieldStart = true;
        inComment = false;
        quoteJustClosed = false;
    }

    /** A byte of a field (or a comment line), tracked only as far as needed to know whether it is inside quotes. */
    private void data(byte value)
    {
        output[outputLimit++] = value;
        if (inComment) {
            return;
        }
        if (quoted) {
            if (escaped) {
                escaped = false;
            }
            else if (value == escape && escape != quote) {
                escaped = true;
            }
            else if (value == quote) {
                quoted = false;
                quoteJustClosed = true;
            }
            return;
        }
        if (recordStart && (value & 0xff) == comment) {
            inComment = true;
        }
        else if ((fieldStart || quoteJustClosed) && value == quote) {
            // a field's opening quote, or the second of a doubled quote inside a quoted field
            quoted = true;
        }
        recordStart = false;
        quoteJustClosed = false;
        fieldStart = value == fieldDelimiterEnd;
    }
}
