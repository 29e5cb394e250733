package dev.tarn.glue.classify;

import dev.tarn.glue.model.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Parquet schemas read from the footer alone (the file's middle is never given). */
class ParquetInferenceTest
{
    @TempDir
    Path directory;

    @Test
    void schemaFromTheFooter()
            throws Exception
    {
        Path file = directory.resolve("trips.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT range AS Trip_Id, 'v' || range AS vendor, range * 1.5::DOUBLE AS fare, DATE '2024-01-01' AS day, "
                    + "TIMESTAMP '2024-01-01 10:00:00' AS pickup_at, CAST(range AS DECIMAL(10,2)) AS tip, [range, range] AS stops, "
                    + "{'lat': 1.5, 'ok': true} AS geo FROM range(5000)) TO '" + file + "' (FORMAT PARQUET)");
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(ParquetInference.matches(bytes)).isTrue();
        int footer = ParquetInference.footerLength(Arrays.copyOfRange(bytes, bytes.length - 8, bytes.length)).orElseThrow();
        byte[] tail = Arrays.copyOfRange(bytes, bytes.length - footer - 8, bytes.length);
        Optional<FileSchema> schema = ParquetInference.infer(bytes.length, tail);
        assertThat(schema.orElseThrow().classification()).isEqualTo("parquet");
        assertThat(schema.get().serde().serializationLibrary()).contains("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        assertThat(schema.get().resolvedColumns()).extracting(Column::name, Column::type).containsExactly(
                tuple("trip_id", "bigint"), tuple("vendor", "string"), tuple("fare", "double"), tuple("day", "date"), tuple("pickup_at", "timestamp"),
                tuple("tip", "decimal(10,2)"), tuple("stops", "array<bigint>"), tuple("geo", "struct<lat:decimal(2,1),ok:boolean>"));
    }

    @Test
    void notParquet()
    {
        assertThat(ParquetInference.footerLength(new byte[] {1, 0, 0, 0, 'P', 'A', 'R', '2'})).isEmpty();
        assertThat(ParquetInference.infer(100, new byte[] {1, 0, 0, 0, 'P', 'A', 'R', '1'})).isEmpty();
    }
}
