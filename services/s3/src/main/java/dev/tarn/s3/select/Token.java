package dev.tarn.s3.select;

import static java.util.Objects.requireNonNull;

/** A lexical token of an S3 Select expression, with where it starts. */
public record Token(Type type, String text, Expression.Position position)
{
    public enum Type { IDENTIFIER, QUOTED_IDENTIFIER, STRING, INTEGER, DECIMAL, OPERATOR, PUNCTUATION, EOF }

    public Token
    {
        requireNonNull(type, "type is null");
        requireNonNull(text, "text is null");
        requireNonNull(position, "position is null");
    }

    public boolean isKeyword(String keyword)
    {
        return type == Type.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    public boolean is(String symbol)
    {
        return (type == Type.OPERATOR || type == Type.PUNCTUATION) && text.equals(symbol);
    }
}
