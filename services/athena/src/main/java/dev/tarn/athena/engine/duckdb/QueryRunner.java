package dev.tarn.athena.engine.duckdb;

import dev.tarn.athena.engine.QueryFailure;
import dev.tarn.athena.engine.ResultColumn;
import dev.tarn.athena.engine.ResultSink;
import dev.tarn.athena.engine.sql.SqlType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Runs a translated query on the statement's DuckDB and streams its rows to the sink in Athena's
 * text form. DuckDB's JDBC driver ends a streamed result that failed part-way like a complete
 * one, so the query runs followed by one marker row: a result without the marker did not finish.
 */
final class QueryRunner
{
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
     * a streamed result whose chunks are ready); returns how many there were.
     */
    long run(String sql, ResultSink sink, BooleanSupplier cancelled)
            throws SQLException, QueryFailure
    {
        List<Column> columns = describe(sql);
        List<ResultColumn> resultColumns = columns.stream().map(column -> ResultColumns.of(column.name(), column.type())).toList();
        StringBuilder marked = new StringBuilder("SELECT *, NULL::BOOLEAN FROM (").append(sql).append(") UNION ALL SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            marked.append("NULL, ");
        }
        marked.append("true");
        sink.columns(resultColumns);
        long rows = 0;
        boolean complete = false;
        try (Statement statement = session.statement(); ResultSet results = statement.executeQuery(marked.toString())) {
            int marker = columns.size() + 1;
            while (results.next()) {
                if (cancelled.getAsBoolean()) {
                    throw QueryFailure.cancelled();
                }
                if (results.getObject(marker) != null) {
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

    record Column(String name, SqlType type)
    {
        Column
        {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }
}
