package dev.tarn.glue.classify;

import dev.tarn.glue.model.Classifier.CsvClassifier;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.SerDeInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Glue's built-in CSV classification: the delimiter (comma, tab, pipe, semicolon, Ctrl-A) is the
 * one that splits the sampled records most consistently into two or more fields; the first
 * record is a header when all its fields are distinct non-empty strings and some column of the
 * following records reads as other than string (so a header that looks like data, or data that
 * is all strings, gives columns col0, col1, ...). Ragged records widen the table to the longest.
 */
public final class CsvInference
{
    static final int MAX_RECORDS = 1000;
    private static final char[] DELIMITERS = {',', '\t', '|', ';', '\u0001'};

    private CsvInference() {}

    public static Optional<FileSchema> infer(String text, boolean complete, String compressionType, Optional<CsvClassifier> custom)
    {
        char quote = custom.flatMap(CsvClassifier::quoteSymbol).filter(q -> !q.isEmpty()).map(q -> q.charAt(0)).orElse('"');
        boolean allowSingleColumn = custom.flatMap(CsvClassifier::allowSingleColumn).orElse(false);
        List<Character> candidates = new ArrayList<>();
        Optional<Character> forced = custom.flatMap(CsvClassifier::delimiter).filter(d -> !d.isEmpty()).map(d -> d.charAt(0));
        if (forced.isPresent()) {
            candidates.add(forced.get());
        }
        else {
            for (char delimiter : DELIMITERS) {
                candidates.add(delimiter);
            }
        }
        char best = 0;
        double bestScore = 0;
        CsvReader.Parsed bestParse = null;
        for (char delimiter : candidates) {
            CsvReader.Parsed parsed = CsvReader.records(text, delimiter, quote, MAX_RECORDS, complete);
            double score = score(parsed.records(), allowSingleColumn || forced.isPresent());
            if (score > bestScore) {
                best = delimiter;
                bestScore = score;
                bestParse = parsed;
            }
        }
        if (bestParse == null || bestParse.records().isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> records = bestParse.records();
        boolean trim = !custom.flatMap(CsvClassifier::disableValueTrimming).orElse(false);
        int width = records.stream().mapToInt(List::size).max().orElse(0);

        String headerOption = custom.flatMap(CsvClassifier::containsHeader).orElse("UNKNOWN");
        Optional<List<String>> customHeader = custom.flatMap(CsvClassifier::header).filter(h -> !h.isEmpty());
        boolean header = switch (headerOption) {
            case "PRESENT" -> true;
            case "ABSENT" -> false;
            default -> looksLikeHeader(records, width);
        };
        List<List<String>> data = header ? records.subList(1, records.size()) : records;
        List<String> names = customHeader.orElseGet(() -> header ? records.get(0) : List.of());
        List<Column> columns = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < width; i++) {
            String type = HiveTypes.UNKNOWN;
            for (List<String> record : data) {
                if (i < record.size()) {
                    String value = trim ? record.get(i).trim() : record.get(i);
                    type = HiveTypes.merge(type, ValueTypes.of(value));
                }
            }
            columns.add(Column.of(columnName(i < names.size() ? names.get(i) : "", i, used), type));
        }
        String delimiter = String.valueOf(best);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("classification", "csv");
        parameters.put("delimiter", delimiter);
        parameters.put("areColumnsQuoted", Boolean.toString(bestParse.quoted()));
        parameters.put("columnsOrdered", "true");
        if (header) {
            parameters.put("skip.header.line.count", "1");
        }
        boolean openCsv = bestParse.quoted() || custom.flatMap(CsvClassifier::serde).map("OpenCSVSerDe"::equalsIgnoreCase).orElse(false);
        SerDeInfo serde = openCsv
                ? SerDeInfo.of("org.apache.hadoop.hive.serde2.OpenCSVSerde", Map.of("separatorChar", delimiter, "quoteChar", String.valueOf(quote), "escapeChar", "\\"))
                : SerDeInfo.of("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", Map.of("field.delim", delimiter));
        return Optional.of(new FileSchema("csv", compressionType, columns, "org.apache.hadoop.mapred.TextInputFormat",
                "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", serde, parameters, "csv " + (int) best + (header ? " header" : "")));
    }

    /** How well a delimiter splits: the share of records with the most common field count, zero unless that count is two or more. */
    private static double score(List<List<String>> records, boolean allowSingleColumn)
    {
        if (records.isEmpty()) {
            return 0;
        }
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (List<String> record : records) {
            counts.merge(record.size(), 1, Integer::sum);
        }
        Map.Entry<Integer, Integer> mode = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        if (mode.getKey() < 2 && !allowSingleColumn) {
            return 0;
        }
        // more fields break ties, so a comma inside text does not beat a real tab
        return (double) mode.getValue() / records.size() + mode.getKey() / 10_000.0;
    }

    private static boolean looksLikeHeader(List<List<String>> records, int width)
    {
        if (records.size() < 2) {
            return false;
        }
        List<String> first = records.get(0);
        Set<String> distinct = new HashSet<>();
        for (String field : first) {
            String value = field.trim();
            if (value.isEmpty() || !ValueTypes.of(value).equals("string") || !distinct.add(value.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        for (int i = 0; i < width; i++) {
            String type = HiveTypes.UNKNOWN;
            for (List<String> record : records.subList(1, records.size())) {
                if (i < record.size()) {
                    type = HiveTypes.merge(type, ValueTypes.of(record.get(i).trim()));
                }
            }
            if (!type.equals("string") && !type.equals(HiveTypes.UNKNOWN)) {
                return true;
            }
        }
        return false;
    }

    static String columnName(String raw, int index, Set<String> used)
    {
        String name = raw.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            name = "col" + index;
        }
        String unique = name;
        for (int n = 1; !used.add(unique); n++) {
            unique = name + "_" + n;
        }
        return unique;
    }
}
