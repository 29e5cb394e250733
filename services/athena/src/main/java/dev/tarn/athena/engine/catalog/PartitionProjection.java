package dev.tarn.athena.engine.catalog;

import dev.tarn.glue.model.Column;
import io.trino.sql.tree.ComparisonExpression;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.InListExpression;
import io.trino.sql.tree.InPredicate;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.StringLiteral;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Athena's partition projection: a table whose {@code projection.enabled} is true has its
 * partitions computed from {@code projection.<key>.*} (enum, integer, date and injected keys)
 * instead of listed in the catalog. Equality and IN terms of the WHERE clause narrow each key's
 * values; the partition's location comes from {@code storage.location.template} or is the
 * table's location with {@code key=value/} folders.
 */
public final class PartitionProjection
{
    private static final int MAX_PARTITIONS = 100_000;

    /** One computed partition: its key values, in key order, and where its files are. */
    public record ProjectedPartition(List<String> values, S3Location location) {}

    private PartitionProjection() {}

    public static boolean enabled(Map<String, String> parameters)
    {
        return parameters.getOrDefault("projection.enabled", "false").equalsIgnoreCase("true");
    }

    public static List<ProjectedPartition> partitions(Map<String, String> parameters, List<Column> keys, S3Location tableLocation,
            List<Expression> conjuncts, Set<String> names)
    {
        List<List<String>> valuesPerKey = new ArrayList<>();
        long count = 1;
        for (Column key : keys) {
            String name = key.name().toLowerCase(Locale.ROOT);
            Optional<Set<String>> wanted = wantedValues(conjuncts, name, names);
            List<String> values = values(parameters, name, wanted);
            valuesPerKey.add(values);
            count *= Math.max(1, values.size());
            if (count > MAX_PARTITIONS) {
                throw new IllegalArgumentException("Partition projection of this query covers more than " + MAX_PARTITIONS
                        + " partitions; narrow it with conditions on the partition keys");
            }
        }
        List<ProjectedPartition> partitions = new ArrayList<>();
        combine(parameters, keys, tableLocation, valuesPerKey, 0, new ArrayList<>(), partitions);
        return partitions;
    }

    private static void combine(Map<String, String> parameters, List<Column> keys, S3Location tableLocation, List<List<String>> valuesPerKey, int index,
            List<String> chosen, List<ProjectedPartition> out)
    {
        if (index == keys.size()) {
            out.add(new ProjectedPartition(List.copyOf(chosen), location(parameters, keys, tableLocation, chosen)));
            return;
        }
        for (String value : valuesPerKey.get(index)) {
            chosen.add(value);
            combine(parameters, keys, tableLocation, valuesPerKey, index + 1, chosen, out);
            chosen.remove(chosen.size() - 1);
        }
    }

    private static S3Location location(Map<String, String> parameters, List<Column> keys, S3Location tableLocation, List<String> values)
    {
        String template = parameters.get("storage.location.template");
        if (template != null) {
            String location = template;
            for (int i = 0; i < keys.size(); i++) {
                location = location.replace("${" + keys.get(i).name() + "}", values.get(i));
            }
            String resolved = location;
            return S3Location.tryParse(resolved).orElseThrow(() -> new IllegalArgumentException("storage.location.template is not an S3 location: " + resolved));
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            path.append(keys.get(i).name()).append('=').append(values.get(i)).append('/');
        }
        return tableLocation.resolve(path.toString());
    }

    private static List<String> values(Map<String, String> parameters, String key, Optional<Set<String>> wanted)
    {
        String prefix = "projection." + key + ".";
        String type = parameters.getOrDefault(prefix + "type", "").toLowerCase(Locale.ROOT);
        List<String> all = switch (type) {
            case "enum" -> List.of(parameters.getOrDefault(prefix + "values", "").split("\\s*,\\s*"));
            case "integer" -> integers(parameters, prefix);
            case "date" -> dates(parameters, prefix);
            case "injected" -> new ArrayList<>(wanted.orElseThrow(() -> new IllegalArgumentException(
                    "The injected projected partition key '" + key + "' needs an equality or IN condition in the query")));
            default -> throw new IllegalArgumentException("Partition projection type '" + type + "' of key '" + key + "' is not supported");
        };
        if (wanted.isEmpty()) {
            return all;
        }
        return all.stream().filter(wanted.get()::contains).toList();
    }

    private static List<String> integers(Map<String, String> parameters, String prefix)
    {
        String[] range = parameters.getOrDefault(prefix + "range", "").split("\\s*,\\s*");
        if (range.length != 2) {
            throw new IllegalArgumentException(prefix + "range must be 'min,max'");
        }
        long min = Long.parseLong(range[0].trim());
        long max = Long.parseLong(range[1].trim());
        long interval = Long.parseLong(parameters.getOrDefault(prefix + "interval", "1"));
        int digits = Integer.parseInt(parameters.getOrDefault(prefix + "digits", "0"));
        List<String> values = new ArrayList<>();
        for (long value = min; value <= max && values.size() <= MAX_PARTITIONS; value += interval) {
            values.add(digits > 0 ? String.format(Locale.ROOT, "%0" + digits + "d", value) : Long.toString(value));
        }
        return values;
    }

    private static List<String> dates(Map<String, String> parameters, String prefix)
    {
        String format = parameters.getOrDefault(prefix + "format", "yyyy-MM-dd");
        DateTimeFormatter formatter = new DateTimeFormatterBuilder().appendPattern(format)
                .parseDefaulting(ChronoField.MONTH_OF_YEAR, 1).parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
                .parseDefaulting(ChronoField.HOUR_OF_DAY, 0).toFormatter(Locale.ROOT);
        String[] range = parameters.getOrDefault(prefix + "range", "").split("\\s*,\\s*");
        if (range.length != 2) {
            throw new IllegalArgumentException(prefix + "range must be 'start,end'");
        }
        LocalDateTime start = dateBound(range[0].trim(), formatter);
        LocalDateTime end = dateBound(range[1].trim(), formatter);
        long interval = Long.parseLong(parameters.getOrDefault(prefix + "interval", "1"));
        ChronoUnit unit = ChronoUnit.valueOf(parameters.getOrDefault(prefix + "interval.unit", "DAYS").toUpperCase(Locale.ROOT));
        Set<String> values = new LinkedHashSet<>();
        for (LocalDateTime at = start; !at.isAfter(end) && values.size() <= MAX_PARTITIONS; at = at.plus(interval, unit)) {
            values.add(formatter.format(at));
        }
        return List.copyOf(values);
    }

    /** A date range bound: a date in the key's format, or NOW with an optional offset such as {@code NOW-3YEARS}. */
    private static LocalDateTime dateBound(String text, DateTimeFormatter formatter)
    {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.startsWith("NOW")) {
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            String offset = upper.substring(3);
            if (offset.isEmpty()) {
                return now;
            }
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("([+-])(\\d+)([A-Z]+?)S?").matcher(offset);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("Unsupported date range bound: " + text);
            }
            long amount = Long.parseLong(matcher.group(2)) * (matcher.group(1).equals("-") ? -1 : 1);
            return now.plus(amount, ChronoUnit.valueOf(matcher.group(3) + "S"));
        }
        return LocalDateTime.parse(text, formatter);
    }

    /** The values an equality or IN term of the WHERE clause allows for the key, if there is one. */
    private static Optional<Set<String>> wantedValues(List<Expression> conjuncts, String key, Set<String> names)
    {
        for (Expression conjunct : conjuncts) {
            if (conjunct instanceof ComparisonExpression comparison && comparison.getOperator() == ComparisonExpression.Operator.EQUAL) {
                if (isKey(comparison.getLeft(), key, names) && literal(comparison.getRight()).isPresent()) {
                    return Optional.of(Set.of(literal(comparison.getRight()).get()));
                }
                if (isKey(comparison.getRight(), key, names) && literal(comparison.getLeft()).isPresent()) {
                    return Optional.of(Set.of(literal(comparison.getLeft()).get()));
                }
            }
            if (conjunct instanceof InPredicate in && in.getValueList() instanceof InListExpression list && isKey(in.getValue(), key, names)) {
                Set<String> values = new LinkedHashSet<>();
                for (Expression value : list.getValues()) {
                    Optional<String> literal = literal(value);
                    if (literal.isEmpty()) {
                        values = null;
                        break;
                    }
                    values.add(literal.get());
                }
                if (values != null) {
                    return Optional.of(values);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isKey(Expression expression, String key, Set<String> names)
    {
        if (expression instanceof Identifier identifier) {
            return identifier.getValue().equalsIgnoreCase(key);
        }
        return expression instanceof DereferenceExpression dereference && dereference.getBase() instanceof Identifier base
                && names.contains(base.getValue().toLowerCase(Locale.ROOT)) && dereference.getField().map(field -> field.getValue().equalsIgnoreCase(key)).orElse(false);
    }

    private static Optional<String> literal(Expression expression)
    {
        if (expression instanceof StringLiteral string) {
            return Optional.of(string.getValue());
        }
        if (expression instanceof LongLiteral number) {
            return Optional.of(number.getValue());
        }
        return Optional.empty();
    }
}
