package dev.tarn.s3.select;

import dev.tarn.s3.select.Expression.Between;
import dev.tarn.s3.select.Expression.Binary;
import dev.tarn.s3.select.Expression.Call;
import dev.tarn.s3.select.Expression.Case;
import dev.tarn.s3.select.Expression.Cast;
import dev.tarn.s3.select.Expression.DatePart;
import dev.tarn.s3.select.Expression.Field;
import dev.tarn.s3.select.Expression.In;
import dev.tarn.s3.select.Expression.Index;
import dev.tarn.s3.select.Expression.Is;
import dev.tarn.s3.select.Expression.Like;
import dev.tarn.s3.select.Expression.Literal;
import dev.tarn.s3.select.Expression.Negate;
import dev.tarn.s3.select.Expression.Not;
import dev.tarn.s3.select.Expression.Path;
import dev.tarn.s3.select.Expression.Star;
import dev.tarn.s3.select.Expression.Step;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Translates a parsed S3 Select query to DuckDB SQL with S3 Select's semantics: CSV values are
 * strings (compared as strings, converted only by CAST); JSON values stay JSON until an operator
 * needs a number, string or boolean; a missing JSON member is SQL NULL while a JSON null is the
 * JSON value {@code null}, which is how IS MISSING and IS NULL tell them apart; DuckDB's 1-based
 * lists are indexed from 0 as in S3 Select. Runtime faults S3 Select reports (division by zero)
 * are raised with DuckDB's {@code error()} so they surface with their code.
 */
public final class DuckDbTranslator
{
    static final String DIVISION_BY_ZERO = "S3SELECT:DivisionByZero";
    private static final Pattern POSITIONAL = Pattern.compile("_(\\d+)");

    /**
     * The static type of a translated expression, enough to coerce operands as S3 Select does.
     * INTEGER is a number known to be integral (an integer literal, a CAST to INT, COUNT): integer
     * arithmetic stays integral, as on S3; NUMBER is a DOUBLE or a DECIMAL.
     */
    enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, TIMESTAMP, JSON, NATIVE, NULL }

    record Typed(String sql, Kind kind) {}

    private final SelectQuery query;
    private final InputSchema schema;

    private DuckDbTranslator(SelectQuery query, InputSchema schema)
    {
        this.query = requireNonNull(query, "query is null");
        this.schema = requireNonNull(schema, "schema is null");
    }

    /** The highest positional column ({@code _N}) the query names, so the CSV reader declares at least that many. */
    public static int maxPositionalColumn(SelectQuery query)
    {
        int[] max = {0};
        query.items().forEach(item -> visitPaths(item.expression(), path -> max[0] = Math.max(max[0], positional(query, path).orElse(0))));
        query.where().ifPresent(where -> visitPaths(where, path -> max[0] = Math.max(max[0], positional(query, path).orElse(0))));
        return max[0];
    }

    public static Translation translate(SelectQuery query, InputSchema schema, String source)
    {
        return new DuckDbTranslator(query, schema).translate(source, Optional.empty());
    }

    /**
     * The query over records followed by one end row for which {@code endRow} holds: the end row
     * passes the WHERE clause, and a last boolean column is true for it alone, so a result that
     * lacks it ended early. Not for aggregates (the end row would be counted) or LIMIT.
     */
    public static Translation translateWithEndRow(SelectQuery query, InputSchema schema, String source, String endRow)
    {
        if (isAggregate(query) || query.limit().isPresent()) {
            throw new IllegalArgumentException("an end row needs a query that returns every matching record");
        }
        return new DuckDbTranslator(query, schema).translate(source, Optional.of(endRow));
    }

    /** Whether the query aggregates (it then returns one row). */
    public static boolean isAggregate(SelectQuery query)
    {
        return query.items().stream().anyMatch(item -> containsAggregate(item.expression()));
    }

    private Translation translate(String source, Optional<String> endRow)
    {
        if (!query.fromPath().isEmpty()) {
            if (!(schema instanceof InputSchema.Json)) {
                throw SelectErrors.UNSUPPORTED_SQL_OPERATION.exception("A path in FROM is only supported for JSON input.");
            }
            String selected = "json_extract(doc, " + quote(jsonPath(query.fromPath())) + ")";
            source = "(SELECT unnest(CASE WHEN json_type(selected) = 'ARRAY' THEN json_extract(selected, '$[*]') ELSE [selected] END) AS doc"
                    + " FROM (SELECT " + selected + " AS selected FROM " + source + ") WHERE selected IS NOT NULL)";
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        List<Translation.OutputColumn> columns = new ArrayList<>();
        boolean selectAll = query.selectsAll();
        if (selectAll) {
            if (schema instanceof InputSchema.Csv csv) {
                for (int i = 1; i <= csv.columnCount(); i++) {
                    sql.append(i > 1 ? ", " : "").append("c").append(i);
                    columns.add(new Translation.OutputColumn(csv.name(i), false));
                }
            }
            else if (schema instanceof InputSchema.Json) {
                sql.append("doc");
                columns.add(new Translation.OutputColumn("_1", true));
            }
            else {
                sql.append("*");
            }
        }
        else {
            boolean aggregate = isAggregate(query);
            for (int i = 0; i < query.items().size(); i++) {
                SelectQuery.Item item = query.items().get(i);
                if (aggregate && !containsAggregate(item.expression()) && containsPath(item.expression())) {
                    throw SelectErrors.UNSUPPORTED_SQL_OPERATION.exception("An aggregate query may only select aggregates.");
                }
                Typed value = expression(item.expression());
                sql.append(i > 0 ? ", " : "").append(value.sql());
                columns.add(new Translation.OutputColumn(item.alias().orElseGet(() -> defaultName(item.expression(), columns.size() + 1)),
                        value.kind() == Kind.JSON));
            }
        }
        endRow.ifPresent(end -> sql.append(", COALESCE(").append(end).append(", false)"));
        sql.append(" FROM ").append(source);
        query.where().ifPresent(where -> {
            if (containsAggregate(where)) {
                throw SelectErrors.UNSUPPORTED_SQL_OPERATION.exception("Aggregate functions are not allowed in WHERE.");
            }
            sql.append(" WHERE ").append(endRow.map(end -> "(" + condition(where) + ") OR " + end).orElseGet(() -> condition(where)));
        });
        query.limit().ifPresent(limit -> sql.append(" LIMIT ").append(limit));
        return new Translation(sql.toString(), columns, selectAll);
    }

    private String defaultName(Expression expression, int position)
    {
        if (expression instanceof Path path) {
            List<Step> steps = stripAlias(path);
            if (!steps.isEmpty() && steps.get(steps.size() - 1) instanceof Field field) {
                if (schema instanceof InputSchema.Csv csv) {
                    Optional<Integer> index = positional(field);
                    if (index.isPresent()) {
                        return "_" + index.get();
                    }
                    return csv.column(field.name(), field.quoted()).map(csv::name).orElse(field.name());
                }
                return field.name();
            }
        }
        return "_" + position;
    }

    /** A WHERE condition: a boolean, however its operand is typed. */
    private String condition(Expression expression)
    {
        return coerce(expression(expression), Kind.BOOLEAN);
    }

    Typed expression(Expression expression)
    {
        if (expression instanceof Literal literal) {
            return literal(literal);
        }
        if (expression instanceof Path path) {
            return path(path);
        }
        if (expression instanceof Negate negate) {
            Typed operand = expression(negate.operand());
            return new Typed("(-" + coerce(operand, Kind.NUMBER) + ")", operand.kind() == Kind.INTEGER ? Kind.INTEGER : Kind.NUMBER);
        }
        if (expression instanceof Not not) {
            return new Typed("(NOT " + condition(not.operand()) + ")", Kind.BOOLEAN);
        }
        if (expression instanceof Binary binary) {
            return binary(binary);
        }
        if (expression instanceof Like like) {
            return like(like);
        }
        if (expression instanceof Between between) {
            return between(between);
        }
        if (expression instanceof In in) {
            return in(in);
        }
        if (expression instanceof Is is) {
            return is(is);
        }
        if (expression instanceof Case caseExpression) {
            return caseExpression(caseExpression);
        }
        if (expression instanceof Cast cast) {
            return cast(cast);
        }
        if (expression instanceof DatePart part) {
            return new Typed(quote(part.part().toLowerCase(Locale.ROOT)), Kind.STRING);
        }
        if (expression instanceof Call call) {
            return call(call);
        }
        throw SelectErrors.PARSE_UNSUPPORTED_CALL_WITH_STAR.exception();
    }

    private static Typed literal(Literal literal)
    {
        return switch (literal.kind()) {
            case STRING -> new Typed(quote((String) literal.value().orElseThrow()), Kind.STRING);
            case INTEGER -> new Typed(literal.value().orElseThrow().toString(), Kind.INTEGER);
            // DuckDB reads a literal with a fraction as a DECIMAL of its own precision (a DOUBLE beyond 38 digits)
            case DECIMAL -> new Typed(((BigDecimal) literal.value().orElseThrow()).toPlainString(), Kind.NUMBER);
            case BOOLEAN -> new Typed(literal.value().orElseThrow().toString().toUpperCase(Locale.ROOT), Kind.BOOLEAN);
            case NULL, MISSING -> new Typed("NULL", Kind.NULL);
        };
    }

    private Typed path(Path path)
    {
        List<Step> steps = stripAlias(path);
        if (schema instanceof InputSchema.Csv csv) {
            return csvColumn(csv, steps, path);
        }
        if (schema instanceof InputSchema.Json) {
            return new Typed(steps.isEmpty() ? "doc" : "json_extract(doc, " + quote(jsonPath(steps)) + ")", Kind.JSON);
        }
        return new Typed(parquetPath(steps, path), Kind.NATIVE);
    }

    /** The steps after the FROM alias (or S3Object), which a reference may or may not start with. */
    private List<Step> stripAlias(Path path)
    {
        List<Step> steps = path.steps();
        if (steps.size() > 1 && steps.get(0) instanceof Field first && !first.quoted()) {
            boolean alias = query.alias().map(first.name()::equalsIgnoreCase).orElse(false) || first.name().equalsIgnoreCase("S3Object");
            if (alias) {
                return steps.subList(1, steps.size());
            }
        }
        if (steps.size() == 1 && steps.get(0) instanceof Field only && !only.quoted()
                && query.alias().map(only.name()::equalsIgnoreCase).orElse(false)
                && !(schema instanceof InputSchema.Csv)) {
            return List.of();
        }
        return steps;
    }

    private Typed csvColumn(InputSchema.Csv csv, List<Step> steps, Path path)
    {
        if (steps.size() != 1 || !(steps.get(0) instanceof Field field)) {
            throw SelectParser.error(SelectErrors.INVALID_COLUMN_INDEX, path.position(), "CSV records have no nested fields");
        }
        Optional<Integer> index = positional(field);
        if (index.isPresent()) {
            if (index.get() < 1) {
                throw SelectParser.error(SelectErrors.INVALID_COLUMN_INDEX, path.position(), field.name());
            }
            return new Typed("c" + index.get(), Kind.STRING);
        }
        // A name the header does not have is MISSING, as it is for a record without that field.
        return csv.column(field.name(), field.quoted())
                .map(column -> new Typed("c" + column, Kind.STRING))
                .orElse(new Typed("CAST(NULL AS VARCHAR)", Kind.STRING));
    }

    private static Optional<Integer> positional(Field field)
    {
        Matcher matcher = POSITIONAL.matcher(field.name());
        if (field.quoted() || !matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(matcher.group(1)));
        }
        catch (NumberFormatException e) {
            return Optional.of(Integer.MAX_VALUE);
        }
    }

    private static Optional<Integer> positional(SelectQuery query, Path path)
    {
        List<Step> steps = path.steps();
        Step last = steps.get(steps.size() - 1);
        if (steps.size() <= 2 && last instanceof Field field) {
            return positional(field).filter(index -> index < 100_000);
        }
        return Optional.empty();
    }

    private static String jsonPath(List<Step> steps)
    {
        StringBuilder path = new StringBuilder("$");
        for (Step step : steps) {
            if (step instanceof Field field) {
                path.append(".\"").append(field.name().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            else if (step instanceof Expression.Each) {
                // iterating the array at the path is how FROM already reads an array
                continue;
            }
            else {
                path.append('[').append(((Index) step).index()).append(']');
            }
        }
        return path.toString();
    }

    private String parquetPath(List<Step> steps, Path path)
    {
        if (steps.isEmpty() || !(steps.get(0) instanceof Field)) {
            throw SelectParser.error(SelectErrors.INVALID_COLUMN_INDEX, path.position(), "record");
        }
        StringBuilder sql = new StringBuilder();
        for (Step step : steps) {
            if (step instanceof Field field) {
                sql.append(sql.length() == 0 ? "" : ".").append(identifier(field.name()));
            }
            else {
                sql.append('[').append(((Index) step).index() + 1).append(']');
            }
        }
        return sql.toString();
    }

    private Typed binary(Binary binary)
    {
        String operator = binary.operator();
        switch (operator) {
            case "AND", "OR" -> {
                return new Typed("(" + condition(binary.left()) + " " + operator + " " + condition(binary.right()) + ")", Kind.BOOLEAN);
            }
            case "||" -> {
                return new Typed("(" + coerce(expression(binary.left()), Kind.STRING) + " || " + coerce(expression(binary.right()), Kind.STRING) + ")",
                        Kind.STRING);
            }
            case "+", "-", "*", "%" -> {
                Typed left = expression(binary.left());
                Typed right = expression(binary.right());
                return new Typed("(" + coerce(left, Kind.NUMBER) + " " + operator + " " + coerce(right, Kind.NUMBER) + ")", arithmetic(left, right));
            }
            case "/" -> {
                Typed left = expression(binary.left());
                Typed right = expression(binary.right());
                Kind kind = arithmetic(left, right);
                String divisor = coerce(right, Kind.NUMBER);
                // integers divide as integers on S3 (7 / 2 is 3); DuckDB's "/" is always a fractional division
                return new Typed("(" + coerce(left, Kind.NUMBER) + (kind == Kind.INTEGER ? " // " : " / ") + "(CASE WHEN " + divisor + " = 0 THEN error("
                        + quote(DIVISION_BY_ZERO) + ") ELSE " + divisor + " END))", kind);
            }
            default -> {
                Typed left = expression(binary.left());
                Typed right = expression(binary.right());
                Kind common = common(left.kind(), right.kind());
                return new Typed("(" + coerce(left, common) + " " + operator + " " + coerce(right, common) + ")", Kind.BOOLEAN);
            }
        }
    }

    private String number(Expression expression)
    {
        return coerce(expression(expression), Kind.NUMBER);
    }

    /** An arithmetic result is integral when both operands are. */
    private static Kind arithmetic(Typed left, Typed right)
    {
        return left.kind() == Kind.INTEGER && right.kind() == Kind.INTEGER ? Kind.INTEGER : Kind.NUMBER;
    }

    /** The one type of values that are alternatives (CASE results, COALESCE arguments): numbers stay numbers, other mixes are strings. */
    private static Kind alternative(Kind kind, Kind other)
    {
        if (kind == other || other == Kind.NULL) {
            return kind;
        }
        if (kind == Kind.NULL) {
            return other;
        }
        return isNumber(kind) && isNumber(other) ? Kind.NUMBER : Kind.STRING;
    }

    private static boolean isNumber(Kind kind)
    {
        return kind == Kind.INTEGER || kind == Kind.NUMBER;
    }

    /**
     * The type two operands are compared as: as strings when either is a string (CSV values stay
     * strings, as on S3), a JSON value as the other operand's type, otherwise as they are.
     */
    private static Kind common(Kind left, Kind right)
    {
        if (left == right) {
            return left;
        }
        if (isNumber(left) && isNumber(right)) {
            return Kind.NUMBER;
        }
        if (left == Kind.NULL || left == Kind.NATIVE) {
            return right == Kind.JSON ? Kind.NATIVE : right;
        }
        if (right == Kind.NULL || right == Kind.NATIVE) {
            return left == Kind.JSON ? Kind.NATIVE : left;
        }
        if (left == Kind.JSON) {
            return right;
        }
        if (right == Kind.JSON) {
            return left;
        }
        if (left == Kind.TIMESTAMP || right == Kind.TIMESTAMP) {
            return Kind.TIMESTAMP;
        }
        return Kind.STRING;
    }

    /** An expression's SQL as {@code target}; NATIVE leaves it as it is. */
    static String coerce(Typed value, Kind target)
    {
        if (value.kind() == target || target == Kind.NATIVE || value.kind() == Kind.NULL || (isNumber(value.kind()) && isNumber(target))) {
            return value.sql();
        }
        if (value.kind() == Kind.JSON) {
            String text = "json_extract_string(" + value.sql() + ", '$')";
            return switch (target) {
                case STRING -> text;
                case NUMBER, INTEGER -> "TRY_CAST(" + text + " AS DOUBLE)";
                case BOOLEAN -> "TRY_CAST(" + text + " AS BOOLEAN)";
                case TIMESTAMP -> "TRY_CAST(" + text + " AS TIMESTAMPTZ)";
                default -> value.sql();
            };
        }
        return switch (target) {
            case STRING -> switch (value.kind()) {
                case TIMESTAMP -> "strftime(" + value.sql() + ", '%Y-%m-%dT%H:%M:%S.%gZ')";
                case NUMBER -> numberText(value.sql());
                default -> "CAST(" + value.sql() + " AS VARCHAR)";
            };
            case NUMBER, INTEGER -> value.kind() == Kind.STRING ? "CAST(NULLIF(trim(" + value.sql() + "), '') AS DOUBLE)" : "CAST(" + value.sql() + " AS DOUBLE)";
            case BOOLEAN -> value.kind() == Kind.STRING ? "CAST(NULLIF(trim(" + value.sql() + "), '') AS BOOLEAN)" : "CAST(" + value.sql() + " AS BOOLEAN)";
            case TIMESTAMP -> "CAST(" + value.sql() + " AS TIMESTAMPTZ)";
            default -> value.sql();
        };
    }

    /**
     * A DOUBLE or DECIMAL as S3 Select writes it: a whole number without a fraction (60, not 60.0
     * or 60.000), other values in their shortest form.
     */
    private static String numberText(String sql)
    {
        return "(CASE WHEN " + sql + " = trunc(" + sql + ") AND abs(" + sql + ") < 1e15 THEN CAST(CAST(" + sql + " AS BIGINT) AS VARCHAR)"
                + " ELSE CAST(CAST(" + sql + " AS DOUBLE) AS VARCHAR) END)";
    }

    private Typed like(Like like)
    {
        StringBuilder sql = new StringBuilder("(")
                .append(coerce(expression(like.value()), Kind.STRING))
                .append(like.negated() ? " NOT LIKE " : " LIKE ")
                .append(coerce(expression(like.pattern()), Kind.STRING));
        like.escape().ifPresent(escape -> sql.append(" ESCAPE ").append(coerce(expression(escape), Kind.STRING)));
        return new Typed(sql.append(")").toString(), Kind.BOOLEAN);
    }

    private Typed between(Between between)
    {
        Typed value = expression(between.value());
        Typed low = expression(between.low());
        Typed high = expression(between.high());
        Kind common = common(common(value.kind(), low.kind()), high.kind());
        return new Typed("(" + coerce(value, common) + (between.negated() ? " NOT BETWEEN " : " BETWEEN ") + coerce(low, common) + " AND "
                + coerce(high, common) + ")", Kind.BOOLEAN);
    }

    private Typed in(In in)
    {
        Typed value = expression(in.value());
        List<Typed> candidates = in.candidates().stream().map(this::expression).toList();
        Kind common = value.kind();
        for (Typed candidate : candidates) {
            common = common(common, candidate.kind());
        }
        StringBuilder sql = new StringBuilder("(").append(coerce(value, common)).append(in.negated() ? " NOT IN (" : " IN (");
        for (int i = 0; i < candidates.size(); i++) {
            sql.append(i > 0 ? ", " : "").append(coerce(candidates.get(i), common));
        }
        return new Typed(sql.append("))").toString(), Kind.BOOLEAN);
    }

    private Typed is(Is is)
    {
        Typed value = expression(is.value());
        String test = switch (is.test()) {
            case NULL -> value.kind() == Kind.JSON ? "(" + value.sql() + " IS NULL OR json_type(" + value.sql() + ") = 'NULL')" : "(" + value.sql() + " IS NULL)";
            case MISSING -> is.value() instanceof Path ? "(" + value.sql() + " IS NULL)" : "FALSE";
            case TRUE -> "(" + coerce(value, Kind.BOOLEAN) + " IS TRUE)";
            case FALSE -> "(" + coerce(value, Kind.BOOLEAN) + " IS FALSE)";
        };
        return new Typed(is.negated() ? "(NOT " + test + ")" : test, Kind.BOOLEAN);
    }

    private Typed caseExpression(Case caseExpression)
    {
        List<Typed> results = new ArrayList<>();
        caseExpression.whens().forEach(when -> results.add(expression(when.result())));
        Optional<Typed> otherwise = caseExpression.otherwise().map(this::expression);
        Kind kind = results.get(0).kind();
        for (Typed result : results) {
            kind = alternative(kind, result.kind());
        }
        if (otherwise.isPresent()) {
            kind = alternative(kind, otherwise.get().kind());
        }
        Optional<Typed> operand = caseExpression.operand().map(this::expression);
        StringBuilder sql = new StringBuilder("(CASE");
        for (int i = 0; i < results.size(); i++) {
            Expression.When when = caseExpression.whens().get(i);
            String condition;
            if (operand.isPresent()) {
                Typed candidate = expression(when.condition());
                Kind common = common(operand.get().kind(), candidate.kind());
                condition = coerce(operand.get(), common) + " = " + coerce(candidate, common);
            }
            else {
                condition = condition(when.condition());
            }
            sql.append(" WHEN ").append(condition).append(" THEN ").append(coerce(results.get(i), kind));
        }
        Kind resultKind = kind;
        otherwise.ifPresent(value -> sql.append(" ELSE ").append(coerce(value, resultKind)));
        return new Typed(sql.append(" END)").toString(), kind);
    }

    private Typed cast(Cast cast)
    {
        Typed value = expression(cast.value());
        if (cast.type() == SqlType.STRING && (value.kind() == Kind.TIMESTAMP || value.kind() == Kind.NUMBER)) {
            return new Typed(coerce(value, Kind.STRING), Kind.STRING);
        }
        Kind kind = switch (cast.type()) {
            case INT, INTEGER, BIGINT -> Kind.INTEGER;
            case FLOAT, DECIMAL -> Kind.NUMBER;
            case STRING -> Kind.STRING;
            case BOOL -> Kind.BOOLEAN;
            case TIMESTAMP -> Kind.TIMESTAMP;
        };
        boolean integral = cast.type() == SqlType.INT || cast.type() == SqlType.INTEGER || cast.type() == SqlType.BIGINT;
        // S3 Select truncates a fractional value cast to an integer type.
        String target = integral ? "DOUBLE" : cast.type().duckDbType();
        String converted = switch (value.kind()) {
            case JSON -> "CAST(json_extract_string(" + value.sql() + ", '$') AS " + target + ")";
            case STRING -> cast.type() == SqlType.STRING ? value.sql() : fromString(value.sql(), target, kind == Kind.INTEGER || kind == Kind.NUMBER);
            default -> isNumber(value.kind()) && integral ? value.sql() : "CAST(" + value.sql() + " AS " + target + ")";
        };
        return new Typed(integral ? "CAST(trunc(" + converted + ") AS BIGINT)" : converted, kind);
    }

    /**
     * A CSV string cast to {@code type}: an empty (or all-blank) field is no value, so it casts to
     * NULL rather than failing. DuckDB's numeric casts skip surrounding whitespace themselves, so
     * a value that converts is taken as it is, and only the others (blank, or the failure to
     * report) go through trim(), which costs as much as the cast.
     */
    private static String fromString(String value, String type, boolean numeric)
    {
        String blankIsNull = "CAST(NULLIF(trim(" + value + "), '') AS " + type + ")";
        if (!numeric) {
            return blankIsNull;
        }
        String attempt = "TRY_CAST(" + value + " AS " + type + ")";
        return "(CASE WHEN " + attempt + " IS NULL THEN " + blankIsNull + " ELSE " + attempt + " END)";
    }

    private Typed call(Call call)
    {
        List<Expression> arguments = call.arguments();
        return switch (call.name()) {
            case "COUNT" -> arguments.get(0) instanceof Star ? new Typed("count(*)", Kind.INTEGER) : new Typed("count(" + expression(arguments.get(0)).sql() + ")", Kind.INTEGER);
            case "SUM" -> {
                Typed value = expression(arguments.get(0));
                yield new Typed("sum(" + coerce(value, Kind.NUMBER) + ")", value.kind() == Kind.INTEGER ? Kind.INTEGER : Kind.NUMBER);
            }
            case "AVG" -> new Typed("avg(" + number(arguments.get(0)) + ")", Kind.NUMBER);
            case "MIN", "MAX" -> {
                Typed value = expression(arguments.get(0));
                Kind kind = value.kind() == Kind.JSON ? Kind.NUMBER : value.kind();
                yield new Typed(call.name().toLowerCase(Locale.ROOT) + "(" + coerce(value, kind) + ")", kind);
            }
            case "COALESCE" -> {
                List<Typed> values = arguments.stream().map(this::expression).toList();
                Kind kind = values.get(0).kind();
                for (Typed value : values) {
                    kind = alternative(kind, value.kind());
                }
                Kind common = kind;
                yield new Typed("coalesce(" + String.join(", ", values.stream().map(value -> coerce(value, common)).toList()) + ")", common);
            }
            case "NULLIF" -> {
                Typed left = expression(arguments.get(0));
                Typed right = expression(arguments.get(1));
                Kind common = common(left.kind(), right.kind());
                yield new Typed("nullif(" + coerce(left, common) + ", " + coerce(right, common) + ")", common == Kind.NULL ? Kind.NULL : common);
            }
            case "CHAR_LENGTH", "CHARACTER_LENGTH" -> new Typed("length(" + string(arguments.get(0)) + ")", Kind.INTEGER);
            case "LOWER", "UPPER" -> new Typed(call.name().toLowerCase(Locale.ROOT) + "(" + string(arguments.get(0)) + ")", Kind.STRING);
            case "SUBSTRING" -> substring(arguments);
            case "TRIM" -> trim(call);
            case "DATE_ADD" -> dateAdd(arguments);
            case "DATE_DIFF" -> new Typed("date_sub(" + expression(arguments.get(0)).sql() + ", " + timestamp(arguments.get(1)) + ", "
                    + timestamp(arguments.get(2)) + ")", Kind.INTEGER);
            case "EXTRACT" -> new Typed("extract(" + ((DatePart) arguments.get(0)).part().toLowerCase(Locale.ROOT) + " FROM " + timestamp(arguments.get(1))
                    + ")", Kind.INTEGER);
            case "TO_STRING" -> toStringCall(arguments);
            case "TO_TIMESTAMP" -> new Typed("CAST(" + string(arguments.get(0)) + " AS TIMESTAMPTZ)", Kind.TIMESTAMP);
            case "UTCNOW" -> new Typed("get_current_timestamp()", Kind.TIMESTAMP);
            default -> throw SelectParser.error(SelectErrors.UNSUPPORTED_FUNCTION, call.position(), call.name());
        };
    }

    private String string(Expression expression)
    {
        return coerce(expression(expression), Kind.STRING);
    }

    private String timestamp(Expression expression)
    {
        return coerce(expression(expression), Kind.TIMESTAMP);
    }

    /** SQL's SUBSTRING: a start before 1 shortens the length, as S3 Select defines it. */
    private Typed substring(List<Expression> arguments)
    {
        String value = string(arguments.get(0));
        String start = "CAST(" + number(arguments.get(1)) + " AS BIGINT)";
        if (arguments.size() == 2) {
            return new Typed("substring(" + value + ", greatest(" + start + ", 1))", Kind.STRING);
        }
        String length = "CAST(" + number(arguments.get(2)) + " AS BIGINT)";
        return new Typed("substring(" + value + ", greatest(" + start + ", 1), greatest(" + length + " + least(" + start + ", 1) - 1, 0))", Kind.STRING);
    }

    private Typed trim(Call call)
    {
        String value = string(call.arguments().get(0));
        String characters = call.arguments().size() > 1 ? string(call.arguments().get(1)) : "' '";
        String function = switch (call.trimSpec().orElse("BOTH")) {
            case "LEADING" -> "ltrim";
            case "TRAILING" -> "rtrim";
            default -> "trim";
        };
        return new Typed(function + "(" + value + ", " + characters + ")", Kind.STRING);
    }

    private Typed dateAdd(List<Expression> arguments)
    {
        String part = ((DatePart) arguments.get(0)).part();
        String function = switch (part) {
            case "YEAR" -> "to_years";
            case "MONTH" -> "to_months";
            case "DAY" -> "to_days";
            case "HOUR" -> "to_hours";
            case "MINUTE" -> "to_minutes";
            case "SECOND" -> "to_seconds";
            default -> throw SelectErrors.UNSUPPORTED_SQL_OPERATION.exception("DATE_ADD does not support " + part + ".");
        };
        String quantity = "CAST(" + number(arguments.get(1)) + " AS " + (part.equals("SECOND") ? "DOUBLE" : "INTEGER") + ")";
        return new Typed("(" + timestamp(arguments.get(2)) + " + " + function + "(" + quantity + "))", Kind.TIMESTAMP);
    }

    private Typed toStringCall(List<Expression> arguments)
    {
        if (!(arguments.get(1) instanceof Literal literal) || literal.kind() != Literal.Kind.STRING) {
            throw SelectErrors.INCORRECT_SQL_FUNCTION_ARGUMENT_TYPE.exception("TO_STRING takes a string literal as its format.");
        }
        String format = TimestampFormat.toStrftime((String) literal.value().orElseThrow());
        return new Typed("strftime(" + timestamp(arguments.get(0)) + ", " + quote(format) + ")", Kind.STRING);
    }

    private static boolean containsAggregate(Expression expression)
    {
        boolean[] found = {false};
        visit(expression, node -> {
            if (node instanceof Call call && SelectParser.isAggregate(call.name())) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private static boolean containsPath(Expression expression)
    {
        boolean[] found = {false};
        visitPaths(expression, path -> found[0] = true);
        return found[0];
    }

    private static void visitPaths(Expression expression, java.util.function.Consumer<Path> consumer)
    {
        visit(expression, node -> {
            if (node instanceof Path path) {
                consumer.accept(path);
            }
        });
    }

    private static void visit(Expression expression, java.util.function.Consumer<Expression> consumer)
    {
        consumer.accept(expression);
        List<Expression> children = new ArrayList<>();
        if (expression instanceof Negate negate) {
            children.add(negate.operand());
        }
        else if (expression instanceof Not not) {
            children.add(not.operand());
        }
        else if (expression instanceof Binary binary) {
            children.addAll(List.of(binary.left(), binary.right()));
        }
        else if (expression instanceof Like like) {
            children.addAll(List.of(like.value(), like.pattern()));
            like.escape().ifPresent(children::add);
        }
        else if (expression instanceof Between between) {
            children.addAll(List.of(between.value(), between.low(), between.high()));
        }
        else if (expression instanceof In in) {
            children.add(in.value());
            children.addAll(in.candidates());
        }
        else if (expression instanceof Is is) {
            children.add(is.value());
        }
        else if (expression instanceof Case caseExpression) {
            caseExpression.operand().ifPresent(children::add);
            caseExpression.whens().forEach(when -> {
                children.add(when.condition());
                children.add(when.result());
            });
            caseExpression.otherwise().ifPresent(children::add);
        }
        else if (expression instanceof Cast cast) {
            children.add(cast.value());
        }
        else if (expression instanceof Call call) {
            children.addAll(call.arguments());
        }
        children.forEach(child -> visit(child, consumer));
    }

    static String quote(String text)
    {
        return "'" + text.replace("'", "''") + "'";
    }

    static String identifier(String name)
    {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
