package dev.tarn.athena.engine.ddl;

import java.util.ArrayList;
import java.util.List;

/** Splits Hive DDL into tokens, keeping each token's line and column for error messages. */
final class HiveLexer
{
    private final String text;
    private int position;
    private int line = 1;
    private int lineStart;

    private HiveLexer(String text)
    {
        this.text = text;
    }

    static List<HiveToken> tokenize(String text)
    {
        return new HiveLexer(text).all();
    }

    private List<HiveToken> all()
    {
        List<HiveToken> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (position >= text.length()) {
                tokens.add(new HiveToken(HiveToken.Type.END, "", line, position - lineStart + 1, position));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private HiveToken next()
    {
        int start = position;
        int column = position - lineStart + 1;
        int startLine = line;
        char c = text.charAt(position);
        if (c == '\'' || c == '"') {
            return new HiveToken(HiveToken.Type.STRING, quoted(c), startLine, column, start);
        }
        if (c == '`') {
            return new HiveToken(HiveToken.Type.QUOTED_IDENTIFIER, quoted('`'), startLine, column, start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_' || text.charAt(position) == '$')) {
                position++;
            }
            return new HiveToken(HiveToken.Type.WORD, text.substring(start, position), startLine, column, start);
        }
        if (Character.isDigit(c)) {
            while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '.' || text.charAt(position) == '_')) {
                position++;
            }
            String number = text.substring(start, position);
            return new HiveToken(number.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.') ? HiveToken.Type.NUMBER : HiveToken.Type.WORD,
                    number, startLine, column, start);
        }
        position++;
        return new HiveToken(HiveToken.Type.SYMBOL, String.valueOf(c), startLine, column, start);
    }

    /** A quoted string or identifier: doubled quotes and Hive's backslash escapes ({@code '\t'}, {@code '\001'}). */
    private String quoted(char quote)
    {
        int startColumn = position - lineStart + 1;
        int startLine = line;
        position++;
        StringBuilder out = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == quote) {
                if (position < text.length() && text.charAt(position) == quote) {
                    out.append(quote);
                    position++;
                    continue;
                }
                return out.toString();
            }
            if (c == '\\' && quote != '`' && position < text.length()) {
                out.append(escape());
                continue;
            }
            if (c == '\n') {
                line++;
                lineStart = position;
            }
            out.append(c);
        }
        throw new HiveDdlException(startLine, startColumn, "unterminated quoted text");
    }

    private String escape()
    {
        char c = text.charAt(position++);
        return switch (c) {
            case 't' -> "\t";
            case 'n' -> "\n";
            case 'r' -> "\r";
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int end = position - 1;
                while (end < text.length() && end < position + 2 && text.charAt(end) >= '0' && text.charAt(end) <= '7') {
                    end++;
                }
                String octal = text.substring(position - 1, end);
                position = end;
                yield String.valueOf((char) Integer.parseInt(octal, 8));
            }
            case 'u' -> {
                if (position + 4 <= text.length()) {
                    String hex = text.substring(position, position + 4);
                    position += 4;
                    yield String.valueOf((char) Integer.parseInt(hex, 16));
                }
                yield "u";
            }
            default -> String.valueOf(c);
        };
    }

    private void skipSpaceAndComments()
    {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '\n') {
                line++;
                position++;
                lineStart = position;
            }
            else if (Character.isWhitespace(c)) {
                position++;
            }
            else if (text.startsWith("--", position)) {
                while (position < text.length() && text.charAt(position) != '\n') {
                    position++;
                }
            }
            else if (text.startsWith("/*", position)) {
                int end = text.indexOf("*/", position + 2);
                int stop = end < 0 ? text.length() : end + 2;
                for (int i = position; i < stop; i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                position = stop;
            }
            else {
                return;
            }
        }
    }
}
