package dev.tarn.it.cloudformation;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stack's service role (RoleARN): the caller passes it (iam:PassRole), its trust policy must
 * name CloudFormation, and the stack's resources are then made with the role's permissions,
 * not the caller's, in the operation that passed it and in every later one.
 */
class CloudFormationServiceRoleTest
{
    private static final String TRUST_CLOUDFORMATION = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudformation.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
            """;
    private static final String BUCKET_TEMPLATE = """
            Parameters:
              Name: {Type: String}
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Ref Name
            """;

    private static TestServer server;
    private static IamClient iam;
    private static S3Client s3;
    private static CloudFormationClient deployer;
    private static String account;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        iam = server.iam();
        s3 = server.s3();
        account = server.accountId();
        // the deployer may run stacks and pass the roles named stack-*, but has no S3 permission of its own
        iam.createUser(request -> request.userName("deployer"));
        iam.putUserPolicy(request -> request.userName("deployer").policyName("deploy").policyDocument("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "cloudformation:*", "Resource": "*"},
                  {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::%s:role/stack-*",
                   "Condition": {"StringEquals": {"iam:PassedToService": "cloudformation.amazonaws.com"}}}]}
                """.formatted(account)));
        AccessKey key = iam.createAccessKey(request -> request.userName("deployer")).accessKey();
        deployer = CloudFormationClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(server.credentials(key.accessKeyId(), key.secretAccessKey())).build();
    }

    @AfterAll
    static void stop()
    {
        deployer.close();
        server.close();
    }

    @Test
    void theRolesPermissionsMakeAndRemoveTheResources()
    {
        String role = role("stack-buckets", TRUST_CLOUDFORMATION, "s3:*");
        String stackId = deployer.createStack(request -> request.stackName("with-role").templateBody(BUCKET_TEMPLATE).roleARN(role)
                .parameters(parameter("Name", "role-made-bucket"))).stackId();
        Stack created = Stacks.settled(deployer, stackId);
        assertThat(created.stackStatus()).as(created.stackStatusReason()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(created.roleARN()).isEqualTo(role);
        assertThat(bucketNames()).contains("role-made-bucket");

        // an update without RoleARN goes on with the stack's role
        deployer.updateStack(request -> request.stackName("with-role").templateBody(BUCKET_TEMPLATE).parameters(parameter("Name", "role-made-bucket-2")));
        Stack updated = Stacks.settled(deployer, stackId);
        assertThat(updated.stackStatus()).as(updated.stackStatusReason()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(bucketNames()).contains("role-made-bucket-2").doesNotContain("role-made-bucket");

        deployer.deleteStack(request -> request.stackName("with-role"));
        assertThat(Stacks.settled(deployer, stackId).stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
        assertThat(bucketNames()).doesNotContain("role-made-bucket-2");
    }

    @Test
    void changeSetsCarryTheRoleAsDeployPassesIt()
    {
        String role = role("stack-deploy", TRUST_CLOUDFORMATION, "s3:*");
        // what `aws cloudformation deploy --role-arn` sends: a CREATE change set with the role, then its execution
        deployer.createChangeSet(request -> request.stackName("deployed").changeSetName("first").changeSetType("CREATE").roleARN(role)
                .templateBody(BUCKET_TEMPLATE).parameters(parameter("Name", "deployed-bucket")));
        deployer.executeChangeSet(request -> request.stackName("deployed").changeSetName("first"));
        Stack stack = Stacks.settled(deployer, "deployed");
        assertThat(stack.stackStatus()).as(stack.stackStatusReason()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(stack.roleARN()).isEqualTo(role);
        assertThat(bucketNames()).contains("deployed-bucket");

        // a change set of another role needs the pass too
        String other = role("other-deploy", TRUST_CLOUDFORMATION, "s3:*");
        assertThatThrownBy(() -> deployer.createChangeSet(request -> request.stackName("deployed").changeSetName("second").roleARN(other)
                .usePreviousTemplate(true).parameters(parameter("Name", "deployed-bucket-2"))))
                .isInstanceOfSatisfying(CloudFormationException.class, error -> assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

        deployer.deleteStack(request -> request.stackName("deployed"));
        assertThat(Stacks.settled(deployer, stack.stackId()).stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
        assertThat(bucketNames()).doesNotContain("deployed-bucket");
    }

    @Test
    void aChangeSetWhoseRoleCannotBeAssumedChangesNothing()
    {
        String untrusted = role("stack-lambda", TRUST_CLOUDFORMATION.replace("cloudformation", "lambda"), "s3:*");
        assertThatThrownBy(() -> deployer.createChangeSet(request -> request.stackName("never").changeSetName("first").changeSetType("CREATE")
                .roleARN(untrusted).templateBody(BUCKET_TEMPLATE).parameters(parameter("Name", "never-bucket"))))
                .isInstanceOfSatisfying(CloudFormationException.class, error -> assertThat(error.awsErrorDetails().errorMessage())
                        .isEqualTo("Role " + untrusted + " is invalid or cannot be assumed"));
        assertThatThrownBy(() -> deployer.describeStacks(request -> request.stackName("never"))).isInstanceOf(CloudFormationException.class);

        // the role goes away between the change set and its execution
        String role = role("stack-gone", TRUST_CLOUDFORMATION, "s3:*");
        deployer.createChangeSet(request -> request.stackName("orphan").changeSetName("first").changeSetType("CREATE").roleARN(role)
                .templateBody(BUCKET_TEMPLATE).parameters(parameter("Name", "orphan-bucket")));
        iam.deleteRolePolicy(request -> request.roleName("stack-gone").policyName("s3"));
        iam.deleteRole(request -> request.roleName("stack-gone"));
        assertThatThrownBy(() -> deployer.executeChangeSet(request -> request.stackName("orphan").changeSetName("first")))
                .isInstanceOfSatisfying(CloudFormationException.class, error -> assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThat(deployer.describeChangeSet(request -> request.stackName("orphan").changeSetName("first")).executionStatusAsString()).isEqualTo("AVAILABLE");
        assertThat(deployer.describeStacks(request -> request.stackName("orphan")).stacks().get(0).stackStatus()).isEqualTo(StackStatus.REVIEW_IN_PROGRESS);
        assertThat(bucketNames()).doesNotContain("orphan-bucket");
    }

    @Test
    void aRoleWithoutThePermissionRollsTheStackBack()
    {
        String role = role("stack-readonly", TRUST_CLOUDFORMATION, "s3:ListAllMyBuckets");
        String stackId = deployer.createStack(request -> request.stackName("role-lacks").templateBody(BUCKET_TEMPLATE).roleARN(role)
                .parameters(parameter("Name", "never-made"))).stackId();
        Stack stack = Stacks.settled(deployer, stackId);
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(deployer.describeStackEvents(request -> request.stackName(stackId)).stackEvents()).anySatisfy(event -> {
            assertThat(event.logicalResourceId()).isEqualTo("Bucket");
            assertThat(event.resourceStatusAsString()).isEqualTo("CREATE_FAILED");
            assertThat(event.resourceStatusReason())
                    .contains("AccessDenied")
                    .contains("arn:aws:sts::" + account + ":assumed-role/stack-readonly/AWSCloudFormation")
                    .contains("s3:CreateBucket");
        });
        assertThat(bucketNames()).doesNotContain("never-made");
    }

    @Test
    void aCallerWithoutPassRoleCannotGiveTheRole()
    {
        String role = role("other-role", TRUST_CLOUDFORMATION, "s3:*");
        assertThatThrownBy(() -> deployer.createStack(request -> request.stackName("not-passed").templateBody(BUCKET_TEMPLATE).roleARN(role)
                .parameters(parameter("Name", "not-passed-bucket"))))
                .isInstanceOfSatisfying(CloudFormationException.class, error -> {
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(error.statusCode()).isEqualTo(403);
                    assertThat(error.awsErrorDetails().errorMessage()).contains("iam:PassRole").contains(role);
                });
        assertThatThrownBy(() -> deployer.describeStacks(request -> request.stackName("not-passed"))).isInstanceOf(CloudFormationException.class);
        assertThat(bucketNames()).doesNotContain("not-passed-bucket");

        // nor can it put the role on a stack it runs without one
        deployer.createStack(request -> request.stackName("plain").templateBody("Resources: {H: {Type: AWS::CloudFormation::WaitConditionHandle}}"));
        assertThat(Stacks.settled(deployer, "plain").stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThatThrownBy(() -> deployer.updateStack(request -> request.stackName("plain").usePreviousTemplate(true).roleARN(role)
                .tags(tag -> tag.key("k").value("v"))))
                .isInstanceOfSatisfying(CloudFormationException.class, error -> assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThat(deployer.describeStacks(request -> request.stackName("plain")).stacks().get(0).roleARN()).isNull();
    }

    @Test
    void aRoleThatDoesNotTrustCloudFormationIsRefused()
    {
        String role = role("stack-for-ec2", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
                """, "s3:*");
        assertThatThrownBy(() -> deployer.createStack(request -> request.stackName("untrusted").templateBody(BUCKET_TEMPLATE).roleARN(role)
                .parameters(parameter("Name", "untrusted-bucket"))))
                .isInstanceOfSatisfying(CloudFormationException.class, error -> {
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Role " + role + " is invalid or cannot be assumed");
                });
        assertThatThrownBy(() -> deployer.describeStacks(request -> request.stackName("untrusted"))).isInstanceOf(CloudFormationException.class);
        assertThat(bucketNames()).doesNotContain("untrusted-bucket");
    }

    private static String role(String name, String trustPolicy, String s3Action)
    {
        String arn = iam.createRole(request -> request.roleName(name).assumeRolePolicyDocument(trustPolicy)).role().arn();
        iam.putRolePolicy(request -> request.roleName(name).policyName("s3").policyDocument("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "%s", "Resource": "*"}]}
                """.formatted(s3Action)));
        return arn;
    }

    private static software.amazon.awssdk.services.cloudformation.model.Parameter parameter(String key, String value)
    {
        return software.amazon.awssdk.services.cloudformation.model.Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static java.util.List<String> bucketNames()
    {
        return s3.listBuckets().buckets().stream().map(Bucket::name).toList();
    }
}
