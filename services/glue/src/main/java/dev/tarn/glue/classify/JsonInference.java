package dev.tarn.glue.classify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.SerDeInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * JSON classification: a file of objects (one per line, or pretty-printed one after another) or
 * an array of objects, or, with a custom classifier's JSON path ({@code $[*]}, {@code $.items[*]}),
 * the objects that path selects. Columns are the top-level members in order of appearance, typed
 * boolean, int, bigint, double, string, array&lt;...&gt; and struct&lt;...&gt;.
 */
public final class JsonInference
{
    private static final int MAX_RECORDS = 1000;
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonInference() {}

    public static Optional<FileSchema> infer(String text, String compressionType, Optional<String> jsonPath)
    {
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("\uFEFF")) {
            trimmed = trimmed.substring(1).stripLeading();
        }
        if (trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')) {
            return Optional.empty();
        }
        List<JsonNode> records = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(trimmed)) {
            parser.setCodec(MAPPER);
            Optional<List<String>> path = jsonPath.map(JsonInference::pathSteps);
            if (path.isPresent()) {
                readAlongPath(parser, path.get(), records);
            }
            else if (trimmed.charAt(0) == '[') {
                readArray(parser, records);
            }
            else {
                while (records.size() < MAX_RECORDS && parser.nextToken() == JsonToken.START_OBJECT) {
                    records.add(parser.readValueAsTree());
                }
            }
        }
        catch (IOException e) {
            // the sample ends inside a record or the text is not JSON: use the records read so far
        }
        List<JsonNode> objects = records.stream().filter(JsonNode::isObject).toList();
        if (objects.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonNode object : objects) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                types.merge(field.getKey().toLowerCase(Locale.ROOT), typeOf(field.getValue()), HiveTypes::merge);
            }
        }
        List<Column> columns = new ArrayList<>();
        types.forEach((name, type) -> columns.add(Column.of(name, type)));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("classification", "json");
        jsonPath.ifPresent(value -> parameters.put("jsonPath", value));
        String paths = String.join(",", types.keySet());
        return Optional.of(new FileSchema("json", compressionType, columns, "org.apache.hadoop.mapred.TextInputFormat",
                "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", SerDeInfo.of("org.openx.data.jsonserde.JsonSerDe", Map.of("paths", paths)),
                parameters, "json"));
    }

    private static void readArray(JsonParser parser, List<JsonNode> records)
            throws IOException
    {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            return;
        }
        JsonToken token;
        while (records.size() < MAX_RECORDS && (token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
            records.add(parser.readValueAsTree());
        }
    }

    /** {@code $[*]} selects the elements of a top-level array, {@code $.a.b[*]} those of a nested one, {@code $} the whole document. */
    private static List<String> pathSteps(String jsonPath)
    {
        String path = jsonPath.trim();
        if (!path.startsWith("$")) {
            return List.of();
        }
        List<String> steps = new ArrayList<>();
        for (String step : path.substring(1).split("\\.")) {
            if (!step.isEmpty()) {
                steps.add(step);
            }
        }
        return steps;
    }

    private static void readAlongPath(JsonParser parser, List<String> steps, List<JsonNode> records)
            throws IOException
    {
        if (steps.isEmpty() || steps.get(0).equals("[*]")) {
            if (steps.isEmpty()) {
                while (records.size() < MAX_RECORDS && parser.nextToken() == JsonToken.START_OBJECT) {
                    records.add(parser.readValueAsTree());
                }
            }
            else {
                readArray(parser, records);
            }
            return;
        }
        // a nested path: read whole documents (only as much as the sample holds) and walk them
        while (records.size() < MAX_RECORDS && parser.nextToken() != null) {
            JsonNode node = parser.readValueAsTree();
            for (String step : steps) {
                boolean all = step.endsWith("[*]");
                String member = all ? step.substring(0, step.length() - 3) : step;
                node = member.isEmpty() ? node : node.path(member);
                if (all) {
                    node.forEach(records::add);
                    node = null;
                    break;
                }
            }
            if (node != null && !node.isMissingNode()) {
                records.add(node);
            }
        }
    }

    static String typeOf(JsonNode value)
    {
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isInt()) {
            return "int";
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? "bigint" : "decimal(38,0)";
        }
        if (value.isNumber()) {
            return "double";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isArray()) {
            String element = HiveTypes.UNKNOWN;
            for (JsonNode item : value) {
                element = HiveTypes.merge(element, typeOf(item));
            }
            return "array<" + element + ">";
        }
        if (value.isObject()) {
            Map<String, String> fields = new LinkedHashMap<>();
            value.fields().forEachRemaining(field -> fields.merge(field.getKey().toLowerCase(Locale.ROOT), typeOf(field.getValue()), HiveTypes::merge));
            return HiveTypes.struct(fields);
        }
        return HiveTypes.UNKNOWN;
    }
}
