package dev.tarn.athena.engine.sql;

import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Table;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns a table named in a query into the DuckDB relation that reads it (its files, or a view's query). */
public interface TableResolver
{
    /**
     * @param table the reference as written
     * @param alias the name the query gives it, when aliased
     * @param conjuncts the AND-ed terms of the WHERE clause over the FROM it belongs to (for partition pruning;
     *         the query still applies them, so using them is an optimization only)
     * @param rowLimit when present, the query needs no more than this many rows of the table, any of them (a bare
     *         {@code SELECT columns FROM table LIMIT n}), so the rest need not be read
     * @return a parenthesized DuckDB query or table function
     */
    String relation(Table table, Optional<String> alias, List<Expression> conjuncts, OptionalLong rowLimit);
}
