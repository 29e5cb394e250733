package dev.tarn.athena.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code EXECUTE name [USING value, ...]}: the name of a prepared statement and its parameter
 * values as SQL literals, split at the commas outside quotes, parentheses and brackets.
 */
public record ExecuteStatement(String statementName, List<String> parameters)
{
    private static final Pattern EXECUTE = Pattern.compile("\\s*EXECUTE\\s+([A-Za-z_][A-Za-z0-9_@:]*)(?:\\s+USING\\s+(.*?))?\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    public ExecuteStatement
    {
        parameters = List.copyOf(parameters);
    }

    public static Optional<ExecuteStatement> parse(String sql)
    {
        Matcher matcher = EXECUTE.matcher(sql);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        List<String> parameters = matcher.group(2) == null ? List.of() : split(matcher.group(2));
        return Optional.of(new ExecuteStatement(matcher.group(1), parameters));
    }

    private static List<String> split(String values)
    {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < values.length(); i++) {
            char c = values.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            }
            else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            }
            else if (!quoted && depth == 0 && c == ',') {
                parts.add(values.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(values.substring(start).trim());
        if (quoted || depth != 0 || parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("malformed USING list: " + values);
        }
        return parts;
    }
}
