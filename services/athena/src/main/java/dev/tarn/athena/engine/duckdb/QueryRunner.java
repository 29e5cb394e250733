package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.QueryFailure;
import dev.tarn.athena.engine.ResultSink;
import dev.tarn.athena.engine.sql.SqlType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Runs a translated query on the statement's DuckDB and streams its rows to the sink in Athena's
 * text form. DuckDB's JDBC driver ends a streamed result that failed part-way like a complete
 * one, so the query runs followed by one marker row: a result without the marker did not finish.
 */
final class QueryRunner
{
    /** The marker row's column; a query that mentions the name gets a longer one. */
    private static final String END_MARKER = "__tarn_result_end";
    private static final Pattern RENAMED = Pattern.compile("(.+)_[0-9]+");

    private final DuckDbSession session;

    QueryRunner(DuckDbSession session)
    {
        this.session = requireNonNull(session, "session is null");
    }

    /** The query's output columns, as DuckDB types them. */
    List<Column> describe(String sql)
            throws SQLException
    {
        try (PreparedStatement prepared = session.connection().prepareStatement(sql)) {
            ResultSetMetaData metadata = prepared.getMetaData();
            List<Column> columns = new ArrayList<>();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                columns.add(new Column(metadata.getColumnLabel(i), SqlType.parseDuckDb(metadata.getColumnTypeName(i))));
            }
            return columns;
        }
    }

    /**
     * Streams the rows until the end or until {@code cancelled} (DuckDB's interrupt does not stop
     * a streamed result whose chunks are ready); returns how many there were. The marker row is
     * joined by name, so the query is planned once: the columns and their types come from the
     * result itself.
     */
    long run(String sql, ResultSink sink, BooleanSupplier cancelled)
            throws SQLException, QueryFailure
    {
        // DuckDB matches names ignoring case
        String lowerSql = sql.toLowerCase(Locale.ROOT);
        String marker = END_MARKER;
        while (lowerSql.contains(marker)) {
            marker += "_";
        }
        String quoted = DuckDbSql.identifier(marker);
        String marked = "SELECT *, NULL::BOOLEAN AS " + quoted + " FROM (" + sql + ") UNION ALL BY NAME SELECT true AS " + quoted;
        long rows = 0;
        boolean complete = false;
        try (Statement statement = session.statement(); ResultSet results = statement.executeQuery(marked)) {
            List<Column> columns = columns(results.getMetaData(), sql);
            sink.columns(columns.stream().map(column -> ResultColumns.of(column.name(), column.type())).toList());
            int markerColumn = columns.size() + 1;
            while (results.next()) {
                if (cancelled.getAsBoolean()) {
                    throw QueryFailure.cancelled();
                }
                if (results.getObject(markerColumn) != null) {
                    complete = true;
                    break;
                }
                List<Optional<String>> values = new ArrayList<>(columns.size());
                for (int i = 0; i < columns.size(); i++) {
                    Object value = results.getObject(i + 1);
                    values.add(value == null ? Optional.empty() : Optional.of(AthenaValues.format(value, columns.get(i).type())));
                }
                sink.row(values);
                rows++;
            }
        }
        if (!complete) {
            throw new SQLException("The query ended before its result was complete");
        }
        return rows;
    }

    /**
     * The query's columns as the marked result has them (without the marker). Selecting {@code *}
     * from a subquery renames repeated names ({@code a, a} becomes {@code a, a_1}): a name that
     * looks renamed is taken from the query's own description instead, made on another
     * connection (preparing a statement on this one would end its streamed result).
     */
    private List<Column> columns(ResultSetMetaData metadata, String sql)
            throws SQLException
    {
        List<Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean renamed = false;
        for (int i = 1; i < metadata.getColumnCount(); i++) {
            String name = metadata.getColumnLabel(i);
            Matcher suffixed = RENAMED.matcher(name);
            renamed |= suffixed.matches() && seen.contains(suffixed.group(1).toLowerCase(Locale.ROOT));
            seen.add(name.toLowerCase(Locale.ROOT));
            columns.add(new Column(name, SqlType.parseDuckDb(metadata.getColumnTypeName(i))));
        }
        if (!renamed) {
            return columns;
        }
        List<Column> described;
        try (DuckDbSession sibling = session.sibling()) {
            described = new QueryRunner(sibling).describe(sql);
        }
        List<Column> named = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            named.add(new Column(described.get(i).name(), columns.get(i).type()));
        }
        return named;
    }

    record Column(String name, SqlType type)
    {
        Column
        {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }
}
