package dev.tarn.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A string from a policy that may hold wildcards ({@code *}, {@code ?}) and, under Version
 * 2012-10-17, policy variables: {@code ${aws:username}}, {@code ${aws:PrincipalTag/team, 'none'}}
 * with a default, and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}}. Compiled once; a
 * string without variables is resolved at parse time, so requests only pay for variables.
 */
final class PolicyString
{
    private final String text;
    private final List<Part> parts;
    private final int[] constant;
    private final String literalPrefix;

    private PolicyString(String text, List<Part> parts)
    {
        this.text = text;
        this.parts = List.copyOf(parts);
        this.constant = parts.stream().anyMatch(Variable.class::isInstance) ? null : tokens(part -> Optional.empty());
        this.literalPrefix = literalPrefix(this.parts);
    }

    /** The characters every match starts with: the text up to the first wildcard or variable. */
    private static String literalPrefix(List<Part> parts)
    {
        StringBuilder prefix = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Escaped escaped) {
                prefix.append(escaped.character());
                continue;
            }
            if (part instanceof Text t) {
                for (int i = 0; i < t.text().length(); i++) {
                    char c = t.text().charAt(i);
                    if (c == '*' || c == '?') {
                        return prefix.toString();
                    }
                    prefix.append(c);
                }
                continue;
            }
            break;
        }
        return prefix.toString();
    }

    static PolicyString parse(String text, boolean variables)
    {
        requireNonNull(text, "text is null");
        List<Part> parts = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int end = variables && text.startsWith("${", i) ? text.indexOf('}', i + 2) : -1;
            Optional<Part> special = end < 0 ? Optional.empty() : parseVariable(text.substring(i + 2, end));
            if (special.isPresent()) {
                if (!plain.isEmpty()) {
                    parts.add(new Text(plain.toString()));
                    plain.setLength(0);
                }
                parts.add(special.get());
                i = end + 1;
            }
            else {
                plain.append(text.charAt(i));
                i++;
            }
        }
        if (!plain.isEmpty()) {
            parts.add(new Text(plain.toString()));
        }
        return new PolicyString(text, parts);
    }

    /** The inside of {@code ${...}}: an escape, {@code key} or {@code key, 'default'}; anything else is literal text. */
    private static Optional<Part> parseVariable(String inside)
    {
        if (inside.equals("*") || inside.equals("?") || inside.equals("$")) {
            return Optional.of(new Escaped(inside.charAt(0)));
        }
        int comma = inside.indexOf(',');
        String key = (comma < 0 ? inside : inside.substring(0, comma)).strip();
        if (key.isEmpty() || key.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '$' || c == '{')) {
            return Optional.empty();
        }
        Optional<String> defaultValue = Optional.empty();
        if (comma >= 0) {
            String quoted = inside.substring(comma + 1).strip();
            if (quoted.length() < 2 || quoted.charAt(0) != '\'' || quoted.charAt(quoted.length() - 1) != '\'') {
                return Optional.empty();
            }
            defaultValue = Optional.of(quoted.substring(1, quoted.length() - 1));
        }
        return Optional.of(new Variable(key.toLowerCase(Locale.ROOT), defaultValue));
    }

    String text()
    {
        return text;
    }

    /**
     * A necessary condition for a wildcard or ARN match, checked before variables are
     * substituted: most patterns of a large policy set are ruled out by it alone.
     */
    boolean mayMatch(String value)
    {
        return value.startsWith(literalPrefix);
    }

    boolean hasVariables()
    {
        return constant == null;
    }

    /** Keys of the variables that have no default: the request must supply each, or the statement doesn't apply. */
    void addRequiredVariables(Set<String> keys)
    {
        for (Part part : parts) {
            if (part instanceof Variable variable && variable.defaultValue().isEmpty()) {
                keys.add(variable.key());
            }
        }
    }

    /** All variable keys, with or without default, lower-cased. */
    void addVariableKeys(Set<String> keys)
    {
        for (Part part : parts) {
            if (part instanceof Variable variable) {
                keys.add(variable.key());
            }
        }
    }

    /**
     * The compiled pattern with variables substituted (their values literal). The statement's
     * required variables have been checked before, so every variable resolves here or falls back
     * to its default; a variable that resolves to nothing yields an empty Optional.
     */
    Optional<int[]> resolve(VariableResolver resolver)
    {
        if (constant != null) {
            return Optional.of(constant);
        }
        for (Part part : parts) {
            if (part instanceof Variable variable && resolver.resolve(variable.key()).or(variable::defaultValue).isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(tokens(resolver));
    }

    private int[] tokens(VariableResolver resolver)
    {
        String[] values = new String[parts.size()];
        int length = 0;
        for (int i = 0; i < values.length; i++) {
            Part part = parts.get(i);
            if (part instanceof Text t) {
                values[i] = t.text();
            }
            else if (part instanceof Escaped e) {
                values[i] = String.valueOf(e.character());
            }
            else {
                Variable v = (Variable) part;
                values[i] = resolver.resolve(v.key()).or(v::defaultValue).orElseThrow();
            }
            length += values[i].length();
        }
        int[] tokens = new int[length];
        int at = 0;
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            boolean wildcards = parts.get(i) instanceof Text;
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                tokens[at++] = !wildcards ? ch : ch == '*' ? Glob.STAR : ch == '?' ? Glob.ANY_ONE : ch;
            }
        }
        return tokens;
    }

    @Override
    public String toString()
    {
        return text;
    }

    private sealed interface Part {}

    /** Policy text: {@code *} and {@code ?} in it are wildcards. */
    private record Text(String text) implements Part {}

    /** {@code ${*}}, {@code ${?}}, {@code ${$}}: the character itself. */
    private record Escaped(char character) implements Part {}

    private record Variable(String key, Optional<String> defaultValue) implements Part {}
}
