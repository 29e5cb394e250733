package dev.tarn.glue.catalog;

import dev.tarn.glue.GlueErrors;
import dev.tarn.glue.model.Column;
import dev.tarn.spi.error.AwsException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The Expression of GetPartitions: a SQL-like predicate over partition keys, as Glue documents it
 * ({@code =, <>, !=, <, <=, >, >=, BETWEEN, IN, LIKE, IS [NOT] NULL, AND, OR, NOT}, parentheses,
 * 'string' and numeric literals). Keys of numeric types compare as numbers, all others as strings.
 */
public final class PartitionFilter
{
    private static final Set<String> NUMERIC_TYPES = Set.of("tinyint", "smallint", "int", "integer", "bigint", "long", "float", "double", "decimal");

    private final List<Column> keys;
    private final List<Token> tokens;
    private int position;

    private PartitionFilter(List<Column> keys, List<Token> tokens)
    {
        this.keys = keys;
        this.tokens = tokens;
    }

    /** A predicate over partition values (in key order), or an InvalidInputException when the expression is not valid. */
    public static Predicate<List<String>> parse(String expression, List<Column> keys)
    {
        requireNonNull(expression, "expression is null");
        if (expression.isBlank()) {
            return values -> true;
        }
        PartitionFilter parser = new PartitionFilter(keys, tokenize(expression));
        Predicate<List<String>> predicate = parser.or();
        if (parser.position != parser.tokens.size()) {
            throw invalid("unexpected " + parser.tokens.get(parser.position).text());
        }
        return predicate;
    }

    private Predicate<List<String>> or()
    {
        Predicate<List<String>> left = and();
        while (keyword("OR")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<List<String>> and()
    {
        Predicate<List<String>> left = not();
        while (keyword("AND")) {
            left = left.and(not());
        }
        return left;
    }

    private Predicate<List<String>> not()
    {
        if (keyword("NOT")) {
            return not().negate();
        }
        if (symbol("(")) {
            Predicate<List<String>> inner = or();
            expect(")");
            return inner;
        }
        return comparison();
    }

    private Predicate<List<String>> comparison()
    {
        Operand left = operand();
        if (keyword("IS")) {
            boolean negated = keyword("NOT");
            if (!keyword("NULL")) {
                throw invalid("expected NULL");
            }
            Predicate<List<String>> isNull = values -> left.value(values) == null;
            return negated ? isNull.negate() : isNull;
        }
        boolean negated = keyword("NOT");
        Predicate<List<String>> result;
        if (keyword("BETWEEN")) {
            Operand low = operand();
            if (!keyword("AND")) {
                throw invalid("expected AND in BETWEEN");
            }
            Operand high = operand();
            result = values -> compare(left, low, values) >= 0 && compare(left, high, values) <= 0;
        }
        else if (keyword("IN")) {
            expect("(");
            List<Operand> list = new ArrayList<>();
            do {
                list.add(operand());
            }
            while (symbol(","));
            expect(")");
            result = values -> list.stream().anyMatch(item -> compare(left, item, values) == 0);
        }
        else if (keyword("LIKE")) {
            Operand pattern = operand();
            result = values -> {
                String value = left.value(values);
                String like = pattern.value(values);
                return value != null && like != null && likePattern(like).matcher(value).matches();
            };
        }
        else {
            if (negated) {
                throw invalid("NOT must precede BETWEEN, IN or LIKE here");
            }
            Token operator = next();
            Operand right = operand();
            result = switch (operator.text()) {
                case "=" -> values -> compare(left, right, values) == 0;
                case "<>", "!=" -> values -> {
                    int c = compare(left, right, values);
                    return c != 0 && c != UNKNOWN;
                };
                case "<" -> values -> compareKnown(left, right, values) < 0;
                case "<=" -> values -> compareKnown(left, right, values) <= 0;
                case ">" -> values -> {
                    int c = compare(left, right, values);
                    return c > 0 && c != UNKNOWN;
                };
                case ">=" -> values -> {
                    int c = compare(left, right, values);
                    return c >= 0 && c != UNKNOWN;
                };
                default -> throw invalid("unknown operator " + operator.text());
            };
        }
        return negated ? result.negate() : result;
    }

    private static final int UNKNOWN = Integer.MIN_VALUE;

    private static int compareKnown(Operand left, Operand right, List<String> values)
    {
        int c = compare(left, right, values);
        return c == UNKNOWN ? Integer.MAX_VALUE : c;
    }

    /** Compares two operands, as numbers when either is a numeric key; UNKNOWN when a side is null or not a number. */
    private static int compare(Operand left, Operand right, List<String> values)
    {
        String a = left.value(values);
        String b = right.value(values);
        if (a == null || b == null) {
            return UNKNOWN;
        }
        if (left.numeric() || right.numeric()) {
            try {
                return Integer.signum(new BigDecimal(a.trim()).compareTo(new BigDecimal(b.trim())));
            }
            catch (NumberFormatException e) {
                return UNKNOWN;
            }
        }
        return Integer.signum(a.compareTo(b));
    }

    private static Pattern likePattern(String like)
    {
        StringBuilder regex = new StringBuilder();
        for (char c : like.toCharArray()) {
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private Operand operand()
    {
        Token token = next();
        switch (token.kind()) {
            case STRING, NUMBER -> {
                String literal = token.text();
                return new Operand(values -> literal, token.kind() == Kind.NUMBER);
            }
            case IDENTIFIER -> {
                for (int i = 0; i < keys.size(); i++) {
                    if (keys.get(i).name().equalsIgnoreCase(token.text())) {
                        int index = i;
                        String type = keys.get(i).type().toLowerCase(Locale.ROOT);
                        boolean numeric = NUMERIC_TYPES.contains(type.replaceAll("\\(.*", ""));
                        return new Operand(values -> values.get(index), numeric);
                    }
                }
                throw invalid("unknown partition key " + token.text());
            }
            default -> throw invalid("expected a partition key or a literal, found " + token.text());
        }
    }

    private record Operand(Function<List<String>, String> resolver, boolean numeric)
    {
        String value(List<String> values)
        {
            return resolver.apply(values);
        }
    }

    private boolean keyword(String word)
    {
        if (position < tokens.size() && tokens.get(position).kind() == Kind.IDENTIFIER && tokens.get(position).text().equalsIgnoreCase(word)
                && !tokens.get(position).quoted()) {
            position++;
            return true;
        }
        return false;
    }

    private boolean symbol(String text)
    {
        if (position < tokens.size() && tokens.get(position).kind() == Kind.SYMBOL && tokens.get(position).text().equals(text)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String text)
    {
        if (!symbol(text)) {
            throw invalid("expected " + text);
        }
    }

    private Token next()
    {
        if (position >= tokens.size()) {
            throw invalid("unexpected end of expression");
        }
        return tokens.get(position++);
    }

    private enum Kind { IDENTIFIER, STRING, NUMBER, SYMBOL }

    private record Token(Kind kind, String text, boolean quoted) {}

    private static List<Token> tokenize(String expression)
    {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            }
            else if (c == '\'') {
                StringBuilder text = new StringBuilder();
                i++;
                while (true) {
                    if (i >= expression.length()) {
                        throw invalid("unterminated string literal");
                    }
                    char d = expression.charAt(i++);
                    if (d == '\'') {
                        if (i < expression.length() && expression.charAt(i) == '\'') {
                            text.append('\'');
                            i++;
                            continue;
                        }
                        break;
                    }
                    text.append(d);
                }
                tokens.add(new Token(Kind.STRING, text.toString(), true));
            }
            else if (c == '`' || c == '"') {
                int end = expression.indexOf(c, i + 1);
                if (end < 0) {
                    throw invalid("unterminated quoted name");
                }
                tokens.add(new Token(Kind.IDENTIFIER, expression.substring(i + 1, end), true));
                i = end + 1;
            }
            else if (Character.isDigit(c) || (c == '-' && i + 1 < expression.length() && Character.isDigit(expression.charAt(i + 1)))) {
                int start = i++;
                while (i < expression.length() && (Character.isDigit(expression.charAt(i)) || expression.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, expression.substring(start, i), false));
            }
            else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < expression.length() && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, expression.substring(start, i), false));
            }
            else if (c == '<' || c == '>' || c == '!') {
                if (i + 1 < expression.length() && (expression.charAt(i + 1) == '=' || (c == '<' && expression.charAt(i + 1) == '>'))) {
                    tokens.add(new Token(Kind.SYMBOL, expression.substring(i, i + 2), false));
                    i += 2;
                }
                else if (c == '!') {
                    throw invalid("unexpected !");
                }
                else {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), false));
                    i++;
                }
            }
            else if (c == '=' || c == '(' || c == ')' || c == ',') {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), false));
                i++;
            }
            else {
                throw invalid("unexpected character " + c);
            }
        }
        return tokens;
    }

    private static AwsException invalid(String reason)
    {
        return GlueErrors.invalidInput("Unsupported expression: " + reason);
    }
}
