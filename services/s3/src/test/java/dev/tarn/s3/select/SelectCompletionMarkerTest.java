package dev.tarn.s3.select;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The marker row that tells a complete streamed result from one DuckDB's driver cut short. */
class SelectCompletionMarkerTest
{
    private Connection connection;

    @BeforeEach
    void open()
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", "true");
        connection = DriverManager.getConnection("jdbc:duckdb:", properties);
    }

    @AfterEach
    void close()
            throws SQLException
    {
        connection.close();
    }

    @Test
    void markerIsOneExtraColumnAndOneLastRow()
    {
        assertThat(SelectExecution.withCompletionMarker("SELECT c1, c2 FROM src", 2))
                .isEqualTo("SELECT *, CAST(NULL AS BOOLEAN) FROM (SELECT c1, c2 FROM src) UNION ALL SELECT NULL, NULL, true");
    }

    @Test
    void completeResultEndsWithTheMarker()
            throws SQLException
    {
        List<String> rows = rows(SelectExecution.withCompletionMarker("SELECT i, i * 2 FROM range(100000) AS t(i) WHERE i % 1000 = 0", 2));
        assertThat(rows).hasSize(101);
        assertThat(rows.subList(0, 100)).allMatch(row -> row.endsWith(",null"));
        assertThat(rows.get(0)).isEqualTo("0,0,null");
        assertThat(rows.get(99)).isEqualTo("99000,198000,null");
        assertThat(rows.get(100)).isEqualTo("null,null,true");
    }

    @Test
    void emptyResultIsOnlyTheMarker()
            throws SQLException
    {
        assertThat(rows(SelectExecution.withCompletionMarker("SELECT i FROM range(10) AS t(i) WHERE i > 10", 1))).containsExactly("null,true");
    }

    @Test
    void resultThatFailsPartWayNeverHasTheMarker()
    {
        // the cast fails on the last of a million rows, long after the first rows have streamed out
        String failing = "SELECT CAST(CASE WHEN i = 999999 THEN 'x' ELSE CAST(i AS VARCHAR) END AS INTEGER) FROM range(1000000) AS t(i)";
        List<String> rows = new ArrayList<>();
        try {
            rows.addAll(rows(SelectExecution.withCompletionMarker(failing, 1)));
        }
        catch (SQLException e) {
            // the driver may raise the failure instead of ending the result early
        }
        assertThat(rows).noneMatch(row -> row.endsWith(",true"));
    }

    private List<String> rows(String sql)
            throws SQLException
    {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(result.getObject(i)));
                }
                rows.add(String.join(",", values));
            }
        }
        return rows;
    }
}
