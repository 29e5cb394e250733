package dev.tarn.it.cloudformation;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The IAM resource types, through the data science team sample (skipped while the server has no IAM). */
class CloudFormationIamTest
{
    private static TestServer server;
    private static CloudFormationClient cloudFormation;
    private static IamClient iam;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        cloudFormation = server.cloudFormation();
        iam = server.iam();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void theTeamStackCreatesAndRemovesEveryIamResource()
    {
        assertThatThrownBy(() -> cloudFormation.createStack(request -> request.stackName("team").templateBody(Stacks.sample("data_science_team.yml"))))
                .isInstanceOf(InsufficientCapabilitiesException.class);
        assumeTrue(iamAvailable(), "IAM is not in this build yet");

        cloudFormation.createStack(request -> request.stackName("team").templateBody(Stacks.sample("data_science_team.yml"))
                .capabilities(Capability.CAPABILITY_IAM));
        Stack stack = Stacks.settled(cloudFormation, "team");
        assertThat(stack.stackStatus()).as(stack.stackStatusReason()).isEqualTo(StackStatus.CREATE_COMPLETE);
        Map<String, String> outputs = stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
        Map<String, String> physical = cloudFormation.listStackResources(request -> request.stackName("team")).stackResourceSummaries().stream()
                .collect(Collectors.toMap(resource -> resource.logicalResourceId(), resource -> resource.physicalResourceId()));

        String user = physical.get("Paulo");
        String group = physical.get("DataScience");
        assertThat(iam.getGroup(request -> request.groupName(group)).users()).singleElement().satisfies(member -> assertThat(member.userName()).isEqualTo(user));
        assertThat(iam.listAttachedGroupPolicies(request -> request.groupName(group)).attachedPolicies()).singleElement()
                .satisfies(policy -> assertThat(policy.policyArn()).isEqualTo(physical.get("ReadLake")));
        assertThat(iam.listUserPolicies(request -> request.userName(user)).policyNames()).containsExactly("select-only");
        assertThat(iam.listAccessKeys(request -> request.userName(user)).accessKeyMetadata()).singleElement()
                .satisfies(key -> assertThat(key.accessKeyId()).isEqualTo(outputs.get("AccessKeyId")));
        String role = physical.get("JobRole");
        assertThat(iam.getRole(request -> request.roleName(role)).role().arn()).isEqualTo(outputs.get("RoleArn"));
        assertThat(iam.getInstanceProfile(request -> request.instanceProfileName(physical.get("JobProfile"))).instanceProfile().roles())
                .singleElement().satisfies(member -> assertThat(member.roleName()).isEqualTo(role));

        cloudFormation.deleteStack(request -> request.stackName("team"));
        assertThat(Stacks.settled(cloudFormation, stack.stackId()).stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
        assertThatThrownBy(() -> iam.getUser(request -> request.userName(user))).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> iam.getRole(request -> request.roleName(role))).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> iam.getPolicy(request -> request.policyArn(physical.get("ReadLake")))).isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void resourcesAreCreatedWithTheCallersOwnPermissions()
    {
        assumeTrue(iamAvailable(), "IAM is not in this build yet");
        iam.createUser(request -> request.userName("stacker"));
        iam.putUserPolicy(request -> request.userName("stacker").policyName("stacks-only").policyDocument("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cloudformation:*", "Resource": "*"}]}
                """));
        var key = iam.createAccessKey(request -> request.userName("stacker")).accessKey();
        try (CloudFormationClient asStacker = CloudFormationClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(server.credentials(key.accessKeyId(), key.secretAccessKey())).build()) {
            String stackId = asStacker.createStack(request -> request.stackName("not-allowed").templateBody("Resources: {B: {Type: AWS::S3::Bucket}}"))
                    .stackId();
            Stack stack = Stacks.settled(asStacker, stackId);
            assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
            assertThat(asStacker.describeStackEvents(request -> request.stackName(stackId)).stackEvents()).anySatisfy(event -> {
                assertThat(event.logicalResourceId()).isEqualTo("B");
                assertThat(event.resourceStatusReason()).contains("AccessDenied");
            });
        }
    }

    private static boolean iamAvailable()
    {
        try {
            iam.listUsers();
            return true;
        }
        catch (SdkException e) {
            return false;
        }
    }
}
