package dev.tarn.glue.classify;

import dev.tarn.glue.model.Column;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * ORC schemas from footers, on files written by Apache ORC's own writers (its test examples,
 * Apache License 2.0): every codec the reader handles, nested and decimal types.
 */
class OrcInferenceTest
{
    private static byte[] file(String name)
            throws IOException
    {
        try (InputStream in = OrcInferenceTest.class.getResourceAsStream("/orc/" + name)) {
            return in.readAllBytes();
        }
    }

    /** As the crawler reads: a guess of the tail, then exactly the tail the PostScript asks for. */
    private static Optional<FileSchema> infer(byte[] file)
    {
        assertThat(OrcInference.matches(Arrays.copyOf(file, 3))).isTrue();
        byte[] guess = Arrays.copyOfRange(file, Math.max(0, file.length - 64), file.length);
        long tail = OrcInference.tailLength(file.length, guess).orElseThrow();
        return OrcInference.infer(file.length, Arrays.copyOfRange(file, (int) (file.length - tail), file.length));
    }

    @Test
    void nestedTypesFromAZlibFooter()
            throws IOException
    {
        FileSchema schema = infer(file("TestOrcFile.test1.orc")).orElseThrow();
        assertThat(schema.classification()).isEqualTo("orc");
        assertThat(schema.parameters()).containsEntry("orc.compress", "ZLIB");
        assertThat(schema.serde().serializationLibrary()).contains("org.apache.hadoop.hive.ql.io.orc.OrcSerde");
        assertThat(schema.inputFormat()).isEqualTo("org.apache.hadoop.hive.ql.io.orc.OrcInputFormat");
        assertThat(schema.resolvedColumns()).extracting(Column::name, Column::type).containsExactly(
                tuple("boolean1", "boolean"), tuple("byte1", "tinyint"), tuple("short1", "smallint"), tuple("int1", "int"), tuple("long1", "bigint"),
                tuple("float1", "float"), tuple("double1", "double"), tuple("bytes1", "binary"), tuple("string1", "string"),
                tuple("middle", "struct<list:array<struct<int1:int,string1:string>>>"), tuple("list", "array<struct<int1:int,string1:string>>"),
                tuple("map", "map<string,struct<int1:int,string1:string>>"));
    }

    @Test
    void everyCodec()
            throws IOException
    {
        assertThat(infer(file("TestOrcFile.testSnappy.orc")).orElseThrow().parameters()).containsEntry("orc.compress", "SNAPPY");
        assertThat(infer(file("TestVectorOrcFile.testZstd.0.12.orc")).orElseThrow().parameters()).containsEntry("orc.compress", "ZSTD");
        assertThat(infer(file("TestVectorOrcFile.testLz4.orc")).orElseThrow().parameters()).containsEntry("orc.compress", "LZ4");
        assertThat(infer(file("TestOrcFile.testDate1900.orc")).orElseThrow().resolvedColumns()).extracting(Column::name, Column::type)
                .containsExactly(tuple("time", "timestamp"), tuple("date", "date"));
    }

    @Test
    void decimals()
            throws IOException
    {
        assertThat(infer(file("decimal64_v2.orc")).orElseThrow().resolvedColumns()).extracting(Column::type)
                .containsExactly("bigint", "decimal(12,0)", "decimal(20,2)", "decimal(12,2)", "decimal(2,2)");
    }

    @Test
    void notOrcOrDamaged()
            throws IOException
    {
        byte[] file = file("TestOrcFile.test1.orc");
        assertThat(OrcInference.matches("a,b\n".getBytes())).isFalse();
        byte[] damaged = file.clone();
        damaged[damaged.length - 10] ^= 0x55;
        assertThat(OrcInference.infer(damaged.length, damaged)).isEmpty();
        assertThat(OrcInference.infer(3, new byte[] {'O', 'R', 'C'})).isEmpty();
    }
}
