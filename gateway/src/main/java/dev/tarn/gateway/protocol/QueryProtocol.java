package dev.tarn.gateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarn.gateway.http.UriCodec;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.http.ResponseBody;
import dev.tarn.spi.http.ServiceRequest;
import dev.tarn.spi.http.ServiceResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The AWS query protocol (IAM, STS, CloudFormation): form parameters such as
 * {@code Tags.member.1.Key=a} in, {@code <ActionResponse><ActionResult>...} XML out.
 */
public final class QueryProtocol
{
    private static final int MAX_FORM_BYTES = 16 * 1024 * 1024;

    private final ObjectMapper mapper;

    public QueryProtocol(ObjectMapper mapper)
    {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** Query-string parameters and, for form posts, body parameters; the body wins on conflict. */
    public Map<String, String> parameters(ServiceRequest request)
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        request.query().forEach((name, values) -> parameters.put(name, values.get(0)));
        if ("POST".equals(request.method())) {
            String form;
            try {
                byte[] bytes = request.body().readNBytes(MAX_FORM_BYTES + 1);
                if (bytes.length > MAX_FORM_BYTES) {
                    throw CommonErrors.INVALID_REQUEST.exception("Request body is too large.");
                }
                form = new String(bytes, StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            UriCodec.parseQuery(form.strip()).forEach((name, values) -> parameters.put(name, values.get(0)));
        }
        return parameters;
    }

    public <I> I decode(Map<String, String> parameters, Class<I> type)
    {
        ObjectNode tree = toTree(parameters);
        try {
            return mapper.treeToValue(tree, type);
        }
        catch (IOException | IllegalArgumentException e) {
            throw CommonErrors.VALIDATION_ERROR.exception("Invalid parameters: " + e.getMessage());
        }
    }

    public ServiceResponse encode(String action, Object result, String xmlNamespace, String requestId)
    {
        StringBuilder xml = new StringBuilder(512)
                .append("<").append(action).append("Response xmlns=\"").append(Xml.escape(xmlNamespace)).append("\">");
        if (result != null) {
            JsonNode tree = mapper.valueToTree(result);
            xml.append('<').append(action).append("Result>");
            writeChildren(tree, xml);
            xml.append("</").append(action).append("Result>");
        }
        xml.append("<ResponseMetadata><RequestId>").append(Xml.escape(requestId)).append("</RequestId></ResponseMetadata></")
                .append(action).append("Response>");
        return ServiceResponse.of(200, Headers.empty(), ResponseBody.text(xml.toString(), "text/xml"));
    }

    private static void writeChildren(JsonNode node, StringBuilder xml)
    {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isNull()) {
                    continue;
                }
                xml.append('<').append(field.getKey()).append('>');
                writeChildren(field.getValue(), xml);
                xml.append("</").append(field.getKey()).append('>');
            }
        }
        else if (node.isArray()) {
            for (JsonNode element : node) {
                xml.append("<member>");
                writeChildren(element, xml);
                xml.append("</member>");
            }
        }
        else {
            xml.append(Xml.escape(node.asText()));
        }
    }

    /**
     * Turns flat names into a tree: {@code A.member.2.B} and {@code A.2.B} become element 2 of list
     * A; {@code A.entry.1.key}/{@code .value} become map A.
     */
    static ObjectNode toTree(Map<String, String> parameters)
    {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String[] path = parameter.getKey().split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < path.length - 1; i++) {
                node = childMap(node, path[i]);
            }
            node.put(path[path.length - 1], parameter.getValue());
        }
        return (ObjectNode) toNode(root);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> childMap(Map<String, Object> node, String name)
    {
        Object child = node.get(name);
        if (child instanceof Map) {
            return (Map<String, Object>) child;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        node.put(name, created);
        return created;
    }

    @SuppressWarnings("unchecked")
    private static JsonNode toNode(Object value)
    {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        if (value instanceof String text) {
            return factory.textNode(text);
        }
        Map<String, Object> map = (Map<String, Object>) value;
        if (map.size() == 1 && map.containsKey("member") && map.get("member") instanceof Map) {
            return toNode(map.get("member"));
        }
        if (map.size() == 1 && map.containsKey("entry") && map.get("entry") instanceof Map) {
            ObjectNode entries = factory.objectNode();
            for (Object entry : indexed((Map<String, Object>) map.get("entry"))) {
                if (entry instanceof Map<?, ?> pair && pair.get("key") instanceof String key) {
                    entries.set(key, toNode(pair.get("value") == null ? "" : pair.get("value")));
                }
            }
            return entries;
        }
        if (!map.isEmpty() && map.keySet().stream().allMatch(QueryProtocol::isIndex)) {
            ArrayNode array = factory.arrayNode();
            indexed(map).forEach(element -> array.add(toNode(element)));
            return array;
        }
        ObjectNode object = factory.objectNode();
        map.forEach((name, child) -> object.set(name, toNode(child)));
        return object;
    }

    private static List<Object> indexed(Map<String, Object> map)
    {
        TreeMap<Integer, Object> sorted = new TreeMap<>();
        map.forEach((index, element) -> {
            if (isIndex(index)) {
                sorted.put(Integer.parseInt(index), element);
            }
        });
        return new ArrayList<>(sorted.values());
    }

    private static boolean isIndex(String name)
    {
        return !name.isEmpty() && name.length() < 7 && name.chars().allMatch(Character::isDigit);
    }

    public static AwsException missingAction()
    {
        return CommonErrors.INVALID_ACTION.exception("Could not find operation for the request (no Action parameter).");
    }
}
