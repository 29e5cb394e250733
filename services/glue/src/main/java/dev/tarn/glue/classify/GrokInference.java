package dev.tarn.glue.classify;

import dev.tarn.glue.model.Classifier.GrokClassifier;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.SerDeInfo;
import io.krakens.grok.api.Grok;
import io.krakens.grok.api.GrokCompiler;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Grok custom classifier: the file matches when every sampled line matches the classifier's
 * pattern (with Glue's built-in patterns, the Logstash library, and the classifier's own
 * CustomPatterns). Columns are the pattern's named captures in the order they appear, typed by
 * Glue's {@code %{PATTERN:name:type}} (byte, boolean, double, short, int, long, float), string
 * otherwise.
 */
public final class GrokInference
{
    private static final int MAX_LINES = 1000;
    private static final Map<String, String> HIVE_TYPES = Map.of(
            "byte", "tinyint", "boolean", "boolean", "double", "double", "short", "smallint", "int", "int", "long", "bigint", "float", "float");

    private GrokInference() {}

    /** The compiled pattern, or empty when the pattern (or a custom pattern) is not valid grok. */
    public static Optional<Grok> compile(GrokClassifier classifier)
    {
        try {
            GrokCompiler compiler = GrokCompiler.newInstance();
            compiler.registerDefaultPatterns();
            if (classifier.customPatterns().isPresent()) {
                compiler.register(new StringReader(classifier.customPatterns().get()));
            }
            return Optional.of(compiler.compile(classifier.grokPattern(), true));
        }
        catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @param text the file's sample as text
     * @param complete whether the sample is the whole file (otherwise its last line may be cut and is not judged)
     */
    public static Optional<FileSchema> infer(GrokClassifier classifier, Grok grok, String text, boolean complete, String compressionType)
    {
        List<String> lines = new ArrayList<>(text.lines().filter(line -> !line.isBlank()).limit(MAX_LINES + 1L).toList());
        if (!complete && lines.size() > 1) {
            lines.remove(lines.size() - 1);
        }
        if (lines.size() > MAX_LINES) {
            lines = lines.subList(0, MAX_LINES);
        }
        if (lines.isEmpty() || !lines.stream().allMatch(line -> !grok.match(line).isNull())) {
            return Optional.empty();
        }
        List<Column> columns = captures(grok).entrySet().stream().map(capture -> Column.of(capture.getKey(), capture.getValue())).toList();
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> serdeParameters = new LinkedHashMap<>();
        serdeParameters.put("input.format", classifier.grokPattern());
        classifier.customPatterns().filter(patterns -> !patterns.isBlank()).ifPresent(patterns -> serdeParameters.put("input.grokCustomPatterns", patterns));
        return Optional.of(new FileSchema(classifier.classification(), compressionType, columns, "org.apache.hadoop.mapred.TextInputFormat",
                "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", SerDeInfo.of("com.amazonaws.glue.serde.GrokSerDe", serdeParameters),
                Map.of("classification", classifier.classification()), "grok:" + classifier.name()));
    }

    /**
     * The named captures with their Hive types, in pattern order. The compiled regex names its
     * capturing groups {@code nameN} in order ({@link Grok#namedGroups}); the pattern remembers
     * what each stood for, {@code name} or {@code name:type}. Logstash's patterns name the parts
     * they discard UNWANTED.
     */
    private static Map<String, String> captures(Grok grok)
    {
        Map<String, String> columns = new LinkedHashMap<>();
        grok.namedGroups.stream()
                .sorted(Comparator.comparingInt(group -> Integer.parseInt(group.substring("name".length()))))
                .map(grok::getNamedRegexCollectionById)
                .forEach(reference -> {
                    String[] parts = reference.split("[:;]", 3);
                    if (parts[0].equals("UNWANTED")) {
                        return;
                    }
                    String type = parts.length > 1 ? HIVE_TYPES.getOrDefault(parts[1].toLowerCase(Locale.ROOT), "string") : "string";
                    columns.putIfAbsent(parts[0].toLowerCase(Locale.ROOT), type);
                });
        return columns;
    }
}
