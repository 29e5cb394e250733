package dev.tarn.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntrinsicsTest
{
    private static final String STACK_ID = "arn:aws:cloudformation:eu-west-1:123456789012:stack/lab/1a2b3c4d-5e6f-7a8b-9c0d-112233445566";

    private static final String TEMPLATE = """
            Parameters:
              Env:
                Type: String
                Default: prod
              Subnets:
                Type: CommaDelimitedList
                Default: "a,b,c"
            Mappings:
              Sizes:
                prod: {Count: "3"}
                dev: {Count: "1"}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsDev: !Not [!Condition IsProd]
              Both: !And [!Condition IsProd, !Equals [x, x]]
              Either: !Or [!Condition IsDev, !Equals [x, y]]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """;

    private final Template template = TemplateParser.parse(TEMPLATE);
    private final Intrinsics intrinsics = intrinsics(template);

    private static Intrinsics intrinsics(Template template)
    {
        Map<String, JsonNode> values = new HashMap<>(ParameterValues.resolve(template, Map.of()));
        values.putAll(PseudoParameters.of(STACK_ID, "lab", "eu-west-1", "123456789012"));
        Map<String, Boolean> conditions = ConditionValues.evaluate(template, values, "eu-west-1");
        ResourceReferences resources = new ResourceReferences()
        {
            @Override
            public Optional<JsonNode> ref(String logicalId)
            {
                return logicalId.equals("Bucket") ? Optional.of(TextNode.valueOf("lab-bucket-xyz")) : Optional.empty();
            }

            @Override
            public Optional<JsonNode> attribute(String logicalId, String attribute)
            {
                return logicalId.equals("Bucket") ? Optional.of(TextNode.valueOf("arn:aws:s3:::lab-bucket-xyz")) : Optional.empty();
            }

            @Override
            public Optional<String> exportValue(String exportName)
            {
                return exportName.equals("shared-vpc") ? Optional.of("vpc-123") : Optional.empty();
            }
        };
        return new Intrinsics(values, template.mappings(), conditions::get, resources, "eu-west-1");
    }

    private String eval(String yamlValue)
    {
        JsonNode fragment = TemplateParser.parse("Resources:\n  X:\n    Type: T\n    Properties:\n      V: " + yamlValue + "\n").resources().get("X").properties();
        JsonNode value = intrinsics.evaluate(fragment, "Resources/X/Properties").get("V");
        return value == null ? "<none>" : value.isValueNode() ? value.asText() : value.toString();
    }

    @Test
    void labBucketNameFromTheStackId()
    {
        assertThat(eval("!Join ['-', ['ade-my-bucket', !Select [0, !Split ['-', !Select [2, !Split ['/', !Ref 'AWS::StackId']]]]]]"))
                .isEqualTo("ade-my-bucket-1a2b3c4d");
    }

    @Test
    void refOfParametersPseudoParametersAndResources()
    {
        assertThat(eval("!Ref Env")).isEqualTo("prod");
        assertThat(eval("!Ref Subnets")).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(eval("!Ref AWS::Region")).isEqualTo("eu-west-1");
        assertThat(eval("!Ref AWS::AccountId")).isEqualTo("123456789012");
        assertThat(eval("!Ref AWS::StackName")).isEqualTo("lab");
        assertThat(eval("!Ref AWS::Partition")).isEqualTo("aws");
        assertThat(eval("!Ref AWS::URLSuffix")).isEqualTo("amazonaws.com");
        assertThat(eval("!Ref Bucket")).isEqualTo("lab-bucket-xyz");
        assertThat(eval("!Ref AWS::NoValue")).isEqualTo("<none>");
        assertThat(eval("[a, !Ref AWS::NoValue, b]")).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void getAttInBothForms()
    {
        assertThat(eval("!GetAtt Bucket.Arn")).isEqualTo("arn:aws:s3:::lab-bucket-xyz");
        assertThat(eval("{'Fn::GetAtt': [Bucket, Arn]}")).isEqualTo("arn:aws:s3:::lab-bucket-xyz");
    }

    @Test
    void subWithImplicitAndExplicitVariables()
    {
        assertThat(eval("!Sub '${AWS::StackName}-${Env}-${Bucket}-${Bucket.Arn}-${!Literal}'"))
                .isEqualTo("lab-prod-lab-bucket-xyz-arn:aws:s3:::lab-bucket-xyz-${Literal}");
        assertThat(eval("!Sub ['${A}/${Env}', {A: !Ref AWS::Region}]")).isEqualTo("eu-west-1/prod");
    }

    @Test
    void conditionsAndIf()
    {
        assertThat(eval("!If [IsProd, big, small]")).isEqualTo("big");
        assertThat(eval("!If [IsDev, big, !Ref AWS::NoValue]")).isEqualTo("<none>");
        assertThat(eval("!If [Both, yes, no]")).isEqualTo("yes");
        assertThat(eval("!If [Either, yes, no]")).isEqualTo("no");
        assertThat(eval("!Equals [a, a]")).isEqualTo("true");
        assertThat(eval("!Not [!Equals [a, a]]")).isEqualTo("false");
    }

    @Test
    void findInMapBase64GetAZsImportValueAndCidr()
    {
        assertThat(eval("!FindInMap [Sizes, !Ref Env, Count]")).isEqualTo("3");
        assertThat(eval("!FindInMap [Sizes, test, Count, {DefaultValue: '0'}]")).isEqualTo("0");
        assertThat(eval("!Base64 hello")).isEqualTo("aGVsbG8=");
        assertThat(eval("!GetAZs ''")).isEqualTo("[\"eu-west-1a\",\"eu-west-1b\",\"eu-west-1c\"]");
        assertThat(eval("!Select [1, !GetAZs '']")).isEqualTo("eu-west-1b");
        assertThat(eval("!ImportValue shared-vpc")).isEqualTo("vpc-123");
        assertThat(eval("!Cidr ['10.0.0.0/16', 3, 8]")).isEqualTo("[\"10.0.0.0/24\",\"10.0.1.0/24\",\"10.0.2.0/24\"]");
    }

    @Test
    void longFormsInJson()
    {
        Template json = TemplateParser.parse("""
                {"Resources": {"X": {"Type": "T", "Properties": {"V": {"Fn::Join": ["", [{"Ref": "AWS::Region"}, {"Fn::Base64": "x"}]]}}}}}
                """);
        assertThat(intrinsics.evaluate(json.resources().get("X").properties(), "p").get("V").asText()).isEqualTo("eu-west-1eA==");
    }

    @Test
    void mistakesNameWhereTheyAre()
    {
        assertThatThrownBy(() -> eval("!Select [5, [a, b]]")).isInstanceOf(AwsException.class)
                .hasMessageContaining("index 5").hasMessageContaining("Resources/X/Properties/V");
        assertThatThrownBy(() -> eval("!Join [a]")).isInstanceOf(AwsException.class).hasMessageContaining("Fn::Join");
        assertThatThrownBy(() -> eval("!Ref Nope")).isInstanceOf(AwsException.class).hasMessageContaining("[Nope]");
        assertThatThrownBy(() -> eval("!FindInMap [Nope, a, b]")).isInstanceOf(AwsException.class).hasMessageContaining("Nope");
        assertThatThrownBy(() -> eval("!ImportValue missing")).isInstanceOf(AwsException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> eval("!Cidr ['10.0.0.0/24', 3, 8]")).isInstanceOf(AwsException.class).hasMessageContaining("Fn::Cidr");
    }
}
