package dev.tarn.athena.engine.sql;

import io.trino.sql.tree.Expression;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.StringLiteral;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Map.entry;
import static java.util.Objects.requireNonNull;

/**
 * Trino's functions in DuckDB's terms. Only functions listed here are translated; any other
 * name fails as Trino reports an unknown function, so a function whose DuckDB namesake means
 * something else never runs by accident.
 */
final class FunctionTranslator
{
    /** Functions whose DuckDB namesake takes the same arguments and gives the same answer. */
    private static final Set<String> SAME = Set.of(
            "abs", "acos", "asin", "atan", "atan2", "cbrt", "ceil", "ceiling", "cos", "cosh", "degrees", "exp", "floor", "ln", "log10",
            "log2", "pi", "power", "pow", "radians", "round", "sign", "sin", "sqrt", "tan", "tanh", "greatest", "least", "mod",
            "length", "lower", "upper", "trim", "ltrim", "rtrim", "replace", "reverse", "lpad", "rpad", "strpos", "starts_with",
            "concat", "concat_ws", "chr", "ascii", "levenshtein_distance", "hamming_distance", "left", "right",
            "count", "sum", "avg", "min", "max", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "corr",
            "covar_samp", "covar_pop", "bool_and", "bool_or", "count_if", "array_agg", "max_by", "min_by", "regr_slope", "regr_intercept",
            "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value",
            "date_trunc", "date_diff", "year", "quarter", "month", "week", "day", "hour", "minute", "second", "day_of_year",
            "map_keys", "map_values", "map_entries", "nullif", "coalesce", "md5", "sha256", "url_encode", "url_decode",
            "current_date", "now", "typeof", "bit_count", "bitwise_and", "bitwise_or", "bitwise_xor", "is_nan", "is_finite",
            "json_array_length", "uuid", "random", "rand", "geometric_mean", "every", "split_part", "translate", "format_number");

    /** Functions DuckDB has under another name, with the same arguments and meaning. */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            entry("approx_distinct", "approx_count_distinct"),
            entry("arbitrary", "any_value"),
            entry("any_value", "any_value"),
            entry("regexp_like", "regexp_matches"),
            entry("regexp_extract_all", "regexp_extract_all"),
            entry("split", "string_split"),
            entry("cardinality", "len"),
            entry("contains", "list_contains"),
            entry("array_join", "array_to_string"),
            entry("array_distinct", "list_distinct"),
            entry("array_sort", "list_sort"),
            entry("array_max", "list_max"),
            entry("array_min", "list_min"),
            entry("array_position", "list_position"),
            entry("array_remove", "list_filter_value"),
            entry("filter", "list_filter"),
            entry("transform", "list_transform"),
            entry("zip", "list_zip"),
            entry("flatten", "flatten"),
            entry("slice", "list_slice"),
            entry("substr", "substring"),
            entry("substring", "substring"),
            entry("day_of_week", "isodow"),
            entry("dow", "isodow"),
            entry("doy", "dayofyear"),
            entry("day_of_month", "day"),
            entry("year_of_week", "isoyear"),
            entry("yow", "isoyear"),
            entry("to_unixtime", "epoch"),
            entry("truncate", "trunc"),
            entry("json_extract", "json_extract"),
            entry("json_extract_scalar", "json_extract_string"),
            entry("json_format", "to_json"),
            entry("json_parse", "json"),
            entry("to_hex", "hex"),
            entry("from_hex", "unhex"),
            entry("codepoint", "unicode"),
            entry("infinity", "'Infinity'::DOUBLE"),
            entry("nan", "'NaN'::DOUBLE"),
            entry("e", "e"),
            entry("string_agg", "string_agg"),
            entry("listagg", "string_agg"));

    private final ExpressionTranslator expressions;
    private final ExpressionTranslator.WindowTranslator windows;

    FunctionTranslator(ExpressionTranslator expressions, ExpressionTranslator.WindowTranslator windows)
    {
        this.expressions = requireNonNull(expressions, "expressions is null");
        this.windows = requireNonNull(windows, "windows is null");
    }

    String translate(FunctionCall call)
    {
        if (call.getName().getParts().size() != 1) {
            throw notRegistered(call);
        }
        if (call.getProcessingMode().isPresent()) {
            throw TranslationException.unsupported(call, "RUNNING and FINAL");
        }
        String name = call.getName().getSuffix().toLowerCase(Locale.ROOT);
        List<Expression> arguments = call.getArguments();
        String body = special(call, name, arguments).orElseGet(() -> plain(call, name, arguments));
        StringBuilder out = new StringBuilder(body);
        call.getNullTreatment().ifPresent(treatment -> out.insert(out.length() - 1, treatment == FunctionCall.NullTreatment.IGNORE ? " IGNORE NULLS" : ""));
        call.getFilter().ifPresent(filter -> out.append(" FILTER (WHERE ").append(expressions.translate(filter)).append(")"));
        call.getWindow().ifPresent(window -> out.append(" OVER ").append(windows.over(window)));
        return out.toString();
    }

    private String plain(FunctionCall call, String name, List<Expression> arguments)
    {
        String target;
        if (SAME.contains(name)) {
            target = name;
        }
        else if (RENAMED.containsKey(name)) {
            target = RENAMED.get(name);
            if (target.startsWith("'")) {
                return target;
            }
        }
        else {
            throw notRegistered(call);
        }
        if (name.equals("count") && arguments.isEmpty()) {
            return "count(*)";
        }
        String distinct = call.isDistinct() ? "DISTINCT " : "";
        String orderBy = call.getOrderBy().map(order -> " ORDER BY " + expressions.orderBy(order)).orElse("");
        return target + "(" + distinct + args(arguments) + orderBy + ")";
    }

    /** Functions whose DuckDB form differs in more than the name. */
    private Optional<String> special(FunctionCall call, String name, List<Expression> arguments)
    {
        return Optional.ofNullable(switch (name) {
            case "date_parse" -> {
                requireArguments(call, arguments, 2);
                yield "strptime(" + arg(arguments, 0) + ", " + ExpressionTranslator.string(format(call, arguments.get(1), true)) + ")";
            }
            case "date_format" -> {
                requireArguments(call, arguments, 2);
                yield "strftime(" + arg(arguments, 0) + ", " + ExpressionTranslator.string(format(call, arguments.get(1), false)) + ")";
            }
            case "from_iso8601_timestamp" -> "CAST(" + arg(arguments, 0) + " AS TIMESTAMPTZ)";
            case "from_iso8601_date", "date" -> "CAST(" + arg(arguments, 0) + " AS DATE)";
            case "from_unixtime" -> {
                if (arguments.size() != 1) {
                    throw TranslationException.unsupported(call, "from_unixtime with a time zone");
                }
                yield "to_timestamp(" + arg(arguments, 0) + ")";
            }
            case "date_add" -> {
                requireArguments(call, arguments, 3);
                yield "(" + arg(arguments, 2) + " + INTERVAL (" + arg(arguments, 1) + ") " + unit(call, arguments.get(0)) + ")";
            }
            case "approx_percentile" -> {
                if (arguments.size() != 2) {
                    throw TranslationException.unsupported(call, "approx_percentile with a weight or accuracy");
                }
                yield "approx_quantile(" + args(arguments) + ")";
            }
            case "regexp_extract" -> {
                // Trino answers NULL when the pattern does not match; DuckDB an empty string
                String group = arguments.size() > 2 ? arg(arguments, 2) : "0";
                yield "(CASE WHEN regexp_matches(" + arg(arguments, 0) + ", " + arg(arguments, 1) + ") THEN regexp_extract(" + arg(arguments, 0) + ", "
                        + arg(arguments, 1) + ", " + group + ") END)";
            }
            case "regexp_replace" -> {
                String replacement = arguments.size() > 2 ? replacement(call, arguments.get(2)) : "''";
                yield "regexp_replace(" + arg(arguments, 0) + ", " + arg(arguments, 1) + ", " + replacement + ", 'g')";
            }
            case "element_at" -> {
                requireArguments(call, arguments, 2);
                yield "(" + arg(arguments, 0) + ")[" + arg(arguments, 1) + "]";
            }
            case "if" -> "(CASE WHEN " + arg(arguments, 0) + " THEN " + arg(arguments, 1) + (arguments.size() > 2 ? " ELSE " + arg(arguments, 2) : "") + " END)";
            case "log" -> "(ln(" + arg(arguments, 1) + ") / ln(" + arg(arguments, 0) + "))";
            case "sequence" -> arguments.size() == 2 ? "generate_series(" + args(arguments) + ")" : "generate_series(" + args(arguments) + ")";
            case "map" -> arguments.isEmpty() ? "MAP {}" : "map(" + args(arguments) + ")";
            case "array_agg" -> null;
            case "current_timezone" -> "'UTC'";
            case "with_timezone", "at_timezone", "format_datetime", "parse_datetime", "reduce" -> throw TranslationException.unsupported(call, "The function " + name);
            default -> null;
        });
    }

    private String unit(FunctionCall call, Expression unit)
    {
        if (!(unit instanceof StringLiteral literal)) {
            throw TranslationException.unsupported(call, "A unit that is not a literal");
        }
        String value = literal.getValue().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "millisecond", "second", "minute", "hour", "day", "week", "month", "quarter", "year" -> value.toUpperCase(Locale.ROOT);
            default -> throw TranslationException.semantic(unit, "'" + literal.getValue() + "' is not a valid unit");
        };
    }

    private static String format(FunctionCall call, Expression pattern, boolean parsing)
    {
        if (!(pattern instanceof StringLiteral literal)) {
            throw TranslationException.unsupported(call, "A date format that is not a literal");
        }
        return DateFormats.toDuckDb(literal.getValue(), parsing)
                .orElseThrow(() -> TranslationException.unsupported(pattern, "The date format '" + literal.getValue() + "'"));
    }

    /** Trino's replacement refers to groups as {@code $1}, DuckDB's as {@code \1}. */
    private String replacement(FunctionCall call, Expression replacement)
    {
        if (!(replacement instanceof StringLiteral literal)) {
            throw TranslationException.unsupported(call, "A replacement that is not a literal");
        }
        return ExpressionTranslator.string(literal.getValue().replace("\\", "\\\\").replaceAll("\\$(\\d)", "\\\\$1"));
    }

    private static void requireArguments(FunctionCall call, List<Expression> arguments, int count)
    {
        if (arguments.size() != count) {
            throw TranslationException.semantic(call, "Unexpected parameters for function " + call.getName());
        }
    }

    private String arg(List<Expression> arguments, int index)
    {
        return expressions.translate(arguments.get(index));
    }

    private String args(List<Expression> arguments)
    {
        return arguments.stream().map(expressions::translate).collect(Collectors.joining(", "));
    }

    private static TranslationException notRegistered(FunctionCall call)
    {
        return new TranslationException(TranslationException.Kind.SEMANTIC, call.getLocation(), "Function '" + call.getName() + "' not registered");
    }
}
