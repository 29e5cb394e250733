package dev.tarn.s3.select;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the first record of a CSV stream with the request's delimiters and quoting: the header
 * names (FileHeaderInfo USE), or the number of columns of the first row. Comment lines before it
 * are skipped.
 */
final class CsvHeader
{
    static final int MAX_RECORD_BYTES = 1024 * 1024;

    private CsvHeader() {}

    /** The fields of the next record, consuming it; empty when the stream is at its end. */
    static List<String> readRecord(PushbackInputStream in, SelectRequest.CsvInput format)
            throws IOException
    {
        int fieldDelimiter = format.fieldDelimiter().charAt(0);
        int recordDelimiter = format.recordDelimiter().equals("\r\n") ? '\n' : format.recordDelimiter().charAt(0);
        int quote = format.quote().charAt(0);
        int escape = format.quoteEscape().charAt(0);
        while (true) {
            List<String> fields = new ArrayList<>();
            ByteArrayOutputStream field = new ByteArrayOutputStream();
            boolean quoted = false;
            boolean any = false;
            int read = 0;
            int value;
            boolean comment = false;
            while ((value = in.read()) >= 0 && read++ < MAX_RECORD_BYTES) {
                if (!any && format.comments().isPresent() && value == format.comments().get().charAt(0)) {
                    comment = true;
                }
                any = true;
                if (comment) {
                    if (value == recordDelimiter) {
                        break;
                    }
                    continue;
                }
                if (quoted) {
                    if (value == escape && escape != quote) {
                        int next = in.read();
                        if (next >= 0) {
                            field.write(next);
                        }
                        continue;
                    }
                    if (value == quote) {
                        int next = in.read();
                        if (next == quote) {
                            field.write(quote);
                            continue;
                        }
                        if (next >= 0) {
                            in.unread(next);
                        }
                        quoted = false;
                        continue;
                    }
                    field.write(value);
                    continue;
                }
                if (value == quote) {
                    quoted = true;
                }
                else if (value == fieldDelimiter) {
                    fields.add(field.toString(StandardCharsets.UTF_8));
                    field.reset();
                }
                else if (value == recordDelimiter) {
                    break;
                }
                else {
                    field.write(value);
                }
            }
            if (!any) {
                return List.of();
            }
            if (comment) {
                continue;
            }
            String last = field.toString(StandardCharsets.UTF_8);
            if (recordDelimiter == '\n' && last.endsWith("\r")) {
                last = last.substring(0, last.length() - 1);
            }
            fields.add(last);
            return fields;
        }
    }
}
