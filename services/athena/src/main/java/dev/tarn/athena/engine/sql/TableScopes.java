package dev.tarn.athena.engine.sql;

import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Join;
import io.trino.sql.tree.Relation;
import io.trino.sql.tree.Table;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The tables each FROM in scope names without an alias, by the qualified names a column may be
 * prefixed with ({@code schema.table}, {@code catalog.schema.table}). The DuckDB query names such a
 * table by its last part only, so those prefixes are rewritten to it. Innermost FROM first, as a
 * correlated subquery sees its own tables before the outer ones.
 */
final class TableScopes
{
    private final Deque<Map<List<String>, String>> scopes = new ArrayDeque<>();

    /** Enters the scope of a query specification's FROM (empty when it has none). */
    void push(Optional<Relation> from)
    {
        requireNonNull(from, "from is null");
        Map<List<String>, String> names = new HashMap<>();
        from.ifPresent(relation -> collect(relation, names));
        scopes.push(Map.copyOf(names));
    }

    void pop()
    {
        scopes.pop();
    }

    /** The name the DuckDB query gives the table a qualifier refers to, if it refers to one. */
    Optional<String> table(Expression qualifier)
    {
        Optional<List<String>> parts = parts(qualifier);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        for (Map<List<String>, String> scope : scopes) {
            String name = scope.get(parts.get());
            if (name != null) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** The name a table gets in the DuckDB query when the query gives it no alias. */
    static String name(Table table)
    {
        List<String> parts = table.getName().getParts();
        return parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
    }

    private static void collect(Relation relation, Map<List<String>, String> names)
    {
        if (relation instanceof Table table) {
            List<String> parts = lower(table.getName().getParts());
            // a one-part qualifier already matches the name the table gets; longer ones need rewriting
            for (int start = 0; start + 1 < parts.size(); start++) {
                names.put(parts.subList(start, parts.size()), name(table));
            }
        }
        else if (relation instanceof Join join) {
            collect(join.getLeft(), names);
            collect(join.getRight(), names);
        }
        // an aliased relation is known by its alias only, which DuckDB resolves as written
    }

    /** The parts of a chain of identifiers such as {@code a.b.c}, in lower case. */
    private static Optional<List<String>> parts(Expression expression)
    {
        if (expression instanceof Identifier identifier) {
            return Optional.of(List.of(identifier.getValue().toLowerCase(Locale.ROOT)));
        }
        if (expression instanceof DereferenceExpression dereference && dereference.getField().isPresent()) {
            return parts(dereference.getBase()).map(base -> {
                List<String> parts = new ArrayList<>(base);
                parts.add(dereference.getField().get().getValue().toLowerCase(Locale.ROOT));
                return List.copyOf(parts);
            });
        }
        return Optional.empty();
    }

    private static List<String> lower(List<String> parts)
    {
        return parts.stream().map(part -> part.toLowerCase(Locale.ROOT)).toList();
    }
}
