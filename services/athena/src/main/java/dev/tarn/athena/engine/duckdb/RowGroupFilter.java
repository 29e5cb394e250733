package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.catalog.PartitionPruning;
import dev.tarn.glue.model.Column;
import io.trino.sql.tree.ArithmeticUnaryExpression;
import io.trino.sql.tree.BetweenPredicate;
import io.trino.sql.tree.ComparisonExpression;
import io.trino.sql.tree.DecimalLiteral;
import io.trino.sql.tree.DoubleLiteral;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.StringLiteral;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Statistics;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The comparisons of a WHERE clause between a table's column and a constant that a Parquet row
 * group's statistics (its column's minimum and maximum) can rule out, so that row groups where no
 * row can match are not fetched. A comparison it cannot judge (another type, a function, a column
 * without statistics) keeps the row group: skipping less is safe, as the query still applies the
 * whole WHERE clause to what is read.
 *
 * <p>Only types whose statistics order is the SQL order are judged: signed integers against
 * Glue's integer types (with exact constants: integer or decimal literals), floating point
 * against {@code double} (no NaN bounds; not {@code float}/{@code real}, which Trino compares
 * with the constant rounded to REAL), and UTF-8 strings (byte order is code point order, as Trino compares varchar) against
 * {@code string}/{@code varchar}, the latter only where the file declares its column orders.
 */
final class RowGroupFilter
{
    /** {@code column op value}: the column first, compared as its Glue type's kind. */
    private record Bound(String column, Kind kind, ComparisonExpression.Operator operator, Constant value) {}

    /**
     * A constant of the query: a number or a string. A double literal ({@code 1e3}) is
     * approximate: Trino compares an integer column with it as doubles, not exactly.
     */
    private record Constant(Optional<BigDecimal> number, Optional<String> text, boolean approximate) {}

    private final List<Bound> bounds;

    private RowGroupFilter(List<Bound> bounds)
    {
        this.bounds = List.copyOf(bounds);
    }

    /**
     * @param conjuncts the AND-ed terms of the WHERE clause the table is read under
     * @param names the names the table goes by in the query (its alias, or its name)
     * @param columns the table's (not partition) columns, with their Glue types
     */
    static RowGroupFilter of(List<Expression> conjuncts, Set<String> names, List<Column> columns)
    {
        Map<String, Kind> types = new HashMap<>();
        for (Column column : columns) {
            kind(column.type().toLowerCase(Locale.ROOT).strip()).ifPresent(kind -> types.put(column.name().toLowerCase(Locale.ROOT), kind));
        }
        List<Bound> bounds = new ArrayList<>();
        for (Expression conjunct : conjuncts) {
            if (conjunct instanceof ComparisonExpression comparison) {
                comparison(comparison, names, types).ifPresent(bounds::add);
            }
            else if (conjunct instanceof BetweenPredicate between) {
                Optional<String> column = column(between.getValue(), names, types);
                Optional<Constant> min = constant(between.getMin());
                Optional<Constant> max = constant(between.getMax());
                if (column.isPresent() && min.isPresent() && max.isPresent()) {
                    Kind kind = types.get(column.get());
                    bounds.add(new Bound(column.get(), kind, ComparisonExpression.Operator.GREATER_THAN_OR_EQUAL, min.get()));
                    bounds.add(new Bound(column.get(), kind, ComparisonExpression.Operator.LESS_THAN_OR_EQUAL, max.get()));
                }
            }
        }
        return new RowGroupFilter(bounds);
    }

    /** False only when the group's statistics show that no row of it satisfies every comparison. */
    boolean mayMatch(FileMetaData file, RowGroup group)
    {
        for (Bound bound : bounds) {
            if (!mayMatch(file, group, bound)) {
                return false;
            }
        }
        return true;
    }

    private enum Kind
    {
        INTEGER, FLOATING, STRING
    }

    /** The kind of comparison a Glue type's values have, where statistics can be used for it. */
    private static Optional<Kind> kind(String glueType)
    {
        return switch (glueType) {
            case "tinyint", "smallint", "int", "integer", "bigint" -> Optional.of(Kind.INTEGER);
            // not float/real: Trino compares a REAL column with a constant rounded to REAL, which widened bounds would misjudge
            case "double" -> Optional.of(Kind.FLOATING);
            case "string", "varchar" -> Optional.of(Kind.STRING);
            default -> glueType.startsWith("varchar(") ? Optional.of(Kind.STRING) : Optional.empty();
        };
    }

    private static boolean mayMatch(FileMetaData file, RowGroup group, Bound bound)
    {
        Optional<SchemaElement> element = topLevelLeaf(file, bound.column());
        Optional<ColumnMetaData> chunk = group.getColumns().stream().filter(ColumnChunk::isSetMeta_data).map(ColumnChunk::getMeta_data)
                .filter(metadata -> metadata.getPath_in_schema().size() == 1 && metadata.getPath_in_schema().get(0).equalsIgnoreCase(bound.column()))
                .findFirst();
        if (element.isEmpty() || chunk.isEmpty() || !chunk.get().isSetStatistics()) {
            return true;
        }
        Statistics statistics = chunk.get().getStatistics();
        return switch (bound.kind()) {
            case INTEGER -> !signedInteger(element.get()) || integerMayMatch(element.get(), statistics, bound);
            case FLOATING -> floatingMayMatch(element.get(), statistics, bound);
            case STRING -> !utf8(element.get()) || !file.isSetColumn_orders() || stringMayMatch(statistics, bound);
        };
    }

    private static Optional<SchemaElement> topLevelLeaf(FileMetaData file, String column)
    {
        List<SchemaElement> schema = file.getSchema();
        if (schema.isEmpty()) {
            return Optional.empty();
        }
        // the root's children follow it, each followed by its own subtree
        int index = 1;
        for (int child = 0; child < schema.get(0).getNum_children() && index < schema.size(); child++) {
            SchemaElement element = schema.get(index);
            if (element.getName().equalsIgnoreCase(column)) {
                return element.isSetNum_children() && element.getNum_children() > 0 ? Optional.empty() : Optional.of(element);
            }
            index += subtreeSize(schema, index);
        }
        return Optional.empty();
    }

    private static int subtreeSize(List<SchemaElement> schema, int index)
    {
        SchemaElement element = schema.get(index);
        int size = 1;
        int children = element.isSetNum_children() ? element.getNum_children() : 0;
        for (int child = 0; child < children && index + size < schema.size(); child++) {
            size += subtreeSize(schema, index + size);
        }
        return size;
    }

    private static boolean signedInteger(SchemaElement element)
    {
        if (!element.isSetType()) {
            return false;
        }
        if (element.getType() != org.apache.parquet.format.Type.INT32 && element.getType() != org.apache.parquet.format.Type.INT64) {
            return false;
        }
        if (element.isSetLogicalType()) {
            LogicalType logical = element.getLogicalType();
            return logical.isSetINTEGER() && logical.getINTEGER().isIsSigned();
        }
        if (element.isSetConverted_type()) {
            ConvertedType converted = element.getConverted_type();
            return converted == ConvertedType.INT_8 || converted == ConvertedType.INT_16 || converted == ConvertedType.INT_32 || converted == ConvertedType.INT_64;
        }
        return true;
    }

    private static boolean utf8(SchemaElement element)
    {
        return element.isSetType() && element.getType() == org.apache.parquet.format.Type.BYTE_ARRAY
                && ((element.isSetLogicalType() && element.getLogicalType().isSetSTRING())
                        || (!element.isSetLogicalType() && element.isSetConverted_type() && element.getConverted_type() == ConvertedType.UTF8));
    }

    private static boolean integerMayMatch(SchemaElement element, Statistics statistics, Bound bound)
    {
        if (bound.value().number().isEmpty() || bound.value().approximate()) {
            return true;
        }
        Optional<byte[]> min = minimum(statistics);
        Optional<byte[]> max = maximum(statistics);
        int width = element.getType() == org.apache.parquet.format.Type.INT32 ? 4 : 8;
        if (min.isEmpty() || max.isEmpty() || min.get().length != width || max.get().length != width) {
            return true;
        }
        BigDecimal low = BigDecimal.valueOf(integer(min.get()));
        BigDecimal high = BigDecimal.valueOf(integer(max.get()));
        BigDecimal value = bound.value().number().get();
        return rangeMayMatch(low.compareTo(value), high.compareTo(value), bound.operator());
    }

    /**
     * A numeric column's minimum: the newer field, else the older one, which for signed integers
     * and floating point is in the same order.
     */
    private static Optional<byte[]> minimum(Statistics statistics)
    {
        return statistics.isSetMin_value() ? Optional.of(statistics.getMin_value()) : statistics.isSetMin() ? Optional.of(statistics.getMin()) : Optional.empty();
    }

    private static Optional<byte[]> maximum(Statistics statistics)
    {
        return statistics.isSetMax_value() ? Optional.of(statistics.getMax_value()) : statistics.isSetMax() ? Optional.of(statistics.getMax()) : Optional.empty();
    }

    private static long integer(byte[] bytes)
    {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return bytes.length == 4 ? buffer.getInt() : buffer.getLong();
    }

    private static boolean floatingMayMatch(SchemaElement element, Statistics statistics, Bound bound)
    {
        if (bound.value().number().isEmpty() || !element.isSetType()) {
            return true;
        }
        int width;
        if (element.getType() == org.apache.parquet.format.Type.DOUBLE) {
            width = 8;
        }
        else if (element.getType() == org.apache.parquet.format.Type.FLOAT) {
            width = 4;
        }
        else {
            return true;
        }
        Optional<byte[]> min = minimum(statistics);
        Optional<byte[]> max = maximum(statistics);
        if (min.isEmpty() || max.isEmpty() || min.get().length != width || max.get().length != width) {
            return true;
        }
        double low = floating(min.get());
        double high = floating(max.get());
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return true;
        }
        // Trino compares a double column with a constant as doubles; primitive comparison keeps -0.0 = 0.0
        double value = bound.value().number().get().doubleValue();
        return rangeMayMatch(low < value ? -1 : low > value ? 1 : 0, high < value ? -1 : high > value ? 1 : 0, bound.operator());
    }

    private static double floating(byte[] bytes)
    {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return bytes.length == 4 ? buffer.getFloat() : buffer.getDouble();
    }

    private static boolean stringMayMatch(Statistics statistics, Bound bound)
    {
        if (bound.value().text().isEmpty() || !statistics.isSetMin_value() || !statistics.isSetMax_value()) {
            return true;
        }
        byte[] value = bound.value().text().get().getBytes(StandardCharsets.UTF_8);
        return rangeMayMatch(Arrays.compareUnsigned(statistics.getMin_value(), value), Arrays.compareUnsigned(statistics.getMax_value(), value),
                bound.operator());
    }

    /**
     * Whether some value in [min, max] may satisfy {@code value op constant}, given how min and
     * max compare with the constant (negative: less, zero: equal, positive: greater).
     */
    private static boolean rangeMayMatch(int minAgainst, int maxAgainst, ComparisonExpression.Operator operator)
    {
        return switch (operator) {
            case EQUAL -> minAgainst <= 0 && maxAgainst >= 0;
            case LESS_THAN -> minAgainst < 0;
            case LESS_THAN_OR_EQUAL -> minAgainst <= 0;
            case GREATER_THAN -> maxAgainst > 0;
            case GREATER_THAN_OR_EQUAL -> maxAgainst >= 0;
            default -> true;
        };
    }

    private static Optional<Bound> comparison(ComparisonExpression comparison, Set<String> names, Map<String, Kind> types)
    {
        Optional<String> left = column(comparison.getLeft(), names, types);
        if (left.isPresent()) {
            return constant(comparison.getRight()).map(value -> new Bound(left.get(), types.get(left.get()), comparison.getOperator(), value));
        }
        Optional<String> right = column(comparison.getRight(), names, types);
        if (right.isPresent()) {
            return constant(comparison.getLeft()).map(value -> new Bound(right.get(), types.get(right.get()), comparison.getOperator().flip(), value));
        }
        return Optional.empty();
    }

    private static Optional<String> column(Expression expression, Set<String> names, Map<String, Kind> types)
    {
        return PartitionPruning.column(expression, types.keySet(), names);
    }

    private static Optional<Constant> constant(Expression expression)
    {
        try {
            if (expression instanceof StringLiteral string) {
                return Optional.of(new Constant(Optional.empty(), Optional.of(string.getValue()), false));
            }
            if (expression instanceof LongLiteral number) {
                return Optional.of(new Constant(Optional.of(BigDecimal.valueOf(number.getParsedValue())), Optional.empty(), false));
            }
            if (expression instanceof DecimalLiteral number) {
                return Optional.of(new Constant(Optional.of(new BigDecimal(number.getValue())), Optional.empty(), false));
            }
            if (expression instanceof DoubleLiteral number && Double.isFinite(number.getValue())) {
                return Optional.of(new Constant(Optional.of(new BigDecimal(number.getValue())), Optional.empty(), true));
            }
            if (expression instanceof ArithmeticUnaryExpression unary && unary.getSign() == ArithmeticUnaryExpression.Sign.MINUS) {
                return constant(unary.getValue()).flatMap(inner -> inner.number().map(number -> new Constant(Optional.of(number.negate()), Optional.empty(), inner.approximate())));
            }
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public String toString()
    {
        return "RowGroupFilter" + bounds;
    }
}
