package dev.tarn.athena.engine.sql;

import io.trino.sql.tree.ArithmeticBinaryExpression;
import io.trino.sql.tree.ArithmeticUnaryExpression;
import io.trino.sql.tree.Array;
import io.trino.sql.tree.AstVisitor;
import io.trino.sql.tree.BetweenPredicate;
import io.trino.sql.tree.BooleanLiteral;
import io.trino.sql.tree.Cast;
import io.trino.sql.tree.CharLiteral;
import io.trino.sql.tree.CoalesceExpression;
import io.trino.sql.tree.ComparisonExpression;
import io.trino.sql.tree.CurrentTime;
import io.trino.sql.tree.DataType;
import io.trino.sql.tree.DataTypeParameter;
import io.trino.sql.tree.DateTimeDataType;
import io.trino.sql.tree.DecimalLiteral;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.DoubleLiteral;
import io.trino.sql.tree.ExistsPredicate;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Extract;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.GenericDataType;
import io.trino.sql.tree.GenericLiteral;
import io.trino.sql.tree.GroupingOperation;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.IfExpression;
import io.trino.sql.tree.InListExpression;
import io.trino.sql.tree.InPredicate;
import io.trino.sql.tree.IntervalLiteral;
import io.trino.sql.tree.IsNotNullPredicate;
import io.trino.sql.tree.IsNullPredicate;
import io.trino.sql.tree.LambdaArgumentDeclaration;
import io.trino.sql.tree.LambdaExpression;
import io.trino.sql.tree.LikePredicate;
import io.trino.sql.tree.LogicalExpression;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.NotExpression;
import io.trino.sql.tree.NullIfExpression;
import io.trino.sql.tree.NullLiteral;
import io.trino.sql.tree.NumericParameter;
import io.trino.sql.tree.OrderBy;
import io.trino.sql.tree.Parameter;
import io.trino.sql.tree.QuantifiedComparisonExpression;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.Row;
import io.trino.sql.tree.RowDataType;
import io.trino.sql.tree.SearchedCaseExpression;
import io.trino.sql.tree.SimpleCaseExpression;
import io.trino.sql.tree.SortItem;
import io.trino.sql.tree.StringLiteral;
import io.trino.sql.tree.SubqueryExpression;
import io.trino.sql.tree.SubscriptExpression;
import io.trino.sql.tree.TimeLiteral;
import io.trino.sql.tree.TimestampLiteral;
import io.trino.sql.tree.Trim;
import io.trino.sql.tree.TryExpression;
import io.trino.sql.tree.TypeParameter;
import io.trino.sql.tree.WhenClause;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Writes a Trino expression tree as DuckDB SQL. Every node kind is handled explicitly; anything
 * else fails as unsupported rather than being passed through with different semantics.
 */
final class ExpressionTranslator
        extends AstVisitor<String, Void>
{
    private final Function<Query, String> subqueries;
    private final List<Expression> parameters;
    private final FunctionTranslator functions;
    private final TableScopes tables;

    /**
     * @param subqueries translates a nested query (scalar, IN, EXISTS subqueries)
     * @param parameters the values of {@code ?} placeholders, already parsed
     * @param windows translates a function call's OVER clause
     * @param tables the tables in scope, to resolve qualified column references
     */
    ExpressionTranslator(Function<Query, String> subqueries, List<Expression> parameters, WindowTranslator windows, TableScopes tables)
    {
        this.subqueries = requireNonNull(subqueries, "subqueries is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.parameters = List.copyOf(parameters);
        this.functions = new FunctionTranslator(this, requireNonNull(windows, "windows is null"));
    }

    /** Translates the OVER clause of a window function call. */
    interface WindowTranslator
    {
        String over(io.trino.sql.tree.Window window);
    }

    String translate(Expression expression)
    {
        return process(expression, null);
    }

    String orderBy(OrderBy orderBy)
    {
        return orderBy.getSortItems().stream().map(this::sortItem).collect(Collectors.joining(", "));
    }

    String sortItem(SortItem item)
    {
        String text = translate(item.getSortKey()) + (item.getOrdering() == SortItem.Ordering.DESCENDING ? " DESC" : " ASC");
        // Trino puts NULLs last whatever the direction unless told otherwise
        return text + (item.getNullOrdering() == SortItem.NullOrdering.FIRST ? " NULLS FIRST" : " NULLS LAST");
    }

    /** Translates what precedes a field or {@code .*}: a table in scope by its name in the DuckDB query, else a row value. */
    String qualifier(Expression base)
    {
        return tables.table(base).map(ExpressionTranslator::quote).orElseGet(() -> translate(base));
    }

    static String identifier(Identifier identifier)
    {
        return quote(identifier.getValue().toLowerCase(Locale.ROOT));
    }

    static String quote(String name)
    {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String string(String value)
    {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    protected String visitNode(Node node, Void context)
    {
        throw TranslationException.unsupported(node, node.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT));
    }

    @Override
    protected String visitIdentifier(Identifier node, Void context)
    {
        return identifier(node);
    }

    @Override
    protected String visitDereferenceExpression(DereferenceExpression node, Void context)
    {
        return qualifier(node.getBase()) + "." + identifier(node.getField().orElseThrow(() -> TranslationException.unsupported(node, "this reference")));
    }

    @Override
    protected String visitBooleanLiteral(BooleanLiteral node, Void context)
    {
        return node.getValue() ? "true" : "false";
    }

    @Override
    protected String visitStringLiteral(StringLiteral node, Void context)
    {
        return string(node.getValue());
    }

    @Override
    protected String visitCharLiteral(CharLiteral node, Void context)
    {
        return string(node.getValue());
    }

    @Override
    protected String visitLongLiteral(LongLiteral node, Void context)
    {
        return Long.toString(node.getParsedValue());
    }

    @Override
    protected String visitDoubleLiteral(DoubleLiteral node, Void context)
    {
        return "CAST(" + node.getValue() + " AS DOUBLE)";
    }

    @Override
    protected String visitDecimalLiteral(DecimalLiteral node, Void context)
    {
        return node.getValue();
    }

    @Override
    protected String visitNullLiteral(NullLiteral node, Void context)
    {
        return "NULL";
    }

    @Override
    protected String visitGenericLiteral(GenericLiteral node, Void context)
    {
        SqlType type;
        try {
            type = SqlType.parseTrino(node.getType());
        }
        catch (IllegalArgumentException e) {
            throw TranslationException.semantic(node, "Unknown type: " + node.getType());
        }
        return "CAST(" + string(node.getValue()) + " AS " + type.toDuckDb() + ")";
    }

    @Override
    protected String visitTimeLiteral(TimeLiteral node, Void context)
    {
        return "CAST(" + string(node.getValue()) + " AS TIME)";
    }

    @Override
    protected String visitTimestampLiteral(TimestampLiteral node, Void context)
    {
        String value = node.getValue().trim();
        // a zone (offset or name) after the time makes it a timestamp with time zone
        boolean zoned = value.matches(".*\\d\\s*([+-]\\d{1,2}(:\\d{2})?|[A-Za-z][A-Za-z_/]+)$");
        return "CAST(" + string(value) + " AS " + (zoned ? "TIMESTAMPTZ" : "TIMESTAMP") + ")";
    }

    @Override
    protected String visitIntervalLiteral(IntervalLiteral node, Void context)
    {
        if (node.getEndField().isPresent()) {
            throw TranslationException.unsupported(node, "An interval with an end field");
        }
        String sign = node.getSign() == IntervalLiteral.Sign.NEGATIVE ? "-" : "";
        return "(" + sign + "INTERVAL " + string(node.getValue()) + " " + node.getStartField().name() + ")";
    }

    @Override
    protected String visitParameter(Parameter node, Void context)
    {
        if (node.getId() >= parameters.size()) {
            throw TranslationException.semantic(node, "Incorrect number of parameters: expected at least " + (node.getId() + 1) + " but found " + parameters.size());
        }
        return "(" + translate(parameters.get(node.getId())) + ")";
    }

    @Override
    protected String visitArithmeticUnary(ArithmeticUnaryExpression node, Void context)
    {
        return (node.getSign() == ArithmeticUnaryExpression.Sign.MINUS ? "-" : "+") + "(" + process(node.getValue(), context) + ")";
    }

    @Override
    protected String visitArithmeticBinary(ArithmeticBinaryExpression node, Void context)
    {
        return "(" + process(node.getLeft(), context) + " " + node.getOperator().getValue() + " " + process(node.getRight(), context) + ")";
    }

    @Override
    protected String visitComparisonExpression(ComparisonExpression node, Void context)
    {
        String operator = node.getOperator() == ComparisonExpression.Operator.IS_DISTINCT_FROM ? "IS DISTINCT FROM" : node.getOperator().getValue();
        return "(" + process(node.getLeft(), context) + " " + operator + " " + process(node.getRight(), context) + ")";
    }

    @Override
    protected String visitLogicalExpression(LogicalExpression node, Void context)
    {
        return node.getTerms().stream().map(term -> process(term, context))
                .collect(Collectors.joining(" " + node.getOperator().name() + " ", "(", ")"));
    }

    @Override
    protected String visitNotExpression(NotExpression node, Void context)
    {
        return "(NOT " + process(node.getValue(), context) + ")";
    }

    @Override
    protected String visitIsNullPredicate(IsNullPredicate node, Void context)
    {
        return "(" + process(node.getValue(), context) + " IS NULL)";
    }

    @Override
    protected String visitIsNotNullPredicate(IsNotNullPredicate node, Void context)
    {
        return "(" + process(node.getValue(), context) + " IS NOT NULL)";
    }

    @Override
    protected String visitBetweenPredicate(BetweenPredicate node, Void context)
    {
        return "(" + process(node.getValue(), context) + " BETWEEN " + process(node.getMin(), context) + " AND " + process(node.getMax(), context) + ")";
    }

    @Override
    protected String visitInPredicate(InPredicate node, Void context)
    {
        return "(" + process(node.getValue(), context) + " IN " + process(node.getValueList(), context) + ")";
    }

    @Override
    protected String visitInListExpression(InListExpression node, Void context)
    {
        return list(node.getValues(), "(", ")");
    }

    @Override
    protected String visitLikePredicate(LikePredicate node, Void context)
    {
        String like = "(" + process(node.getValue(), context) + " LIKE " + process(node.getPattern(), context);
        return like + node.getEscape().map(escape -> " ESCAPE " + process(escape, context)).orElse("") + ")";
    }

    @Override
    protected String visitSearchedCaseExpression(SearchedCaseExpression node, Void context)
    {
        StringBuilder out = new StringBuilder("(CASE");
        node.getWhenClauses().forEach(when -> out.append(process(when, context)));
        node.getDefaultValue().ifPresent(value -> out.append(" ELSE ").append(process(value, context)));
        return out.append(" END)").toString();
    }

    @Override
    protected String visitSimpleCaseExpression(SimpleCaseExpression node, Void context)
    {
        StringBuilder out = new StringBuilder("(CASE ").append(process(node.getOperand(), context));
        node.getWhenClauses().forEach(when -> out.append(process(when, context)));
        node.getDefaultValue().ifPresent(value -> out.append(" ELSE ").append(process(value, context)));
        return out.append(" END)").toString();
    }

    @Override
    protected String visitWhenClause(WhenClause node, Void context)
    {
        return " WHEN " + process(node.getOperand(), context) + " THEN " + process(node.getResult(), context);
    }

    @Override
    protected String visitIfExpression(IfExpression node, Void context)
    {
        return "(CASE WHEN " + process(node.getCondition(), context) + " THEN " + process(node.getTrueValue(), context)
                + node.getFalseValue().map(value -> " ELSE " + process(value, context)).orElse("") + " END)";
    }

    @Override
    protected String visitCoalesceExpression(CoalesceExpression node, Void context)
    {
        return list(node.getOperands(), "coalesce(", ")");
    }

    @Override
    protected String visitNullIfExpression(NullIfExpression node, Void context)
    {
        return "nullif(" + process(node.getFirst(), context) + ", " + process(node.getSecond(), context) + ")";
    }

    @Override
    protected String visitTryExpression(TryExpression node, Void context)
    {
        return "TRY(" + process(node.getInnerExpression(), context) + ")";
    }

    @Override
    public String visitCast(Cast node, Void context)
    {
        return (node.isSafe() ? "TRY_CAST(" : "CAST(") + process(node.getExpression(), context) + " AS " + type(node.getType()).toDuckDb() + ")";
    }

    @Override
    protected String visitSubqueryExpression(SubqueryExpression node, Void context)
    {
        return "(" + subqueries.apply(node.getQuery()) + ")";
    }

    @Override
    protected String visitExists(ExistsPredicate node, Void context)
    {
        return "(EXISTS " + process(node.getSubquery(), context) + ")";
    }

    @Override
    protected String visitQuantifiedComparisonExpression(QuantifiedComparisonExpression node, Void context)
    {
        return "(" + process(node.getValue(), context) + " " + node.getOperator().getValue() + " " + node.getQuantifier().name() + " "
                + process(node.getSubquery(), context) + ")";
    }

    @Override
    protected String visitArray(Array node, Void context)
    {
        return list(node.getValues(), "[", "]");
    }

    @Override
    protected String visitRow(Row node, Void context)
    {
        return list(node.getItems(), "row(", ")");
    }

    @Override
    protected String visitSubscriptExpression(SubscriptExpression node, Void context)
    {
        return process(node.getBase(), context) + "[" + process(node.getIndex(), context) + "]";
    }

    @Override
    protected String visitLambdaExpression(LambdaExpression node, Void context)
    {
        return "(lambda " + node.getArguments().stream().map(LambdaArgumentDeclaration::getName).map(ExpressionTranslator::identifier)
                .collect(Collectors.joining(", ")) + ": " + process(node.getBody(), context) + ")";
    }

    @Override
    protected String visitExtract(Extract node, Void context)
    {
        String function = switch (node.getField()) {
            case YEAR -> "year";
            case QUARTER -> "quarter";
            case MONTH -> "month";
            case WEEK -> "week";
            case DAY, DAY_OF_MONTH -> "day";
            case DAY_OF_WEEK, DOW -> "isodow";
            case DAY_OF_YEAR, DOY -> "dayofyear";
            case YEAR_OF_WEEK, YOW -> "isoyear";
            case HOUR -> "hour";
            case MINUTE -> "minute";
            case SECOND -> "second";
            case TIMEZONE_HOUR, TIMEZONE_MINUTE -> throw TranslationException.unsupported(node, "EXTRACT of " + node.getField());
        };
        return function + "(" + process(node.getExpression(), context) + ")";
    }

    @Override
    protected String visitCurrentTime(CurrentTime node, Void context)
    {
        return switch (node.getFunction()) {
            case DATE -> "current_date";
            case TIMESTAMP -> "current_timestamp";
            case LOCALTIMESTAMP -> "CAST(current_timestamp AS TIMESTAMP)";
            case TIME, LOCALTIME -> "CAST(current_timestamp AS TIME)";
        };
    }

    @Override
    protected String visitTrim(Trim node, Void context)
    {
        String function = switch (node.getSpecification()) {
            case BOTH -> "trim";
            case LEADING -> "ltrim";
            case TRAILING -> "rtrim";
        };
        return function + "(" + process(node.getTrimSource(), context) + node.getTrimCharacter().map(c -> ", " + process(c, context)).orElse("") + ")";
    }

    @Override
    protected String visitGroupingOperation(GroupingOperation node, Void context)
    {
        return node.getGroupingColumns().stream().map(column -> process(column, context))
                .collect(Collectors.joining(", ", "grouping(", ")"));
    }

    @Override
    protected String visitFunctionCall(FunctionCall node, Void context)
    {
        return functions.translate(node);
    }

    String list(List<? extends Expression> expressions, String open, String close)
    {
        return expressions.stream().map(this::translate).collect(Collectors.joining(", ", open, close));
    }

    /** A Trino type of a CAST or a view column as the engine's type. */
    static SqlType type(DataType type)
    {
        if (type instanceof RowDataType row) {
            List<SqlType.Field> fields = new ArrayList<>();
            int index = 1;
            for (RowDataType.Field field : row.getFields()) {
                String name = field.getName().map(Identifier::getValue).orElse("field" + index);
                fields.add(new SqlType.Field(name.toLowerCase(Locale.ROOT), type(field.getType())));
                index++;
            }
            return new SqlType.RowType(fields);
        }
        if (type instanceof DateTimeDataType dateTime) {
            if (dateTime.getType() == DateTimeDataType.Type.TIME) {
                return SqlType.Primitive.of("time");
            }
            return SqlType.Primitive.of(dateTime.isWithTimeZone() ? "timestamp with time zone" : "timestamp");
        }
        if (type instanceof GenericDataType generic) {
            String name = generic.getName().getValue().toLowerCase(Locale.ROOT);
            List<DataTypeParameter> arguments = generic.getArguments();
            if (name.equals("array") && arguments.size() == 1) {
                return new SqlType.ArrayType(typeArgument(type, arguments.get(0)));
            }
            if (name.equals("map") && arguments.size() == 2) {
                return new SqlType.MapType(typeArgument(type, arguments.get(0)), typeArgument(type, arguments.get(1)));
            }
            int precision = arguments.size() > 0 ? numeric(type, arguments.get(0)) : 0;
            int scale = arguments.size() > 1 ? numeric(type, arguments.get(1)) : 0;
            try {
                return SqlType.primitive(name, name.equals("decimal") && arguments.isEmpty() ? 38 : precision, scale);
            }
            catch (IllegalArgumentException e) {
                throw TranslationException.semantic(type, "Unknown type '" + name + "'");
            }
        }
        throw TranslationException.unsupported(type, "The type " + type);
    }

    private static SqlType typeArgument(DataType owner, DataTypeParameter parameter)
    {
        if (parameter instanceof TypeParameter typeParameter) {
            return type(typeParameter.getValue());
        }
        throw TranslationException.semantic(owner, "Invalid type " + owner);
    }

    private static int numeric(DataType owner, DataTypeParameter parameter)
    {
        if (parameter instanceof NumericParameter numeric) {
            return Integer.parseInt(numeric.getValue());
        }
        throw TranslationException.semantic(owner, "Invalid type " + owner);
    }
}
