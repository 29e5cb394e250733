package dev.tarn.athena.engine.sql;

import io.trino.sql.tree.AliasedRelation;
import io.trino.sql.tree.AllColumns;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.Except;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.FetchFirst;
import io.trino.sql.tree.FrameBound;
import io.trino.sql.tree.GroupBy;
import io.trino.sql.tree.GroupingElement;
import io.trino.sql.tree.GroupingSets;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Intersect;
import io.trino.sql.tree.Join;
import io.trino.sql.tree.JoinOn;
import io.trino.sql.tree.JoinUsing;
import io.trino.sql.tree.Lateral;
import io.trino.sql.tree.Limit;
import io.trino.sql.tree.LogicalExpression;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.NaturalJoin;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.Offset;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.QueryBody;
import io.trino.sql.tree.QuerySpecification;
import io.trino.sql.tree.Relation;
import io.trino.sql.tree.Row;
import io.trino.sql.tree.SelectItem;
import io.trino.sql.tree.SetOperation;
import io.trino.sql.tree.SimpleGroupBy;
import io.trino.sql.tree.SingleColumn;
import io.trino.sql.tree.Table;
import io.trino.sql.tree.TableSubquery;
import io.trino.sql.tree.Union;
import io.trino.sql.tree.Unnest;
import io.trino.sql.tree.Values;
import io.trino.sql.tree.Window;
import io.trino.sql.tree.WindowFrame;
import io.trino.sql.tree.WindowReference;
import io.trino.sql.tree.WindowSpecification;
import io.trino.sql.tree.WithQuery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Writes a Trino query tree as one DuckDB query. Tables are replaced by what a
 * {@link TableResolver} gives for them; names of WITH queries in scope stay names. Output
 * columns Trino would name {@code _colN} get that name, as Athena reports them.
 */
public final class QueryTranslator
{
    private final TableResolver tables;
    private final ExpressionTranslator expressions;
    private final Deque<Set<String>> withNames = new ArrayDeque<>();
    private final Deque<List<Expression>> conjuncts = new ArrayDeque<>();
    private final Deque<OptionalLong> rowLimits = new ArrayDeque<>();
    private final TableScopes scopes = new TableScopes();

    public QueryTranslator(TableResolver tables, List<Expression> parameters)
    {
        this.tables = requireNonNull(tables, "tables is null");
        this.expressions = new ExpressionTranslator(this::query, parameters, this::window, scopes);
    }

    /** Translates a whole query. Not thread-safe: one translator per statement. */
    public String query(Query query)
    {
        if (!query.getFunctions().isEmpty()) {
            throw TranslationException.unsupported(query, "WITH FUNCTION");
        }
        StringBuilder out = new StringBuilder();
        Set<String> names = new HashSet<>();
        withNames.push(names);
        try {
            if (query.getWith().isPresent()) {
                boolean recursive = query.getWith().get().isRecursive();
                out.append(recursive ? "WITH RECURSIVE " : "WITH ");
                List<String> parts = new ArrayList<>();
                for (WithQuery with : query.getWith().get().getQueries()) {
                    String name = with.getName().getValue().toLowerCase(Locale.ROOT);
                    if (recursive && with.getColumnNames().isEmpty()) {
                        // as in Trino, whose recursive queries are typed by their column list
                        throw TranslationException.unsupported(with, "A recursive WITH query without a column list");
                    }
                    String columns = with.getColumnNames().map(QueryTranslator::identifiers).orElse("");
                    // a WITH query sees the ones defined before it, and itself only when recursive
                    if (recursive) {
                        names.add(name);
                    }
                    parts.add(ExpressionTranslator.quote(name) + columns + " AS (" + query(with.getQuery()) + ")");
                    names.add(name);
                }
                out.append(String.join(", ", parts)).append(" ");
            }
            out.append(body(query.getQueryBody()));
            query.getOrderBy().ifPresent(order -> out.append(" ORDER BY ").append(expressions.orderBy(order)));
            query.getOffset().ifPresent(offset -> out.append(offset(offset)));
            query.getLimit().ifPresent(limit -> out.append(limit(limit)));
            return out.toString();
        }
        finally {
            withNames.pop();
        }
    }

    /** Translates a standalone expression (no table in scope). */
    public String expression(Expression expression)
    {
        return expressions.translate(expression);
    }

    private String body(QueryBody body)
    {
        if (body instanceof QuerySpecification specification) {
            return specification(specification);
        }
        if (body instanceof SetOperation operation) {
            String operator = operation instanceof Union ? "UNION" : operation instanceof Intersect ? "INTERSECT" : "EXCEPT";
            if (!(operation instanceof Union || operation instanceof Intersect || operation instanceof Except)) {
                throw TranslationException.unsupported(body, "This set operation");
            }
            operator += operation.isDistinct() ? " " : " ALL ";
            return operation.getRelations().stream().map(relation -> "(" + setTerm(relation) + ")")
                    .collect(Collectors.joining(" " + operator));
        }
        if (body instanceof Values values) {
            return values(values);
        }
        if (body instanceof TableSubquery subquery) {
            return query(subquery.getQuery());
        }
        if (body instanceof Table table) {
            return "SELECT * FROM " + table(table, Optional.empty());
        }
        throw TranslationException.unsupported(body, "This query form");
    }

    private String setTerm(Relation relation)
    {
        if (relation instanceof QueryBody body) {
            return body(body);
        }
        throw TranslationException.unsupported(relation, "This set operation term");
    }

    private String values(Values values)
    {
        return values.getRows().stream()
                .map(row -> row instanceof Row tuple ? expressions.list(tuple.getItems(), "(", ")") : "(" + expressions.translate(row) + ")")
                .collect(Collectors.joining(", ", "VALUES ", ""));
    }

    private String specification(QuerySpecification specification)
    {
        // the FROM's tables are in scope everywhere in the specification, the select list included
        scopes.push(specification.getFrom());
        try {
            return scopedSpecification(specification);
        }
        finally {
            scopes.pop();
        }
    }

    private String scopedSpecification(QuerySpecification specification)
    {
        StringBuilder out = new StringBuilder("SELECT ");
        if (specification.getSelect().isDistinct()) {
            out.append("DISTINCT ");
        }
        List<String> items = new ArrayList<>();
        int index = 0;
        for (SelectItem item : specification.getSelect().getSelectItems()) {
            items.add(selectItem(item, index));
            index++;
        }
        out.append(String.join(", ", items));
        conjuncts.push(specification.getWhere().map(QueryTranslator::conjunctsOf).orElse(List.of()));
        rowLimits.push(rowLimit(specification));
        try {
            specification.getFrom().ifPresent(from -> out.append(" FROM ").append(relation(from)));
        }
        finally {
            conjuncts.pop();
            rowLimits.pop();
        }
        specification.getWhere().ifPresent(where -> out.append(" WHERE ").append(expressions.translate(where)));
        specification.getGroupBy().ifPresent(groupBy -> out.append(" GROUP BY ").append(groupBy(groupBy)));
        specification.getHaving().ifPresent(having -> out.append(" HAVING ").append(expressions.translate(having)));
        if (!specification.getWindows().isEmpty()) {
            out.append(" WINDOW ").append(specification.getWindows().stream()
                    .map(definition -> ExpressionTranslator.identifier(definition.getName()) + " AS " + window(definition.getWindow()))
                    .collect(Collectors.joining(", ")));
        }
        specification.getOrderBy().ifPresent(order -> out.append(" ORDER BY ").append(expressions.orderBy(order)));
        specification.getOffset().ifPresent(offset -> out.append(offset(offset)));
        specification.getLimit().ifPresent(limit -> out.append(limit(limit)));
        return out.toString();
    }

    private String selectItem(SelectItem item, int index)
    {
        if (item instanceof AllColumns all) {
            if (!all.getAliases().isEmpty()) {
                throw TranslationException.unsupported(item, "Aliases of all columns");
            }
            return all.getTarget().map(target -> expressions.qualifier(target) + ".*").orElse("*");
        }
        SingleColumn column = (SingleColumn) item;
        String expression = expressions.translate(column.getExpression());
        if (column.getAlias().isPresent()) {
            return expression + " AS " + ExpressionTranslator.identifier(column.getAlias().get());
        }
        if (column.getExpression() instanceof Identifier || column.getExpression() instanceof DereferenceExpression) {
            return expression;
        }
        return expression + " AS " + ExpressionTranslator.quote("_col" + index);
    }

    private String groupBy(GroupBy groupBy)
    {
        if (groupBy.isDistinct()) {
            throw TranslationException.unsupported(groupBy, "GROUP BY DISTINCT");
        }
        List<String> elements = new ArrayList<>();
        for (GroupingElement element : groupBy.getGroupingElements()) {
            if (element instanceof SimpleGroupBy simple) {
                simple.getExpressions().forEach(expression -> elements.add(expressions.translate(expression)));
            }
            else if (element instanceof GroupingSets sets) {
                String inner = switch (sets.getType()) {
                    case EXPLICIT -> sets.getSets().stream().map(set -> expressions.list(set, "(", ")")).collect(Collectors.joining(", ", "GROUPING SETS (", ")"));
                    case ROLLUP -> expressions.list(sets.getExpressions(), "ROLLUP (", ")");
                    case CUBE -> expressions.list(sets.getExpressions(), "CUBE (", ")");
                };
                elements.add(inner);
            }
            else {
                throw TranslationException.unsupported(element, "This grouping");
            }
        }
        return String.join(", ", elements);
    }

    private String relation(Relation relation)
    {
        if (relation instanceof Table table) {
            // named as Trino names it, so that columns qualified by the table resolve
            return table(table, Optional.empty()) + " AS " + ExpressionTranslator.quote(TableScopes.name(table));
        }
        if (relation instanceof AliasedRelation aliased) {
            List<Identifier> columnNames = aliased.getColumnNames() == null ? List.of() : aliased.getColumnNames();
            String alias = ExpressionTranslator.identifier(aliased.getAlias()) + (columnNames.isEmpty() ? "" : identifiers(columnNames));
            Relation inner = aliased.getRelation();
            if (inner instanceof Table table) {
                return table(table, Optional.of(aliased.getAlias().getValue().toLowerCase(Locale.ROOT))) + " AS " + alias;
            }
            return relation(inner) + " AS " + alias;
        }
        if (relation instanceof TableSubquery subquery) {
            return "(" + query(subquery.getQuery()) + ")";
        }
        if (relation instanceof Join join) {
            return join(join);
        }
        if (relation instanceof Unnest unnest) {
            return unnest(unnest);
        }
        if (relation instanceof Lateral lateral) {
            return "LATERAL (" + query(lateral.getQuery()) + ")";
        }
        if (relation instanceof Values values) {
            return "(" + values(values) + ")";
        }
        if (relation instanceof QueryBody body) {
            return "(" + body(body) + ")";
        }
        throw TranslationException.unsupported(relation, "This relation");
    }

    private String join(Join join)
    {
        String left = relation(join.getLeft());
        String right = relation(join.getRight());
        if (join.getType() == Join.Type.IMPLICIT) {
            return left + ", " + right;
        }
        if (join.getType() == Join.Type.CROSS) {
            return left + " CROSS JOIN " + right;
        }
        String type = switch (join.getType()) {
            case INNER -> "INNER";
            case LEFT -> "LEFT";
            case RIGHT -> "RIGHT";
            case FULL -> "FULL";
            default -> throw TranslationException.unsupported(join, "This join");
        };
        var criteria = join.getCriteria().orElseThrow(() -> TranslationException.semantic(join, "Join without a condition"));
        if (criteria instanceof NaturalJoin) {
            return left + " NATURAL " + type + " JOIN " + right;
        }
        if (criteria instanceof JoinUsing using) {
            return left + " " + type + " JOIN " + right + " USING " + identifiers(using.getColumns());
        }
        if (criteria instanceof JoinOn on) {
            return left + " " + type + " JOIN " + right + " ON " + expressions.translate(on.getExpression());
        }
        throw TranslationException.unsupported(join, "This join condition");
    }

    /** Trino's UNNEST zips its arrays into rows; a lateral subquery of DuckDB's unnest does the same. */
    private String unnest(Unnest unnest)
    {
        List<String> columns = new ArrayList<>();
        int index = 0;
        for (Expression expression : unnest.getExpressions()) {
            columns.add("unnest(" + expressions.translate(expression) + ") AS " + ExpressionTranslator.quote("_u" + index));
            index++;
        }
        if (unnest.isWithOrdinality()) {
            columns.add("generate_subscripts(" + expressions.translate(unnest.getExpressions().get(0)) + ", 1) AS " + ExpressionTranslator.quote("_ordinality"));
        }
        return "LATERAL (SELECT " + String.join(", ", columns) + ")";
    }

    private String table(Table table, Optional<String> alias)
    {
        if (table.getQueryPeriod().isPresent()) {
            throw TranslationException.unsupported(table, "FOR VERSION/TIMESTAMP AS OF");
        }
        List<String> parts = table.getName().getParts();
        if (parts.size() == 1) {
            String name = parts.get(0).toLowerCase(Locale.ROOT);
            for (Set<String> scope : withNames) {
                if (scope.contains(name)) {
                    return ExpressionTranslator.quote(name);
                }
            }
        }
        List<Expression> where = conjuncts.isEmpty() ? List.of() : conjuncts.peek();
        OptionalLong rowLimit = rowLimits.isEmpty() ? OptionalLong.empty() : rowLimits.peek();
        return tables.relation(table, alias, where, rowLimit);
    }

    /**
     * How many rows of its one table a specification needs when it only picks columns of the
     * first rows ({@code SELECT a, b FROM t LIMIT 10}, the preview): nothing filters, groups,
     * orders, skips or combines rows, so any that many rows give a correct answer.
     */
    private static OptionalLong rowLimit(QuerySpecification specification)
    {
        Optional<Relation> from = specification.getFrom();
        boolean oneTable = from.isPresent() && (from.get() instanceof Table
                || (from.get() instanceof AliasedRelation aliased && aliased.getRelation() instanceof Table));
        boolean onlyColumns = specification.getSelect().getSelectItems().stream()
                .allMatch(item -> (item instanceof AllColumns all && all.getTarget().isEmpty())
                        || (item instanceof SingleColumn column && (column.getExpression() instanceof Identifier || column.getExpression() instanceof DereferenceExpression)));
        if (!oneTable || !onlyColumns || specification.getSelect().isDistinct() || specification.getWhere().isPresent() || specification.getGroupBy().isPresent()
                || specification.getHaving().isPresent() || !specification.getWindows().isEmpty() || specification.getOrderBy().isPresent()
                || specification.getOffset().isPresent()) {
            return OptionalLong.empty();
        }
        Optional<Node> limit = specification.getLimit();
        if (limit.isPresent() && limit.get() instanceof Limit plain && plain.getRowCount() instanceof LongLiteral count) {
            return OptionalLong.of(count.getParsedValue());
        }
        if (limit.isPresent() && limit.get() instanceof FetchFirst fetch && !fetch.isWithTies()) {
            if (fetch.getRowCount().isEmpty()) {
                return OptionalLong.of(1);
            }
            if (fetch.getRowCount().get() instanceof LongLiteral count) {
                return OptionalLong.of(count.getParsedValue());
            }
        }
        return OptionalLong.empty();
    }

    private String window(Window window)
    {
        if (window instanceof WindowReference reference) {
            return ExpressionTranslator.identifier(reference.getName());
        }
        WindowSpecification specification = (WindowSpecification) window;
        List<String> parts = new ArrayList<>();
        specification.getExistingWindowName().ifPresent(name -> parts.add(ExpressionTranslator.identifier(name)));
        if (!specification.getPartitionBy().isEmpty()) {
            parts.add("PARTITION BY " + expressions.list(specification.getPartitionBy(), "", ""));
        }
        specification.getOrderBy().ifPresent(order -> parts.add("ORDER BY " + expressions.orderBy(order)));
        specification.getFrame().ifPresent(frame -> parts.add(frame(frame)));
        return "(" + String.join(" ", parts) + ")";
    }

    private String frame(WindowFrame frame)
    {
        if (frame.getPattern().isPresent() || !frame.getMeasures().isEmpty()) {
            throw TranslationException.unsupported(frame, "Row pattern recognition");
        }
        String bounds = frame.getEnd().isPresent()
                ? "BETWEEN " + bound(frame.getStart()) + " AND " + bound(frame.getEnd().get())
                : bound(frame.getStart());
        return frame.getType().name() + " " + bounds;
    }

    private String bound(FrameBound bound)
    {
        return switch (bound.getType()) {
            case UNBOUNDED_PRECEDING -> "UNBOUNDED PRECEDING";
            case UNBOUNDED_FOLLOWING -> "UNBOUNDED FOLLOWING";
            case CURRENT_ROW -> "CURRENT ROW";
            case PRECEDING -> expressions.translate(bound.getValue().orElseThrow()) + " PRECEDING";
            case FOLLOWING -> expressions.translate(bound.getValue().orElseThrow()) + " FOLLOWING";
        };
    }

    private String offset(Offset offset)
    {
        return " OFFSET " + expressions.translate(offset.getRowCount());
    }

    private String limit(Node limit)
    {
        if (limit instanceof Limit plain) {
            String count = expressions.translate(plain.getRowCount());
            return count.equals("ALL") ? "" : " LIMIT " + count;
        }
        if (limit instanceof FetchFirst fetch) {
            if (fetch.isWithTies()) {
                throw TranslationException.unsupported(limit, "FETCH FIRST ... WITH TIES");
            }
            return " LIMIT " + fetch.getRowCount().map(expressions::translate).orElse("1");
        }
        throw TranslationException.unsupported(limit, "This limit");
    }

    private static String identifiers(List<Identifier> identifiers)
    {
        return identifiers.stream().map(ExpressionTranslator::identifier).collect(Collectors.joining(", ", "(", ")"));
    }

    /** The AND-ed terms of a predicate. */
    public static List<Expression> conjunctsOf(Expression expression)
    {
        if (expression instanceof LogicalExpression logical && logical.getOperator() == LogicalExpression.Operator.AND) {
            List<Expression> terms = new ArrayList<>();
            logical.getTerms().forEach(term -> terms.addAll(conjunctsOf(term)));
            return terms;
        }
        return List.of(expression);
    }
}
