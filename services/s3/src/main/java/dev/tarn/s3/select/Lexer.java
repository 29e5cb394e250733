package dev.tarn.s3.select;

import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens; a character or literal it cannot read is a Lexer* error at its position. */
final class Lexer
{
    private final String text;
    private int offset;
    private int line = 1;
    private int lineStart;

    private Lexer(String text)
    {
        this.text = text;
    }

    static List<Token> tokenize(String text)
    {
        return new Lexer(text).tokens();
    }

    private List<Token> tokens()
    {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            Expression.Position position = position();
            if (offset >= text.length()) {
                tokens.add(new Token(Token.Type.EOF, "", position));
                return tokens;
            }
            char c = text.charAt(offset);
            if (Character.isLetter(c) || c == '_') {
                int start = offset;
                while (offset < text.length() && (Character.isLetterOrDigit(text.charAt(offset)) || text.charAt(offset) == '_')) {
                    offset++;
                }
                tokens.add(new Token(Token.Type.IDENTIFIER, text.substring(start, offset), position));
            }
            else if (Character.isDigit(c) || (c == '.' && offset + 1 < text.length() && Character.isDigit(text.charAt(offset + 1)))) {
                tokens.add(number(position));
            }
            else if (c == '\'') {
                tokens.add(new Token(Token.Type.STRING, quoted('\'', position), position));
            }
            else if (c == '"') {
                tokens.add(new Token(Token.Type.QUOTED_IDENTIFIER, quoted('"', position), position));
            }
            else if (c == '`') {
                throw error(SelectErrors.LEXER_INVALID_LITERAL, position, "`");
            }
            else {
                tokens.add(symbol(position));
            }
        }
    }

    private void skipWhitespace()
    {
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (c == '\n') {
                line++;
                lineStart = offset + 1;
            }
            else if (!Character.isWhitespace(c)) {
                return;
            }
            offset++;
        }
    }

    private Expression.Position position()
    {
        return new Expression.Position(line, offset - lineStart + 1);
    }

    private Token number(Expression.Position position)
    {
        int start = offset;
        boolean decimal = false;
        while (offset < text.length() && Character.isDigit(text.charAt(offset))) {
            offset++;
        }
        if (offset < text.length() && text.charAt(offset) == '.') {
            decimal = true;
            offset++;
            while (offset < text.length() && Character.isDigit(text.charAt(offset))) {
                offset++;
            }
        }
        if (offset < text.length() && (text.charAt(offset) == 'e' || text.charAt(offset) == 'E')) {
            decimal = true;
            offset++;
            if (offset < text.length() && (text.charAt(offset) == '+' || text.charAt(offset) == '-')) {
                offset++;
            }
            int digits = offset;
            while (offset < text.length() && Character.isDigit(text.charAt(offset))) {
                offset++;
            }
            if (digits == offset) {
                throw error(SelectErrors.LEXER_INVALID_LITERAL, position, text.substring(start, offset));
            }
        }
        if (offset < text.length() && (Character.isLetter(text.charAt(offset)) || text.charAt(offset) == '_')) {
            throw error(SelectErrors.LEXER_INVALID_LITERAL, position, text.substring(start, offset + 1));
        }
        return new Token(decimal ? Token.Type.DECIMAL : Token.Type.INTEGER, text.substring(start, offset), position);
    }

    /** A quoted string or name; the quote doubled stands for itself. */
    private String quoted(char quote, Expression.Position position)
    {
        StringBuilder value = new StringBuilder();
        int start = offset;
        offset++;
        while (offset < text.length()) {
            char c = text.charAt(offset++);
            if (c == quote) {
                if (offset < text.length() && text.charAt(offset) == quote) {
                    value.append(quote);
                    offset++;
                    continue;
                }
                return value.toString();
            }
            if (c == '\n') {
                line++;
                lineStart = offset;
            }
            value.append(c);
        }
        throw error(SelectErrors.LEXER_INVALID_LITERAL, position, text.substring(start));
    }

    private Token symbol(Expression.Position position)
    {
        String two = offset + 2 <= text.length() ? text.substring(offset, offset + 2) : "";
        for (String operator : List.of("<=", ">=", "<>", "!=", "||")) {
            if (two.equals(operator)) {
                offset += 2;
                return new Token(Token.Type.OPERATOR, operator.equals("!=") ? "<>" : operator, position);
            }
        }
        char c = text.charAt(offset);
        if ("=<>+-*/%".indexOf(c) >= 0) {
            offset++;
            return new Token(Token.Type.OPERATOR, String.valueOf(c), position);
        }
        if ("(),.[]".indexOf(c) >= 0) {
            offset++;
            return new Token(Token.Type.PUNCTUATION, String.valueOf(c), position);
        }
        if (c == '|' || c == '!') {
            throw error(SelectErrors.LEXER_INVALID_OPERATOR, position, String.valueOf(c));
        }
        throw error(SelectErrors.LEXER_INVALID_CHAR, position, String.valueOf(c));
    }

    static AwsException error(AwsErrorCode code, Expression.Position position, String value)
    {
        return code.exception(code.defaultMessage() + " at line " + position.line() + ", column " + position.column() + ".")
                .with("Line", Integer.toString(position.line()))
                .with("Column", Integer.toString(position.column()))
                .with("TokenValue", value);
    }
}
