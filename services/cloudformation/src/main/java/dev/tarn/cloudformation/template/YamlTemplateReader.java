package dev.tarn.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarn.cloudformation.CloudFormationErrors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a YAML template into the JSON form of the template, turning the short-form tags into
 * the long form ({@code !Ref X} into {@code {"Ref": "X"}}, {@code !Sub s} into
 * {@code {"Fn::Sub": s}}). SnakeYAML's composed node graph is used rather than Jackson's YAML
 * parser because every node of it, scalar, sequence or mapping, carries its tag and position,
 * which is exactly what the short forms and good error messages need.
 */
final class YamlTemplateReader
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // Fn:: functions with a short form; !Ref, !GetAtt and !Condition are handled on their own
    private static final Set<String> FUNCTIONS = Set.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub",
            "If", "Equals", "And", "Or", "Not", "Transform", "Length", "ToJsonString");

    private YamlTemplateReader() {}

    static JsonNode read(String text)
    {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(64);
        options.setCodePointLimit(4 * 1024 * 1024);
        options.setAllowDuplicateKeys(false);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        }
        catch (MarkedYAMLException e) {
            throw CloudFormationErrors.templateFormat("YAML not well-formed. " + position(e.getProblemMark()) + e.getProblem());
        }
        catch (YAMLException e) {
            throw CloudFormationErrors.templateFormat("YAML not well-formed. " + e.getMessage());
        }
        if (root == null) {
            throw CloudFormationErrors.templateFormat("the template is empty.");
        }
        return toJson(root);
    }

    private static JsonNode toJson(Node node)
    {
        Tag tag = node.getTag();
        if (tag.getValue().startsWith("!")) {
            return shortForm(tag.getValue().substring(1), node);
        }
        return plain(node);
    }

    private static JsonNode plain(Node node)
    {
        if (node instanceof MappingNode mapping) {
            ObjectNode object = NODES.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    throw CloudFormationErrors.templateFormat("YAML not well-formed. " + position(tuple.getKeyNode().getStartMark())
                            + "mapping keys must be scalars");
                }
                if (object.has(key.getValue())) {
                    throw CloudFormationErrors.templateFormat("YAML not well-formed. " + position(key.getStartMark()) + "duplicate key " + key.getValue());
                }
                object.set(key.getValue(), toJson(tuple.getValueNode()));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            sequence.getValue().forEach(element -> array.add(toJson(element)));
            return array;
        }
        return scalar((ScalarNode) node);
    }

    private static JsonNode scalar(ScalarNode scalar)
    {
        Tag tag = scalar.getTag();
        String value = scalar.getValue();
        try {
            if (tag.equals(Tag.INT)) {
                return NODES.numberNode(new BigDecimal(value.replace("_", "")).toBigIntegerExact());
            }
            if (tag.equals(Tag.FLOAT)) {
                return NODES.numberNode(new BigDecimal(value.replace("_", "")));
            }
        }
        catch (NumberFormatException | ArithmeticException e) {
            // octal, hexadecimal, sexagesimal, .inf: keep the text as written
            return NODES.textNode(value);
        }
        if (tag.equals(Tag.BOOL)) {
            // YAML 1.1 also reads yes/no/on/off as booleans; a template means those as the words they are
            String lower = value.toLowerCase(Locale.ROOT);
            return lower.equals("true") || lower.equals("false") ? NODES.booleanNode(lower.equals("true")) : NODES.textNode(value);
        }
        if (tag.equals(Tag.NULL)) {
            return NODES.nullNode();
        }
        return NODES.textNode(value);
    }

    private static JsonNode shortForm(String name, Node node)
    {
        String where = position(node.getStartMark());
        switch (name) {
            case "Ref":
                return NODES.objectNode().set("Ref", scalarArgument(name, node, where));
            case "Condition":
                return NODES.objectNode().set("Condition", scalarArgument(name, node, where));
            case "GetAtt": {
                if (node instanceof ScalarNode scalar) {
                    String text = scalar.getValue();
                    int dot = text.indexOf('.');
                    if (dot <= 0 || dot == text.length() - 1) {
                        throw CloudFormationErrors.templateFormat(where + "!GetAtt needs LogicalName.AttributeName, got '" + text + "'");
                    }
                    return NODES.objectNode().set("Fn::GetAtt", NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1)));
                }
                return NODES.objectNode().set("Fn::GetAtt", plain(node));
            }
            default:
                if (!FUNCTIONS.contains(name)) {
                    throw CloudFormationErrors.templateFormat("YAML not well-formed. " + where + "unknown tag !" + name);
                }
                return NODES.objectNode().set("Fn::" + name, plain(node));
        }
    }

    private static JsonNode scalarArgument(String name, Node node, String where)
    {
        if (!(node instanceof ScalarNode scalar)) {
            throw CloudFormationErrors.templateFormat(where + "!" + name + " takes a name");
        }
        return NODES.textNode(scalar.getValue());
    }

    private static String position(Mark mark)
    {
        return mark == null ? "" : "(line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ") ";
    }
}
