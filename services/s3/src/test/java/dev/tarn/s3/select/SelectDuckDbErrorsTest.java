package dev.tarn.s3.select;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** DuckDB's failures as the S3 Select error a client gets for the same fault. */
class SelectDuckDbErrorsTest
{
    private static final SelectRequest.InputFormat CSV = new SelectRequest.CsvInput(SelectRequest.FileHeaderInfo.NONE, ",", "\n", "\"", "\"",
            Optional.empty(), false);

    private static String code(String message, SelectRequest.InputFormat input)
    {
        return DuckDbErrors.of(new SQLException(message), input).code();
    }

    private static String codeOf(String sql)
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            SQLException failure = catchThrowableOfType(SQLException.class, () -> statement.executeQuery(sql).close());
            assertThat((Throwable) failure).as(sql).isNotNull();
            return DuckDbErrors.of(failure, CSV).code();
        }
    }

    @Test
    void duckDbsOwnFailures()
            throws SQLException
    {
        assertThat(codeOf("SELECT no_such_function(1)")).isEqualTo("UnsupportedFunction");
        assertThat(codeOf("SELECT CAST('x' AS INTEGER)")).isEqualTo("CastFailed");
        assertThat(codeOf("SELECT CAST(300 AS TINYINT)")).isIn("CastFailed", "IntegerOverflow");
        assertThat(codeOf("SELECT 9223372036854775807 + CAST(1 AS BIGINT)")).isEqualTo("IntegerOverflow");
        assertThat(codeOf("SELECT 1 FROM read_csv('/nonexistent/tarn-select.csv')")).isEqualTo("CSVParsingError");
    }

    @Test
    void failureClassesMapToTheClosestCode()
    {
        assertThat(code("Out of Memory Error: could not allocate block of size 256KiB", CSV)).isEqualTo("Busy");
        assertThat(code("Interrupt Error: Interrupted!", CSV)).isEqualTo("Busy");
        assertThat(code("Not implemented Error: Unimplemented type for cast", CSV)).isEqualTo("UnsupportedSqlOperation");
        assertThat(code("Mismatch Type Error: Type VARCHAR does not match with INTEGER", CSV)).isEqualTo("IncorrectSqlFunctionArgumentType");
        assertThat(code("Invalid Input Error: CSV Error on Line: 3\nMaximum line size of 1048576 bytes exceeded", CSV)).isEqualTo("OverMaxRecordSize");
        assertThat(code("Invalid Input Error: \"maximum_object_size\" of 1048576 bytes exceeded", new SelectRequest.JsonInput(true)))
                .isEqualTo("OverMaxRecordSize");
        assertThat(code("IO Error: Could not read from file", new SelectRequest.JsonInput(true))).isEqualTo("JSONParsingError");
        assertThat(code("INTERNAL Error: Attempted to access index 3 within vector of size 3", CSV)).isEqualTo("InternalError");
    }
}
