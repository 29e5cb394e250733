package dev.tarn.athena.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a type's text in Hive's, DuckDB's or Trino's spelling into a {@link SqlType}. */
final class TypeReader
{
    enum Dialect
    {
        HIVE, DUCKDB, TRINO
    }

    private final String text;
    private final Dialect dialect;
    private int position;

    TypeReader(String text, Dialect dialect)
    {
        this.text = text;
        this.dialect = dialect;
    }

    SqlType readAll()
    {
        SqlType type = read();
        skipSpaces();
        if (position != text.length()) {
            throw new IllegalArgumentException("Unsupported type: " + text);
        }
        return type;
    }

    private SqlType read()
    {
        skipSpaces();
        String name = word();
        String lower = name.toLowerCase(Locale.ROOT);
        SqlType type;
        if (lower.equals("array") && (peek('<') || peek('('))) {
            char close = open();
            SqlType element = read();
            expect(close);
            type = new SqlType.ArrayType(element);
        }
        else if (lower.equals("map") && (peek('<') || peek('('))) {
            char close = open();
            SqlType key = read();
            expect(',');
            SqlType value = read();
            expect(close);
            type = new SqlType.MapType(key, value);
        }
        else if ((lower.equals("struct") || lower.equals("row")) && (peek('<') || peek('('))) {
            char close = open();
            List<SqlType.Field> fields = new ArrayList<>();
            do {
                skipSpaces();
                String field = peek('"') ? quoted() : word();
                skipSpaces();
                if (peek(':')) {
                    position++;
                }
                fields.add(new SqlType.Field(field, read()));
                skipSpaces();
            }
            while (tryConsume(','));
            expect(close);
            type = new SqlType.RowType(fields);
        }
        else {
            type = primitive(lower);
        }
        // DuckDB writes lists as a suffix: INTEGER[], STRUCT(...)[]
        while (dialect == Dialect.DUCKDB && peekSuffix()) {
            position += 2;
            type = new SqlType.ArrayType(type);
        }
        return type;
    }

    private SqlType primitive(String lower)
    {
        String name = lower;
        skipSpaces();
        // multi-word names: timestamp with time zone, double precision, timestamp(3) with time zone
        int precision = 0;
        int scale = 0;
        if (peek('(')) {
            position++;
            precision = Integer.parseInt(word().trim());
            skipSpaces();
            if (tryConsume(',')) {
                skipSpaces();
                scale = Integer.parseInt(word().trim());
            }
            expect(')');
        }
        String rest = text.substring(position).toLowerCase(Locale.ROOT);
        for (String suffix : List.of("with time zone", "without time zone", "precision")) {
            if (rest.startsWith(suffix)) {
                name = name + " " + suffix;
                position += suffix.length();
            }
        }
        if (name.startsWith("timestamp") || name.startsWith("time") && !name.equals("time")) {
            precision = 0;
        }
        if (!name.equals("decimal") && !name.equals("numeric")) {
            precision = 0;
            scale = 0;
        }
        return SqlType.primitive(name, precision, scale);
    }

    private char open()
    {
        skipSpaces();
        char open = text.charAt(position++);
        return open == '<' ? '>' : ')';
    }

    private boolean peekSuffix()
    {
        return text.startsWith("[]", position);
    }

    private boolean peek(char c)
    {
        skipSpaces();
        return position < text.length() && text.charAt(position) == c;
    }

    private boolean tryConsume(char c)
    {
        if (peek(c)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char c)
    {
        if (!tryConsume(c)) {
            throw new IllegalArgumentException("Unsupported type: " + text);
        }
    }

    private String quoted()
    {
        StringBuilder name = new StringBuilder();
        position++;
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                if (position < text.length() && text.charAt(position) == '"') {
                    name.append('"');
                    position++;
                    continue;
                }
                return name.toString();
            }
            name.append(c);
        }
        throw new IllegalArgumentException("Unsupported type: " + text);
    }

    private String word()
    {
        skipSpaces();
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
            position++;
        }
        if (start == position) {
            throw new IllegalArgumentException("Unsupported type: " + text);
        }
        return text.substring(start, position);
    }

    private void skipSpaces()
    {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }
}
