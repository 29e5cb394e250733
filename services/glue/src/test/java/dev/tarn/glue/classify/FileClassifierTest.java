package dev.tarn.glue.classify;

import dev.tarn.glue.model.Column;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Built-in classification of messy files: what the crawler would store for each. */
class FileClassifierTest
{
    private final FileClassifier classifier = new FileClassifier(List.of());

    private Optional<FileSchema> classify(String text)
    {
        return classifier.classify(text.getBytes(StandardCharsets.UTF_8), true);
    }

    private static List<Column> columns(Optional<FileSchema> schema)
    {
        return schema.orElseThrow().resolvedColumns();
    }

    @Test
    void csvWithHeaderAndTypes()
    {
        Optional<FileSchema> schema = classify("id,price,active,day,at,name\n1,2.5,true,2024-01-02,2024-01-02 10:00:00,a\n2,3,false,2024-01-03,2024-01-03 11:00:00.5,b\n");
        assertThat(columns(schema)).extracting(Column::name, Column::type).containsExactly(tuple("id", "bigint"), tuple("price", "double"),
                tuple("active", "boolean"), tuple("day", "date"), tuple("at", "timestamp"), tuple("name", "string"));
        assertThat(schema.get().parameters()).containsEntry("skip.header.line.count", "1").containsEntry("delimiter", ",");
    }

    @Test
    void headerThatLooksLikeDataIsData()
    {
        Optional<FileSchema> schema = classify("2019,2020\n1,2\n3,4\n");
        assertThat(columns(schema)).extracting(Column::name, Column::type).containsExactly(tuple("col0", "bigint"), tuple("col1", "bigint"));
        assertThat(schema.get().parameters()).doesNotContainKey("skip.header.line.count");
    }

    @Test
    void allStringDataHasNoHeader()
    {
        assertThat(columns(classify("name,city\nann,oslo\nbob,rome\n"))).extracting(Column::name).containsExactly("col0", "col1");
    }

    @Test
    void raggedRowsQuotedNewlinesAndMixedTypes()
    {
        Optional<FileSchema> schema = classify("a|b|c\n1|\"line one\nline two\"|x\n2|plain\n3.5|\"say \"\"hi\"\"\"|z|extra\n");
        assertThat(schema.get().parameters()).containsEntry("delimiter", "|").containsEntry("areColumnsQuoted", "true");
        assertThat(schema.get().serde().serializationLibrary()).contains("org.apache.hadoop.hive.serde2.OpenCSVSerde");
        assertThat(columns(schema)).extracting(Column::name, Column::type).containsExactly(tuple("a", "double"), tuple("b", "string"),
                tuple("c", "string"), tuple("col3", "string"));
        assertThat(columns(classify("n,v\nx,1\ny,two\n"))).extracting(Column::type).containsExactly("string", "string");
    }

    @Test
    void tabSeparatedAndLongDecimals()
    {
        Optional<FileSchema> schema = classify("k\tv\na\t12345678901234567.25\nb\t1.5\n");
        assertThat(schema.get().parameters()).containsEntry("delimiter", "\t");
        assertThat(columns(schema)).extracting(Column::type).containsExactly("string", "decimal(19,2)");
    }

    @Test
    void emptyAndBinaryFilesAreUnknown()
    {
        assertThat(classify("")).isEmpty();
        assertThat(classify("   \n\n")).isEmpty();
        assertThat(classifier.classify(new byte[] {0, 1, 2, 3, 0, 0, 5}, true)).isEmpty();
        assertThat(classify("just one column\nof text\n")).isEmpty();
    }

    @Test
    void jsonLinesArraysAndNesting()
    {
        Optional<FileSchema> lines = classify("{\"id\":1,\"tags\":[\"a\"],\"geo\":{\"lat\":1.5,\"ok\":true}}\n{\"id\":3000000000,\"extra\":null}\n");
        assertThat(columns(lines)).extracting(Column::name, Column::type).containsExactly(tuple("id", "bigint"), tuple("tags", "array<string>"),
                tuple("geo", "struct<lat:double,ok:boolean>"), tuple("extra", "string"));
        Optional<FileSchema> array = classify("[{\"Name\":\"x\",\"Miles\":18},{\"Name\":\"y\",\"Miles\":15.5}]");
        assertThat(columns(array)).extracting(Column::name, Column::type).containsExactly(tuple("name", "string"), tuple("miles", "double"));
        assertThat(array.get().serde().serializationLibrary()).contains("org.openx.data.jsonserde.JsonSerDe");
    }

    @Test
    void truncatedSampleDropsTheCutRecord()
    {
        String text = "id,when\n1,2024-01-01\n2,2024-01-02\n3,2024-0";
        Optional<FileSchema> schema = classifier.classify(text.getBytes(StandardCharsets.UTF_8), false);
        assertThat(columns(schema)).extracting(Column::type).containsExactly("bigint", "date");
    }

    @Test
    void avroSchemaFromTheHeader()
            throws IOException
    {
        String schemaJson = "{\"type\":\"record\",\"name\":\"Trip\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
                + "{\"name\":\"rider\",\"type\":[\"null\",\"string\"]},{\"name\":\"day\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"}},"
                + "{\"name\":\"stops\",\"type\":{\"type\":\"array\",\"items\":\"double\"}}]}";
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(new byte[] {'O', 'b', 'j', 1});
        header.write(zigzag(1));
        byte[] key = "avro.schema".getBytes(StandardCharsets.UTF_8);
        byte[] value = schemaJson.getBytes(StandardCharsets.UTF_8);
        header.write(zigzag(key.length));
        header.write(key);
        header.write(zigzag(value.length));
        header.write(value);
        header.write(zigzag(0));
        Optional<FileSchema> schema = classifier.classify(header.toByteArray(), false);
        assertThat(schema.orElseThrow().classification()).isEqualTo("avro");
        assertThat(columns(schema)).extracting(Column::name, Column::type).containsExactly(tuple("id", "bigint"), tuple("rider", "string"),
                tuple("day", "date"), tuple("stops", "array<double>"));
    }

    private static byte[] zigzag(long value)
    {
        long encoded = (value << 1) ^ (value >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((encoded & ~0x7fL) != 0) {
            out.write((int) ((encoded & 0x7f) | 0x80));
            encoded >>>= 7;
        }
        out.write((int) encoded);
        return out.toByteArray();
    }

    @Test
    void gzipCompressed()
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write("x,y\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8));
        }
        Optional<FileSchema> schema = classifier.classify(out.toByteArray(), true);
        assertThat(schema.get().compressionType()).isEqualTo("gzip");
        assertThat(columns(schema)).extracting(Column::name).containsExactly("x", "y");
    }
}
