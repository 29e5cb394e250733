package dev.tarn.cloudformation.template;

import dev.tarn.cloudformation.provider.ResourceProviders;
import dev.tarn.cloudformation.provider.StandardProviders;
import dev.tarn.spi.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateValidationTest
{
    private final TemplateValidator validator = new TemplateValidator(new ResourceProviders(StandardProviders.all()));

    private void valid(String template)
    {
        validator.validate(TemplateParser.parse(template));
    }

    private void invalid(String template, String... messageParts)
    {
        assertThatThrownBy(() -> valid(template))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("ValidationError");
                    for (String part : messageParts) {
                        assertThat(e.getMessage()).contains(part);
                    }
                });
    }

    @Test
    void aValidTemplate()
    {
        valid("""
                Parameters:
                  Name: {Type: String}
                Conditions:
                  Named: !Not [!Equals [!Ref Name, '']]
                Resources:
                  Key:
                    Type: AWS::KMS::Key
                  Bucket:
                    Type: AWS::S3::Bucket
                    Condition: Named
                    DeletionPolicy: Retain
                    Properties:
                      BucketName: !If [Named, !Ref Name, !Ref AWS::NoValue]
                      BucketEncryption:
                        ServerSideEncryptionConfiguration:
                          - ServerSideEncryptionByDefault: {SSEAlgorithm: 'aws:kms', KMSMasterKeyID: !GetAtt Key.Arn}
                Outputs:
                  Arn:
                    Value: !Sub '${Bucket.Arn}'
                    Export: {Name: !Sub '${AWS::StackName}-arn'}
                """);
    }

    @Test
    void everyMistakeIsAValidationErrorSayingWhere()
    {
        invalid("Resources:\n  A:\n    Type: AWS::Nope::Thing\n", "Unrecognized resource types: [AWS::Nope::Thing]");
        invalid("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Colour: red\n", "Unsupported property Colour", "Resources/A/Properties/Colour");
        invalid("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Missing\n", "[Missing]", "Resources/A/Properties/BucketName");
        invalid("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !GetAtt B.Arn\n", "undefined resource B");
        invalid("Resources:\n  A:\n    Type: AWS::KMS::Key\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !GetAtt A.Colour\n",
                "no attribute Colour");
        invalid("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: {'Fn::Nope': x}\n", "Fn::Nope");
        invalid("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Join [x]\n", "Fn::Join", "Resources/A/Properties/BucketName");
        invalid("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    DependsOn: Z\n", "[Z]");
        invalid("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Condition: Nope\n", "Nope");
        invalid("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Nope x\n", "unknown tag !Nope", "line 5");
        invalid("Resources: {}\n", "At least one Resources member");
        invalid("Resources:\n  A:\n    Type: AWS::S3::Bucket\n  A:\n    Type: AWS::S3::Bucket\n", "duplicate key A");
        invalid("Resources:\n  A: [x\n", "YAML not well-formed");
        invalid("{\"Resources\": {\"A\": }", "JSON not well-formed");
        invalid("Parameters:\n  P: {Type: AWS::SSM::Parameter::Value<String>}\nResources:\n  A:\n    Type: AWS::S3::Bucket\n", "Unrecognized parameter type");
        invalid("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref B\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                + "      BucketName: !Ref A\n", "Circular dependency between resources: [A, B]");
    }

    @Test
    void parameterValuesAreChecked()
    {
        Template template = TemplateParser.parse("""
                Parameters:
                  Env: {Type: String, AllowedValues: [dev, prod]}
                  Name: {Type: String, AllowedPattern: '[a-z]+', MinLength: 2, MaxLength: 5, ConstraintDescription: 'lower case, 2 to 5'}
                  Count: {Type: Number, MinValue: 1, MaxValue: 3, Default: 2}
                  Ports: {Type: 'List<Number>', Default: '80, 443'}
                  Secret: {Type: String, NoEcho: true, Default: s}
                Resources:
                  A: {Type: AWS::S3::Bucket}
                """);
        assertThat(ParameterValues.resolve(template, Map.of("Env", "dev", "Name", "abc")).get("Ports").toString()).isEqualTo("[\"80\",\"443\"]");
        assertThatThrownBy(() -> ParameterValues.resolve(template, Map.of("Name", "abc"))).hasMessageContaining("Parameters: [Env] must have values");
        assertThatThrownBy(() -> ParameterValues.resolve(template, Map.of("Env", "test", "Name", "abc"))).hasMessageContaining("AllowedValues");
        assertThatThrownBy(() -> ParameterValues.resolve(template, Map.of("Env", "dev", "Name", "ABC"))).hasMessageContaining("lower case, 2 to 5");
        assertThatThrownBy(() -> ParameterValues.resolve(template, Map.of("Env", "dev", "Name", "abcdefg"))).hasMessageContaining("lower case");
        assertThatThrownBy(() -> ParameterValues.resolve(template, Map.of("Env", "dev", "Name", "ab", "Count", "x"))).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> ParameterValues.resolve(template, Map.of("Env", "dev", "Name", "ab", "Count", "9"))).hasMessageContaining("not greater than 3");
        assertThatThrownBy(() -> ParameterValues.resolve(template, Map.of("Env", "dev", "Name", "ab", "Other", "9"))).hasMessageContaining("[Other] do not exist");
    }

    @Test
    void dependenciesComeFromRefGetAttSubAndDependsOn()
    {
        Template template = TemplateParser.parse("""
                Resources:
                  D:
                    Type: AWS::S3::Bucket
                    DependsOn: [C]
                  C:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Sub '${B}-${A.Arn}'
                  B:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !GetAtt A.Arn
                  A:
                    Type: AWS::KMS::Key
                """);
        DependencyGraph graph = DependencyGraph.of(template.resources());
        assertThat(graph.creationOrder()).containsExactly("A", "B", "C", "D");
        assertThat(graph.deletionOrder()).containsExactly("D", "C", "B", "A");
    }
}
