package dev.tarn.athena.execution;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementTextTest
{
    @Test
    void csvRowsRoundTripKeepingEmptyStringsApartFromNull()
            throws Exception
    {
        List<Optional<String>> row = List.of(Optional.of("a,b"), Optional.of(""), Optional.empty(), Optional.of("say \"hi\"\nthere"), Optional.empty());
        StringWriter out = new StringWriter();
        AthenaCsv.writeRow(out, row);
        assertThat(out.toString()).isEqualTo("\"a,b\",\"\",,\"say \"\"hi\"\"\nthere\",\n");
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(AthenaCsv.rowEnd(bytes, 0, bytes.length)).isEqualTo(bytes.length);
        assertThat(AthenaCsv.rowEnd(bytes, 0, bytes.length - 1)).isEqualTo(-1);
        assertThat(AthenaCsv.parseRow(bytes, 0, bytes.length)).isEqualTo(row);
    }

    @Test
    void executeIsSplitIntoNameAndLiterals()
    {
        assertThat(ExecuteStatement.parse("execute by_total USING 100.0, 'a, b', date '2020-01-01';").orElseThrow().parameters())
                .containsExactly("100.0", "'a, b'", "date '2020-01-01'");
        ExecuteStatement statement = ExecuteStatement.parse("EXECUTE by_total USING 100.0, 'a, b', f(1, 2), ARRAY[1, 2]").orElseThrow();
        assertThat(statement.statementName()).isEqualTo("by_total");
        assertThat(statement.parameters()).containsExactly("100.0", "'a, b'", "f(1, 2)", "ARRAY[1, 2]");
        assertThat(ExecuteStatement.parse("EXECUTE plain").orElseThrow().parameters()).isEmpty();
        assertThat(ExecuteStatement.parse("SELECT 1")).isEmpty();
        assertThatThrownBy(() -> ExecuteStatement.parse("EXECUTE s USING 'open")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExecuteStatement.parse("EXECUTE s USING 1,,2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statementTypesBeforeTheEngineAnswers()
    {
        assertThat(StatementTypes.of("SELECT 1")).isEqualTo("DML");
        assertThat(StatementTypes.of("-- preview\nWITH a AS (SELECT 1) SELECT * FROM a")).isEqualTo("DML");
        assertThat(StatementTypes.of("CREATE TABLE t WITH (format='PARQUET') AS SELECT * FROM y")).isEqualTo("DML");
        assertThat(StatementTypes.of("CREATE EXTERNAL TABLE t (a int) LOCATION 's3://b/'")).isEqualTo("DDL");
        assertThat(StatementTypes.of("SHOW TABLES")).isEqualTo("DDL");
        assertThat(StatementTypes.of("DESCRIBE yellow")).isEqualTo("DDL");
        assertThat(StatementTypes.of("EXPLAIN SELECT 1")).isEqualTo("UTILITY");
        assertThat(StatementTypes.of("INSERT INTO t SELECT 1")).isEqualTo("DML");
    }
}
