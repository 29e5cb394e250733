package dev.tarn.athena.execution;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Athena's result CSV: every value in double quotes (a quote inside doubled), SQL NULL as an
 * empty unquoted field, rows ending in {@code \n}. Written and read here rather than with a CSV
 * library because the distinction between {@code ""} (empty string) and nothing (NULL) is the
 * point of the format, and general CSV readers erase it.
 */
public final class AthenaCsv
{
    private AthenaCsv() {}

    public static void writeRow(Writer out, List<Optional<String>> values)
            throws IOException
    {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Optional<String> value = values.get(i);
            if (value.isPresent()) {
                out.write('"');
                out.write(value.get().replace("\"", "\"\""));
                out.write('"');
            }
        }
        out.write('\n');
    }

    /**
     * The end (exclusive, after its {@code \n}) of the row starting at {@code start} in
     * {@code bytes[start, limit)}, or -1 when the row does not end within them.
     */
    public static int rowEnd(byte[] bytes, int start, int limit)
    {
        boolean quoted = false;
        for (int i = start; i < limit; i++) {
            byte b = bytes[i];
            if (b == '"') {
                quoted = !quoted;
            }
            else if (b == '\n' && !quoted) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The values of the row in {@code bytes[start, end)} (its {@code \n} included). */
    public static List<Optional<String>> parseRow(byte[] bytes, int start, int end)
    {
        int stop = end > start && bytes[end - 1] == '\n' ? end - 1 : end;
        List<Optional<String>> values = new ArrayList<>();
        int i = start;
        while (true) {
            if (i < stop && bytes[i] == '"') {
                StringBuilder value = new StringBuilder();
                int from = i + 1;
                int j = from;
                while (true) {
                    if (j >= stop) {
                        throw new IllegalArgumentException("unterminated quoted value");
                    }
                    if (bytes[j] == '"') {
                        value.append(new String(bytes, from, j - from, StandardCharsets.UTF_8));
                        if (j + 1 < stop && bytes[j + 1] == '"') {
                            value.append('"');
                            j += 2;
                            from = j;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                values.add(Optional.of(value.toString()));
                i = j + 1;
            }
            else {
                int j = i;
                while (j < stop && bytes[j] != ',') {
                    j++;
                }
                values.add(j == i ? Optional.empty() : Optional.of(new String(bytes, i, j - i, StandardCharsets.UTF_8)));
                i = j;
            }
            if (i >= stop) {
                return values;
            }
            if (bytes[i] != ',') {
                throw new IllegalArgumentException("expected a comma at byte " + i);
            }
            i++;
            if (i == stop) {
                values.add(Optional.empty());
                return values;
            }
        }
    }
}
