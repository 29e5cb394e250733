package dev.tarn.s3.select;

import dev.tarn.s3.select.Expression.Position;
import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A recursive-descent parser for the S3 Select SQL dialect (the grammar of AWS's "SQL reference
 * for Amazon S3 Select"): one SELECT over S3Object, with WHERE and LIMIT. Errors carry AWS's
 * codes and the line and column of the offending token.
 */
public final class SelectParser
{
    private static final int MAX_EXPRESSION_BYTES = 256 * 1024;

    private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "LIMIT", "AND", "OR", "NOT", "LIKE", "ESCAPE", "BETWEEN", "IN",
            "IS", "NULL", "MISSING", "TRUE", "FALSE", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "AS", "GROUP", "ORDER", "JOIN", "HAVING", "UNION");
    private static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX");
    private static final Set<String> DATE_PARTS = Set.of("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "TIMEZONE_HOUR", "TIMEZONE_MINUTE");
    private static final Set<String> FUNCTIONS = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX", "COALESCE", "NULLIF", "CHAR_LENGTH", "CHARACTER_LENGTH",
            "LOWER", "UPPER", "SUBSTRING", "TRIM", "DATE_ADD", "DATE_DIFF", "EXTRACT", "TO_STRING", "TO_TIMESTAMP", "UTCNOW");

    private final List<Token> tokens;
    private int next;

    private SelectParser(List<Token> tokens)
    {
        this.tokens = tokens;
    }

    public static SelectQuery parse(String expression)
    {
        if (expression.getBytes(StandardCharsets.UTF_8).length > MAX_EXPRESSION_BYTES) {
            throw SelectErrors.EXPRESSION_TOO_LONG.exception();
        }
        return new SelectParser(Lexer.tokenize(expression)).query();
    }

    private SelectQuery query()
    {
        expectKeyword("SELECT");
        List<SelectQuery.Item> items = new ArrayList<>();
        if (peek().is("*")) {
            advance();
            if (peek().is(",")) {
                throw error(SelectErrors.PARSE_ASTERISK_NOT_ALONE, peek());
            }
        }
        else {
            if (peek().isKeyword("FROM")) {
                throw error(SelectErrors.PARSE_EMPTY_SELECT, peek());
            }
            do {
                if (peek().is("*")) {
                    throw error(SelectErrors.PARSE_ASTERISK_NOT_ALONE, peek());
                }
                Expression expression = expression();
                items.add(new SelectQuery.Item(expression, alias()));
            }
            while (accept(","));
            if (peek().is("*")) {
                throw error(SelectErrors.PARSE_ASTERISK_NOT_ALONE, peek());
            }
        }
        if (!peek().isKeyword("FROM")) {
            throw error(peek().type() == Token.Type.EOF ? SelectErrors.PARSE_SELECT_MISSING_FROM : SelectErrors.PARSE_EXPECTED_KEYWORD, peek());
        }
        advance();
        Token source = advance();
        if (!source.isKeyword("S3Object")) {
            throw error(SelectErrors.PARSE_UNEXPECTED_TOKEN, source);
        }
        List<Expression.Step> fromPath = new ArrayList<>();
        if (accept("[")) {
            expect("*");
            expect("]");
            while (peek().is(".") || peek().is("[")) {
                if (peek().is("[") && peekAt(1).is("*")) {
                    // S3Object[*][*], S3Object[*].a[*]: the array there, element by element; only as the last step
                    advance();
                    advance();
                    expect("]");
                    fromPath.add(new Expression.Each());
                    if (peek().is(".") || peek().is("[")) {
                        throw error(SelectErrors.PARSE_UNSUPPORTED_SYNTAX, peek());
                    }
                    break;
                }
                fromPath.add(step());
            }
        }
        Optional<String> alias = alias();
        if (peek().is(",") || peek().isKeyword("JOIN")) {
            throw error(SelectErrors.PARSE_UNSUPPORTED_SYNTAX, peek());
        }
        Optional<Expression> where = Optional.empty();
        if (peek().isKeyword("WHERE")) {
            advance();
            where = Optional.of(expression());
        }
        OptionalLong limit = OptionalLong.empty();
        if (peek().isKeyword("LIMIT")) {
            advance();
            if (peek().is("-")) {
                throw error(SelectErrors.EVALUATOR_NEGATIVE_LIMIT, peek());
            }
            Token count = advance();
            if (count.type() != Token.Type.INTEGER) {
                throw error(SelectErrors.PARSE_EXPECTED_NUMBER, count);
            }
            limit = OptionalLong.of(parseLong(count));
        }
        if (peek().type() != Token.Type.EOF) {
            if (peek().isKeyword("GROUP") || peek().isKeyword("ORDER") || peek().isKeyword("HAVING") || peek().isKeyword("UNION")) {
                throw error(SelectErrors.PARSE_UNSUPPORTED_SYNTAX, peek());
            }
            throw error(SelectErrors.PARSE_UNEXPECTED_TOKEN, peek());
        }
        return new SelectQuery(items, fromPath, alias, where, limit);
    }

    private Optional<String> alias()
    {
        if (peek().isKeyword("AS")) {
            advance();
            Token name = advance();
            if (!isName(name)) {
                throw error(SelectErrors.PARSE_EXPECTED_IDENT_FOR_ALIAS, name);
            }
            return Optional.of(name.text());
        }
        if (isName(peek())) {
            return Optional.of(advance().text());
        }
        return Optional.empty();
    }

    private static boolean isName(Token token)
    {
        return token.type() == Token.Type.QUOTED_IDENTIFIER
                || (token.type() == Token.Type.IDENTIFIER && !RESERVED.contains(token.text().toUpperCase(Locale.ROOT)));
    }

    Expression expression()
    {
        Expression left = and();
        while (peek().isKeyword("OR")) {
            Token operator = advance();
            left = new Expression.Binary("OR", left, and(), operator.position());
        }
        return left;
    }

    private Expression and()
    {
        Expression left = not();
        while (peek().isKeyword("AND")) {
            Token operator = advance();
            left = new Expression.Binary("AND", left, not(), operator.position());
        }
        return left;
    }

    private Expression not()
    {
        if (peek().isKeyword("NOT")) {
            advance();
            return new Expression.Not(not());
        }
        return predicate();
    }

    private Expression predicate()
    {
        Expression left = additive();
        Token token = peek();
        if (token.type() == Token.Type.OPERATOR && Set.of("=", "<>", "<", ">", "<=", ">=").contains(token.text())) {
            advance();
            return new Expression.Binary(token.text(), left, additive(), token.position());
        }
        boolean negated = false;
        if (token.isKeyword("NOT")) {
            Token after = tokens.get(next + 1);
            if (after.isKeyword("LIKE") || after.isKeyword("BETWEEN") || after.isKeyword("IN")) {
                advance();
                negated = true;
                token = peek();
            }
        }
        if (token.isKeyword("LIKE")) {
            advance();
            Expression pattern = additive();
            Optional<Expression> escape = Optional.empty();
            if (peek().isKeyword("ESCAPE")) {
                advance();
                escape = Optional.of(additive());
            }
            return new Expression.Like(left, pattern, escape, negated);
        }
        if (token.isKeyword("BETWEEN")) {
            advance();
            Expression low = additive();
            expectKeyword("AND");
            return new Expression.Between(left, low, additive(), negated);
        }
        if (token.isKeyword("IN")) {
            advance();
            expect("(");
            List<Expression> candidates = new ArrayList<>();
            do {
                candidates.add(expression());
            }
            while (accept(","));
            expect(")");
            return new Expression.In(left, candidates, negated);
        }
        if (token.isKeyword("IS")) {
            advance();
            boolean not = false;
            if (peek().isKeyword("NOT")) {
                advance();
                not = true;
            }
            Token test = advance();
            for (Expression.Is.Test candidate : Expression.Is.Test.values()) {
                if (test.isKeyword(candidate.name())) {
                    return new Expression.Is(left, candidate, not);
                }
            }
            throw error(SelectErrors.PARSE_EXPECTED_KEYWORD, test);
        }
        return left;
    }

    private Expression additive()
    {
        Expression left = multiplicative();
        while (peek().is("+") || peek().is("-") || peek().is("||")) {
            Token operator = advance();
            left = new Expression.Binary(operator.text(), left, multiplicative(), operator.position());
        }
        return left;
    }

    private Expression multiplicative()
    {
        Expression left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            Token operator = advance();
            left = new Expression.Binary(operator.text(), left, unary(), operator.position());
        }
        return left;
    }

    private Expression unary()
    {
        if (peek().is("-")) {
            advance();
            return new Expression.Negate(unary());
        }
        if (peek().is("+")) {
            advance();
            return unary();
        }
        return primary();
    }

    private Expression primary()
    {
        Token token = peek();
        switch (token.type()) {
            case STRING -> {
                advance();
                return Expression.Literal.string(token.text());
            }
            case INTEGER -> {
                advance();
                return Expression.Literal.integer(parseLong(token));
            }
            case DECIMAL -> {
                advance();
                return Expression.Literal.decimal(new BigDecimal(token.text()));
            }
            case QUOTED_IDENTIFIER -> {
                return path();
            }
            case PUNCTUATION -> {
                if (token.is("(")) {
                    advance();
                    Expression inner = expression();
                    expect(")");
                    return inner;
                }
                throw error(SelectErrors.PARSE_EXPECTED_EXPRESSION, token);
            }
            case IDENTIFIER -> {
                return identifierExpression(token);
            }
            default -> throw error(SelectErrors.PARSE_EXPECTED_EXPRESSION, token);
        }
    }

    private Expression identifierExpression(Token token)
    {
        String word = token.text().toUpperCase(Locale.ROOT);
        switch (word) {
            case "TRUE", "FALSE" -> {
                advance();
                return new Expression.Literal(Expression.Literal.Kind.BOOLEAN, Optional.of(word.equals("TRUE")));
            }
            case "NULL" -> {
                advance();
                return new Expression.Literal(Expression.Literal.Kind.NULL, Optional.empty());
            }
            case "MISSING" -> {
                advance();
                return new Expression.Literal(Expression.Literal.Kind.MISSING, Optional.empty());
            }
            case "CASE" -> {
                advance();
                return caseExpression();
            }
            case "CAST" -> {
                advance();
                return cast(token);
            }
            default -> { }
        }
        if (RESERVED.contains(word)) {
            throw error(SelectErrors.PARSE_UNEXPECTED_TOKEN, token);
        }
        if (tokens.get(next + 1).is("(")) {
            advance();
            advance();
            return call(word, token);
        }
        return path();
    }

    private Expression path()
    {
        Token first = advance();
        List<Expression.Step> steps = new ArrayList<>();
        steps.add(new Expression.Field(first.text(), first.type() == Token.Type.QUOTED_IDENTIFIER));
        while (peek().is(".") || peek().is("[")) {
            steps.add(step());
        }
        return new Expression.Path(steps, first.position());
    }

    private Expression.Step step()
    {
        if (accept(".")) {
            Token name = advance();
            if (name.type() != Token.Type.IDENTIFIER && name.type() != Token.Type.QUOTED_IDENTIFIER) {
                throw error(name.is("*") ? SelectErrors.PARSE_UNSUPPORTED_SYNTAX : SelectErrors.PARSE_EXPECTED_TOKEN_TYPE, name);
            }
            return new Expression.Field(name.text(), name.type() == Token.Type.QUOTED_IDENTIFIER);
        }
        expect("[");
        Token index = advance();
        Expression.Step step;
        if (index.type() == Token.Type.INTEGER) {
            step = new Expression.Index(Math.toIntExact(parseLong(index)));
        }
        else if (index.type() == Token.Type.STRING) {
            step = new Expression.Field(index.text(), true);
        }
        else if (index.is("*")) {
            throw error(SelectErrors.PARSE_UNSUPPORTED_SYNTAX, index);
        }
        else {
            throw error(SelectErrors.PARSE_EXPECTED_NUMBER, index);
        }
        expect("]");
        return step;
    }

    private Expression caseExpression()
    {
        Optional<Expression> operand = Optional.empty();
        if (!peek().isKeyword("WHEN")) {
            operand = Optional.of(expression());
        }
        List<Expression.When> whens = new ArrayList<>();
        while (peek().isKeyword("WHEN")) {
            advance();
            Expression condition = expression();
            expectKeyword("THEN");
            whens.add(new Expression.When(condition, expression()));
        }
        if (whens.isEmpty()) {
            throw error(SelectErrors.PARSE_EXPECTED_WHEN_CLAUSE, peek());
        }
        Optional<Expression> otherwise = Optional.empty();
        if (peek().isKeyword("ELSE")) {
            advance();
            otherwise = Optional.of(expression());
        }
        expectKeyword("END");
        return new Expression.Case(operand, whens, otherwise);
    }

    private Expression cast(Token castToken)
    {
        expect("(");
        Expression value = expression();
        expectKeyword("AS");
        Token typeName = advance();
        SqlType type;
        try {
            type = SqlType.valueOf(typeName.text().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw error(typeName.type() == Token.Type.IDENTIFIER ? SelectErrors.PARSE_INVALID_TYPE_PARAM : SelectErrors.PARSE_UNEXPECTED_TOKEN, typeName);
        }
        if (typeName.type() != Token.Type.IDENTIFIER) {
            throw error(SelectErrors.PARSE_UNEXPECTED_TOKEN, typeName);
        }
        expect(")");
        return new Expression.Cast(value, type, castToken.position());
    }

    private Expression call(String name, Token nameToken)
    {
        if (!FUNCTIONS.contains(name)) {
            throw error(SelectErrors.UNSUPPORTED_FUNCTION, nameToken);
        }
        List<Expression> arguments = new ArrayList<>();
        Optional<String> trimSpec = Optional.empty();
        switch (name) {
            case "COUNT" -> {
                if (peek().is("*")) {
                    advance();
                    arguments.add(new Expression.Star());
                }
                else {
                    arguments.add(expression());
                }
            }
            case "EXTRACT" -> {
                arguments.add(datePart());
                expectKeyword("FROM");
                arguments.add(expression());
            }
            case "DATE_ADD", "DATE_DIFF" -> {
                arguments.add(datePart());
                while (accept(",")) {
                    arguments.add(expression());
                }
            }
            case "TRIM" -> {
                Token spec = peek();
                if (spec.isKeyword("LEADING") || spec.isKeyword("TRAILING") || spec.isKeyword("BOTH")) {
                    advance();
                    trimSpec = Optional.of(spec.text().toUpperCase(Locale.ROOT));
                    if (!peek().isKeyword("FROM")) {
                        arguments.add(expression());
                    }
                    expectKeyword("FROM");
                    arguments.add(0, expression());
                }
                else {
                    Expression first = expression();
                    if (peek().isKeyword("FROM")) {
                        advance();
                        arguments.add(expression());
                        arguments.add(first);
                    }
                    else {
                        arguments.add(first);
                    }
                }
            }
            case "SUBSTRING" -> {
                arguments.add(expression());
                if (peek().isKeyword("FROM")) {
                    advance();
                    arguments.add(expression());
                    if (peek().isKeyword("FOR")) {
                        advance();
                        arguments.add(expression());
                    }
                }
                else {
                    while (accept(",")) {
                        arguments.add(expression());
                    }
                }
            }
            default -> {
                if (peek().is("*")) {
                    throw error(SelectErrors.PARSE_UNSUPPORTED_CALL_WITH_STAR, peek());
                }
                if (!peek().is(")")) {
                    do {
                        arguments.add(expression());
                    }
                    while (accept(","));
                }
            }
        }
        if (!peek().is(")")) {
            throw error(SelectErrors.PARSE_EXPECTED_TOKEN_TYPE, peek());
        }
        advance();
        checkArity(name, arguments.size(), nameToken);
        return new Expression.Call(name, arguments, trimSpec, nameToken.position());
    }

    private Expression datePart()
    {
        Token part = advance();
        if (part.type() != Token.Type.IDENTIFIER || !DATE_PARTS.contains(part.text().toUpperCase(Locale.ROOT))) {
            throw error(SelectErrors.PARSE_EXPECTED_KEYWORD, part);
        }
        return new Expression.DatePart(part.text().toUpperCase(Locale.ROOT));
    }

    private void checkArity(String name, int count, Token token)
    {
        boolean valid = switch (name) {
            case "COUNT", "SUM", "AVG", "MIN", "MAX", "CHAR_LENGTH", "CHARACTER_LENGTH", "LOWER", "UPPER" -> count == 1;
            case "COALESCE" -> count >= 1;
            case "NULLIF", "EXTRACT", "TO_STRING" -> count == 2;
            case "SUBSTRING" -> count == 2 || count == 3;
            case "TRIM" -> count == 1 || count == 2;
            case "DATE_ADD", "DATE_DIFF" -> count == 3;
            case "TO_TIMESTAMP" -> count == 1 || count == 2;
            case "UTCNOW" -> count == 0;
            default -> true;
        };
        if (!valid) {
            throw error(SelectErrors.EVALUATOR_INVALID_ARGUMENTS, token);
        }
    }

    static boolean isAggregate(String name)
    {
        return AGGREGATES.contains(name);
    }

    private long parseLong(Token token)
    {
        try {
            return Long.parseLong(token.text());
        }
        catch (NumberFormatException e) {
            throw error(SelectErrors.LEXER_INVALID_LITERAL, token);
        }
    }

    private Token peek()
    {
        return tokens.get(next);
    }

    /** The token {@code ahead} places after the next one (EOF at the end). */
    private Token peekAt(int ahead)
    {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token advance()
    {
        Token token = tokens.get(next);
        if (token.type() != Token.Type.EOF) {
            next++;
        }
        return token;
    }

    private boolean accept(String symbol)
    {
        if (peek().is(symbol)) {
            advance();
            return true;
        }
        return false;
    }

    private void expect(String symbol)
    {
        if (!accept(symbol)) {
            throw error(SelectErrors.PARSE_EXPECTED_TOKEN_TYPE, peek());
        }
    }

    private void expectKeyword(String keyword)
    {
        if (!peek().isKeyword(keyword)) {
            throw error(SelectErrors.PARSE_EXPECTED_KEYWORD, peek()).with("ExpectedKeyword", keyword);
        }
        advance();
    }

    static AwsException error(AwsErrorCode code, Token token)
    {
        return Lexer.error(code, token.position(), token.type() == Token.Type.EOF ? "EOF" : token.text())
                .with("TokenType", token.type().name());
    }

    static AwsException error(AwsErrorCode code, Position position, String value)
    {
        return Lexer.error(code, position, value);
    }
}
