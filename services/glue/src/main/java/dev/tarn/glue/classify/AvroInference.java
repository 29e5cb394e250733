package dev.tarn.glue.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.SerDeInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Avro object container files: the writer's schema is in the file header ({@code avro.schema} in
 * the metadata map after the magic {@code Obj\x01}), so the first bytes suffice and no row is
 * read. Avro types map to Hive's as the Hive AvroSerDe maps them.
 */
public final class AvroInference
{
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private AvroInference() {}

    public static boolean matches(byte[] sample)
    {
        return sample.length >= 4 && sample[0] == 'O' && sample[1] == 'b' && sample[2] == 'j' && sample[3] == 1;
    }

    public static Optional<FileSchema> infer(byte[] sample, String compressionType)
    {
        Optional<String> schemaText = headerSchema(sample);
        if (schemaText.isEmpty()) {
            return Optional.empty();
        }
        JsonNode schema;
        try {
            schema = MAPPER.readTree(schemaText.get());
        }
        catch (IOException e) {
            return Optional.empty();
        }
        if (!schema.path("type").asText().equals("record")) {
            return Optional.empty();
        }
        List<Column> columns = new ArrayList<>();
        for (JsonNode field : schema.path("fields")) {
            columns.add(Column.of(field.path("name").asText().toLowerCase(Locale.ROOT), hiveType(field.path("type"))));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("classification", "avro");
        parameters.put("avro.schema.literal", schemaText.get());
        return Optional.of(new FileSchema("avro", compressionType, columns, "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
                "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat",
                SerDeInfo.of("org.apache.hadoop.hive.serde2.avro.AvroSerDe", Map.of("avro.schema.literal", schemaText.get())), parameters, "avro"));
    }

    static String hiveType(JsonNode type)
    {
        if (type.isArray()) {
            List<JsonNode> branches = new ArrayList<>();
            type.forEach(branch -> {
                if (!branch.asText().equals("null")) {
                    branches.add(branch);
                }
            });
            return branches.size() == 1 ? hiveType(branches.get(0)) : "string";
        }
        if (type.isTextual()) {
            return switch (type.asText()) {
                case "boolean" -> "boolean";
                case "int" -> "int";
                case "long" -> "bigint";
                case "float" -> "float";
                case "double" -> "double";
                case "bytes" -> "binary";
                default -> "string";
            };
        }
        String logical = type.path("logicalType").asText("");
        switch (logical) {
            case "date":
                return "date";
            case "timestamp-millis", "timestamp-micros":
                return "timestamp";
            case "decimal":
                return HiveTypes.decimal(type.path("precision").asInt(38), type.path("scale").asInt(0));
            default:
                break;
        }
        return switch (type.path("type").asText()) {
            case "record" -> {
                Map<String, String> fields = new LinkedHashMap<>();
                type.path("fields").forEach(field -> fields.put(field.path("name").asText().toLowerCase(Locale.ROOT), hiveType(field.path("type"))));
                yield HiveTypes.struct(fields);
            }
            case "array" -> "array<" + hiveType(type.path("items")) + ">";
            case "map" -> "map<string," + hiveType(type.path("values")) + ">";
            case "enum" -> "string";
            case "fixed" -> "binary";
            default -> hiveType(type.path("type"));
        };
    }

    /** The avro.schema entry of the header's metadata map (zig-zag varint counts and lengths). */
    static Optional<String> headerSchema(byte[] bytes)
    {
        int[] position = {4};
        try {
            while (true) {
                long count = readLong(bytes, position);
                if (count == 0) {
                    return Optional.empty();
                }
                if (count < 0) {
                    count = -count;
                    readLong(bytes, position);
                }
                for (long i = 0; i < count; i++) {
                    String key = new String(readBytes(bytes, position), StandardCharsets.UTF_8);
                    byte[] value = readBytes(bytes, position);
                    if (key.equals("avro.schema")) {
                        return Optional.of(new String(value, StandardCharsets.UTF_8));
                    }
                }
            }
        }
        catch (ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static byte[] readBytes(byte[] bytes, int[] position)
    {
        int length = (int) readLong(bytes, position);
        if (length < 0 || position[0] + length > bytes.length) {
            throw new ArrayIndexOutOfBoundsException("truncated header");
        }
        byte[] value = new byte[length];
        System.arraycopy(bytes, position[0], value, 0, length);
        position[0] += length;
        return value;
    }

    private static long readLong(byte[] bytes, int[] position)
    {
        long raw = 0;
        int shift = 0;
        while (true) {
            int b = bytes[position[0]++] & 0xff;
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 63) {
                throw new ArrayIndexOutOfBoundsException("bad varint");
            }
        }
        return (raw >>> 1) ^ -(raw & 1);
    }
}
