package dev.tarn.glue.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited text into records of fields, RFC 4180 style: a field in quotes may hold the
 * delimiter, line breaks and doubled quotes. {@link #records} reports whether the last record was
 * cut short by the end of the text.
 */
final class CsvReader
{
    private CsvReader() {}

    record Parsed(List<List<String>> records, boolean quoted) {}

    /** At most {@code maxRecords} records; when {@code complete} is false, the last (possibly cut) record is dropped. */
    static Parsed records(String text, char delimiter, char quote, int maxRecords, boolean complete)
    {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean quoted = false;
        boolean fieldStarted = false;
        int i = 0;
        int n = text.length();
        while (i < n && records.size() < maxRecords) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == quote) {
                    if (i + 1 < n && text.charAt(i + 1) == quote) {
                        field.append(quote);
                        i += 2;
                        continue;
                    }
                    inQuotes = false;
                }
                else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == quote && field.toString().isBlank()) {
                inQuotes = true;
                quoted = true;
                fieldStarted = true;
                field.setLength(0);
            }
            else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            }
            else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
                    fields.add(field.toString());
                    records.add(fields);
                }
                fields = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
            }
            else {
                field.append(c);
                fieldStarted = true;
            }
            i++;
        }
        boolean ended = i >= n;
        if (records.size() < maxRecords && (fieldStarted || field.length() > 0 || !fields.isEmpty())) {
            // the text ended inside a record: keep it only when it is the true end of the file
            if (complete && ended && !inQuotes) {
                fields.add(field.toString());
                records.add(fields);
            }
        }
        return new Parsed(records, quoted);
    }
}
