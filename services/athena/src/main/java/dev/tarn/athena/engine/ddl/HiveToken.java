package dev.tarn.athena.engine.ddl;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A token of Hive DDL.
 *
 * @param text the word, the unquoted string or identifier, the number or the symbol
 * @param offset where it starts in the statement text
 */
record HiveToken(Type type, String text, int line, int column, int offset)
{
    enum Type
    {
        WORD, QUOTED_IDENTIFIER, STRING, NUMBER, SYMBOL, END
    }

    HiveToken
    {
        requireNonNull(type, "type is null");
        requireNonNull(text, "text is null");
    }

    boolean isKeyword(String keyword)
    {
        return type == Type.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol)
    {
        return type == Type.SYMBOL && text.equals(symbol);
    }

    String describe()
    {
        return switch (type) {
            case END -> "<EOF>";
            case STRING -> "'" + text + "'";
            default -> "'" + text.toLowerCase(Locale.ROOT) + "'";
        };
    }
}
