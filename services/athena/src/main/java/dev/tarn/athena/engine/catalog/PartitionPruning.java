package dev.tarn.athena.engine.catalog;

import dev.tarn.glue.model.Column;
import io.trino.sql.tree.BetweenPredicate;
import io.trino.sql.tree.ComparisonExpression;
import io.trino.sql.tree.DecimalLiteral;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.DoubleLiteral;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.GenericLiteral;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.InListExpression;
import io.trino.sql.tree.InPredicate;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.StringLiteral;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The part of a WHERE clause that only concerns a table's partition keys, as a GetPartitions
 * Expression, so that only matching partitions are listed and read. Terms it cannot express are
 * left out (reading more partitions than needed is safe: the query still applies every term).
 */
public final class PartitionPruning
{
    private PartitionPruning() {}

    /**
     * @param names the names the table goes by in the query (its alias, or its name)
     */
    public static Optional<String> expression(List<Expression> conjuncts, List<Column> partitionKeys, Set<String> names)
    {
        Set<String> keys = partitionKeys.stream().map(column -> column.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> terms = new ArrayList<>();
        for (Expression conjunct : conjuncts) {
            term(conjunct, keys, names).ifPresent(terms::add);
        }
        return terms.isEmpty() ? Optional.empty() : Optional.of(String.join(" AND ", terms));
    }

    private static Optional<String> term(Expression expression, Set<String> keys, Set<String> names)
    {
        if (expression instanceof ComparisonExpression comparison && comparison.getOperator() != ComparisonExpression.Operator.IS_DISTINCT_FROM) {
            Optional<String> leftKey = key(comparison.getLeft(), keys, names);
            Optional<String> rightKey = key(comparison.getRight(), keys, names);
            if (leftKey.isPresent()) {
                return literal(comparison.getRight()).map(value -> leftKey.get() + " " + comparison.getOperator().getValue() + " " + value);
            }
            if (rightKey.isPresent()) {
                return literal(comparison.getLeft()).map(value -> rightKey.get() + " " + comparison.getOperator().flip().getValue() + " " + value);
            }
            return Optional.empty();
        }
        if (expression instanceof InPredicate in && in.getValueList() instanceof InListExpression list) {
            Optional<String> key = key(in.getValue(), keys, names);
            List<Optional<String>> values = list.getValues().stream().map(PartitionPruning::literal).toList();
            if (key.isEmpty() || values.stream().anyMatch(Optional::isEmpty)) {
                return Optional.empty();
            }
            return Optional.of(key.get() + " IN (" + values.stream().map(Optional::get).collect(Collectors.joining(", ")) + ")");
        }
        if (expression instanceof BetweenPredicate between) {
            Optional<String> key = key(between.getValue(), keys, names);
            Optional<String> min = literal(between.getMin());
            Optional<String> max = literal(between.getMax());
            if (key.isPresent() && min.isPresent() && max.isPresent()) {
                return Optional.of(key.get() + " BETWEEN " + min.get() + " AND " + max.get());
            }
        }
        return Optional.empty();
    }

    /**
     * The column {@code expression} names, in lower case, when it is one of {@code columns} of the
     * table the query calls one of {@code names}: an unqualified name, or one qualified by the table.
     */
    public static Optional<String> column(Expression expression, Set<String> columns, Set<String> names)
    {
        return key(expression, columns, names);
    }

    private static Optional<String> key(Expression expression, Set<String> keys, Set<String> names)
    {
        if (expression instanceof Identifier identifier && keys.contains(identifier.getValue().toLowerCase(Locale.ROOT))) {
            return Optional.of(identifier.getValue().toLowerCase(Locale.ROOT));
        }
        if (expression instanceof DereferenceExpression dereference && dereference.getBase() instanceof Identifier base
                && names.contains(base.getValue().toLowerCase(Locale.ROOT)) && dereference.getField().isPresent()
                && keys.contains(dereference.getField().get().getValue().toLowerCase(Locale.ROOT))) {
            return Optional.of(dereference.getField().get().getValue().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    private static Optional<String> literal(Expression expression)
    {
        if (expression instanceof StringLiteral string) {
            return Optional.of("'" + string.getValue().replace("'", "''") + "'");
        }
        if (expression instanceof LongLiteral || expression instanceof DecimalLiteral || expression instanceof DoubleLiteral) {
            return Optional.of(expression.toString());
        }
        if (expression instanceof GenericLiteral generic && generic.getType().equalsIgnoreCase("date")) {
            return Optional.of("'" + generic.getValue().replace("'", "''") + "'");
        }
        return Optional.empty();
    }
}
