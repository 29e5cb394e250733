package dev.tarn.s3.select;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** S3 Select's numeric semantics, evaluated by DuckDB as a query runs: integers stay integers, DECIMAL is exact. */
class SelectArithmeticTest
{
    private static final InputSchema.Csv CSV = new InputSchema.Csv(2, List.of());
    private static final String CSV_RECORD = "(VALUES ('30', '7')) AS src(c1, c2)";
    private static final String JSON_RECORD = "(SELECT CAST('{\"a\": 30, \"b\": 2.5}' AS JSON) AS doc) AS src";
    private static Connection connection;

    @BeforeAll
    static void open()
            throws SQLException
    {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void close()
            throws SQLException
    {
        connection.close();
    }

    /** The one value the query yields, as S3 Select writes it in CSV. */
    private static String value(String sql, InputSchema schema, String record)
            throws SQLException
    {
        String translated = DuckDbTranslator.translate(SelectParser.parse(sql), schema, record).sql();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(translated)) {
            assertThat(result.next()).isTrue();
            return RecordWriter.text(result.getObject(1));
        }
    }

    private static String csv(String sql)
            throws SQLException
    {
        return value(sql, CSV, CSV_RECORD);
    }

    @Test
    void integerArithmeticStaysIntegral()
            throws SQLException
    {
        assertThat(csv("SELECT CAST(CAST(_1 AS INT) * 2 AS STRING) FROM s3object")).isEqualTo("60");
        assertThat(csv("SELECT CAST(_1 AS INT) / CAST(_2 AS INT) FROM s3object")).isEqualTo("4");
        assertThat(csv("SELECT CAST(7 / 2 AS STRING) FROM s3object")).isEqualTo("3");
        assertThat(csv("SELECT CAST(-CAST(_2 AS INT) % 4 AS STRING) FROM s3object")).isEqualTo("-3");
        assertThat(csv("SELECT CAST(COUNT(*) * 10 AS STRING) FROM s3object")).isEqualTo("10");
        assertThat(csv("SELECT CAST(CHAR_LENGTH(_1) + 1 AS STRING) FROM s3object")).isEqualTo("3");
    }

    @Test
    void fractionsStayFractional()
            throws SQLException
    {
        assertThat(csv("SELECT CAST(_2 AS INT) / 2.0 FROM s3object")).isEqualTo("3.5");
        assertThat(csv("SELECT CAST(CAST(_2 AS FLOAT) / 2 AS STRING) FROM s3object")).isEqualTo("3.5");
        assertThat(csv("SELECT CAST(CAST(_1 AS FLOAT) * 2 AS STRING) FROM s3object")).isEqualTo("60");
        assertThat(csv("SELECT CASE WHEN _1 = '30' THEN 1 ELSE 2.5 END FROM s3object")).isEqualTo("1");
        assertThat(csv("SELECT COALESCE(NULL, CAST(_2 AS INT) * 1.5) FROM s3object")).isEqualTo("10.5");
    }

    @Test
    void decimalIsExact()
            throws SQLException
    {
        assertThat(csv("SELECT CAST('0.1' AS DECIMAL) + CAST('0.2' AS DECIMAL) FROM s3object")).isEqualTo("0.3");
        assertThat(csv("SELECT CAST(0.1 + 0.2 AS STRING) FROM s3object")).isEqualTo("0.3");
        assertThat(csv("SELECT CAST(CAST('1.10' AS DECIMAL) * 3 AS STRING) FROM s3object")).isEqualTo("3.3");
        assertThat(csv("SELECT CAST(_1 AS DECIMAL) / 8 FROM s3object")).isEqualTo("3.75");
    }

    @Test
    void jsonNumbersPrintWithoutASpuriousFraction()
            throws SQLException
    {
        assertThat(value("SELECT CAST(s.a * 2 AS STRING) FROM s3object s", new InputSchema.Json(), JSON_RECORD)).isEqualTo("60");
        assertThat(value("SELECT CAST(s.b * 2 AS STRING) FROM s3object s", new InputSchema.Json(), JSON_RECORD)).isEqualTo("5");
        assertThat(value("SELECT CAST(s.b * 3 AS STRING) FROM s3object s", new InputSchema.Json(), JSON_RECORD)).isEqualTo("7.5");
    }
}
