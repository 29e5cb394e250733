package dev.tarn.it.iam;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static dev.tarn.it.iam.StsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The IAM API through the SDK: every area, its shapes and its errors. */
class IamEntitiesTest
{
    static final String DOC = DataScienceGroupTest.READ_DATASETS;
    static final String DOC2 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}";

    static TestServer server;
    static IamClient iam;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        iam = server.iam();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void users()
    {
        User created = iam.createUser(request -> request.userName("u-ana").path("/staff/").tags(Tag.builder().key("team").value("lab").build())).user();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + server.accountId() + ":user/staff/u-ana");
        assertThat(created.userId()).startsWith("AIDA").hasSize(21);
        assertThat(created.path()).isEqualTo("/staff/");
        assertThat(created.createDate()).isBefore(Instant.now().plusSeconds(1));
        assertError(() -> iam.createUser(request -> request.userName("U-ANA")), 409, "EntityAlreadyExists", "U-ANA");
        assertError(() -> iam.createUser(request -> request.userName("bad/name")), 400, "ValidationError", "");
        assertError(() -> iam.getUser(request -> request.userName("nobody")), 404, "NoSuchEntity", "The user with name nobody cannot be found.");

        assertThat(iam.getUser(request -> request.userName("u-ana")).user().tags()).extracting(Tag::value).containsExactly("lab");
        iam.createUser(request -> request.userName("u-bea"));
        ListUsersResponse staff = iam.listUsers(request -> request.pathPrefix("/staff/"));
        assertThat(staff.users()).extracting(User::userName).containsExactly("u-ana");
        ListUsersResponse page = iam.listUsers(request -> request.maxItems(1));
        assertThat(page.isTruncated()).isTrue();
        assertThat(iam.listUsers(request -> request.marker(page.marker()).maxItems(100)).users()).isNotEmpty();

        iam.tagUser(request -> request.userName("u-ana").tags(Tag.builder().key("cost").value("42").build()));
        assertThat(iam.listUserTags(request -> request.userName("u-ana")).tags()).extracting(Tag::key).containsExactlyInAnyOrder("team", "cost");
        iam.untagUser(request -> request.userName("u-ana").tagKeys("TEAM"));
        assertThat(iam.listUserTags(request -> request.userName("u-ana")).tags()).extracting(Tag::key).containsExactly("cost");

        iam.updateUser(request -> request.userName("u-bea").newUserName("u-beatriz"));
        assertError(() -> iam.getUser(request -> request.userName("u-bea")), 404, "NoSuchEntity", "");
        assertThat(iam.getUser(request -> request.userName("u-beatriz")).user().userName()).isEqualTo("u-beatriz");

        iam.createLoginProfile(request -> request.userName("u-beatriz").password("correct horse battery"));
        assertError(() -> iam.createLoginProfile(request -> request.userName("u-beatriz").password("correct horse battery")), 409, "EntityAlreadyExists", "");
        assertError(() -> iam.createLoginProfile(request -> request.userName("u-ana").password("short")), 400, "PasswordPolicyViolation", "");
        assertThat(iam.getLoginProfile(request -> request.userName("u-beatriz")).loginProfile().passwordResetRequired()).isFalse();
        iam.updateLoginProfile(request -> request.userName("u-beatriz").passwordResetRequired(true));
        assertThat(iam.getLoginProfile(request -> request.userName("u-beatriz")).loginProfile().passwordResetRequired()).isTrue();
        assertError(() -> iam.deleteUser(request -> request.userName("u-beatriz")), 409, "DeleteConflict", "login profile");
        iam.deleteLoginProfile(request -> request.userName("u-beatriz"));
        assertError(() -> iam.getLoginProfile(request -> request.userName("u-beatriz")), 404, "NoSuchEntity", "");
        iam.deleteUser(request -> request.userName("u-beatriz"));
        assertError(() -> iam.deleteUser(request -> request.userName("u-beatriz")), 404, "NoSuchEntity", "");
    }

    @Test
    void groups()
    {
        Group group = iam.createGroup(request -> request.groupName("g-lab")).group();
        assertThat(group.groupId()).startsWith("AGPA");
        assertThat(group.arn()).isEqualTo("arn:aws:iam::" + server.accountId() + ":group/g-lab");
        assertError(() -> iam.createGroup(request -> request.groupName("g-lab")), 409, "EntityAlreadyExists", "");
        iam.createUser(request -> request.userName("g-member"));
        iam.addUserToGroup(request -> request.groupName("g-lab").userName("g-member"));
        assertThat(iam.getGroup(request -> request.groupName("g-lab")).users()).extracting(User::userName).containsExactly("g-member");
        assertThat(iam.listGroupsForUser(request -> request.userName("g-member")).groups()).extracting(Group::groupName).containsExactly("g-lab");
        assertThat(iam.listGroups().groups()).extracting(Group::groupName).contains("g-lab");
        assertError(() -> iam.deleteGroup(request -> request.groupName("g-lab")), 409, "DeleteConflict", "");
        assertError(() -> iam.deleteUser(request -> request.userName("g-member")), 409, "DeleteConflict", "");
        assertError(() -> iam.addUserToGroup(request -> request.groupName("g-none").userName("g-member")), 404, "NoSuchEntity", "");

        iam.updateGroup(request -> request.groupName("g-lab").newGroupName("g-lab2"));
        assertThat(iam.listGroupsForUser(request -> request.userName("g-member")).groups()).extracting(Group::groupName).containsExactly("g-lab2");
        iam.removeUserFromGroup(request -> request.groupName("g-lab2").userName("g-member"));
        assertError(() -> iam.removeUserFromGroup(request -> request.groupName("g-lab2").userName("g-member")), 404, "NoSuchEntity", "");
        iam.deleteGroup(request -> request.groupName("g-lab2"));
        iam.deleteUser(request -> request.userName("g-member"));
    }

    @Test
    void managedPoliciesAndVersions()
    {
        Policy policy = iam.createPolicy(request -> request.policyName("p-read").path("/lab/").policyDocument(DOC).description("read")).policy();
        String arn = policy.arn();
        assertThat(arn).isEqualTo("arn:aws:iam::" + server.accountId() + ":policy/lab/p-read");
        assertThat(policy.policyId()).startsWith("ANPA");
        assertThat(policy.defaultVersionId()).isEqualTo("v1");
        assertThat(policy.isAttachable()).isTrue();
        assertError(() -> iam.createPolicy(request -> request.policyName("p-bad").policyDocument("{\"Version\":\"2012-10-17\"}")), 400, "MalformedPolicyDocument", "");
        assertError(() -> iam.createPolicy(request -> request.policyName("p-big").policyDocument(bigPolicy(7000))), 409, "LimitExceeded", "PolicySize");
        assertError(() -> iam.createPolicy(request -> request.policyName("p-read").policyDocument(DOC)), 409, "EntityAlreadyExists", "");

        PolicyVersion v1 = iam.getPolicyVersion(request -> request.policyArn(arn).versionId("v1")).policyVersion();
        assertThat(URLDecoder.decode(v1.document(), StandardCharsets.UTF_8)).isEqualTo(DOC);
        assertThat(v1.isDefaultVersion()).isTrue();

        for (int i = 2; i <= 5; i++) {
            iam.createPolicyVersion(request -> request.policyArn(arn).policyDocument(DOC2));
        }
        assertError(() -> iam.createPolicyVersion(request -> request.policyArn(arn).policyDocument(DOC2)), 409, "LimitExceeded", "");
        assertThat(iam.listPolicyVersions(request -> request.policyArn(arn)).versions()).extracting(PolicyVersion::versionId)
                .containsExactly("v5", "v4", "v3", "v2", "v1");
        iam.setDefaultPolicyVersion(request -> request.policyArn(arn).versionId("v3"));
        assertThat(iam.getPolicy(request -> request.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v3");
        assertError(() -> iam.deletePolicyVersion(request -> request.policyArn(arn).versionId("v3")), 409, "DeleteConflict", "default version");
        assertError(() -> iam.deletePolicy(request -> request.policyArn(arn)), 409, "DeleteConflict", "versions");
        iam.deletePolicyVersion(request -> request.policyArn(arn).versionId("v2"));
        PolicyVersion v6 = iam.createPolicyVersion(request -> request.policyArn(arn).policyDocument(DOC).setAsDefault(true)).policyVersion();
        assertThat(v6.versionId()).isEqualTo("v6");
        assertThat(v6.isDefaultVersion()).isTrue();
        assertThat(iam.getPolicy(request -> request.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v6");
        for (String version : new String[] {"v1", "v3", "v4", "v5"}) {
            iam.deletePolicyVersion(request -> request.policyArn(arn).versionId(version));
        }
        iam.deletePolicy(request -> request.policyArn(arn));
        assertError(() -> iam.getPolicyVersion(request -> request.policyArn(arn).versionId("v6")), 404, "NoSuchEntity", "");
    }

    @Test
    void attachmentsAndInlinePolicies()
    {
        String arn = iam.createPolicy(request -> request.policyName("a-read").policyDocument(DOC)).policy().arn();
        iam.createUser(request -> request.userName("a-user"));
        iam.createGroup(request -> request.groupName("a-group"));
        iam.createRole(request -> request.roleName("a-role").assumeRolePolicyDocument(trustAccount()));
        iam.attachUserPolicy(request -> request.userName("a-user").policyArn(arn));
        iam.attachGroupPolicy(request -> request.groupName("a-group").policyArn(arn));
        iam.attachRolePolicy(request -> request.roleName("a-role").policyArn(arn));
        assertThat(iam.listAttachedUserPolicies(request -> request.userName("a-user")).attachedPolicies())
                .extracting(AttachedPolicy::policyName, AttachedPolicy::policyArn).containsExactly(org.assertj.core.groups.Tuple.tuple("a-read", arn));
        assertThat(iam.listAttachedGroupPolicies(request -> request.groupName("a-group")).attachedPolicies()).hasSize(1);
        assertThat(iam.listAttachedRolePolicies(request -> request.roleName("a-role")).attachedPolicies()).hasSize(1);
        assertThat(iam.getPolicy(request -> request.policyArn(arn)).policy().attachmentCount()).isEqualTo(3);
        ListEntitiesForPolicyResponse entities = iam.listEntitiesForPolicy(request -> request.policyArn(arn));
        assertThat(entities.policyUsers()).extracting(user -> user.userName()).containsExactly("a-user");
        assertThat(entities.policyGroups()).extracting(group -> group.groupName()).containsExactly("a-group");
        assertThat(entities.policyRoles()).extracting(role -> role.roleName()).containsExactly("a-role");
        assertThat(iam.listEntitiesForPolicy(request -> request.policyArn(arn).entityFilter(EntityType.ROLE)).policyUsers()).isEmpty();
        assertThat(iam.listPolicies(request -> request.scope(PolicyScopeType.LOCAL).onlyAttached(true)).policies()).extracting(Policy::arn).contains(arn);
        assertThat(iam.listPolicies(request -> request.scope(PolicyScopeType.AWS)).policies()).isEmpty();
        assertError(() -> iam.deletePolicy(request -> request.policyArn(arn)), 409, "DeleteConflict", "attached");
        assertError(() -> iam.attachUserPolicy(request -> request.userName("a-user").policyArn("arn:aws:iam::" + server.accountId() + ":policy/none")),
                404, "NoSuchEntity", "");

        iam.putUserPolicy(request -> request.userName("a-user").policyName("inline").policyDocument(DOC2));
        assertThat(URLDecoder.decode(iam.getUserPolicy(request -> request.userName("a-user").policyName("inline")).policyDocument(), StandardCharsets.UTF_8))
                .isEqualTo(DOC2);
        assertThat(iam.listUserPolicies(request -> request.userName("a-user")).policyNames()).containsExactly("inline");
        iam.putGroupPolicy(request -> request.groupName("a-group").policyName("inline").policyDocument(DOC2));
        assertThat(iam.getGroupPolicy(request -> request.groupName("a-group").policyName("inline")).groupName()).isEqualTo("a-group");
        iam.putRolePolicy(request -> request.roleName("a-role").policyName("inline").policyDocument(DOC2));
        assertThat(iam.listRolePolicies(request -> request.roleName("a-role")).policyNames()).containsExactly("inline");
        assertError(() -> iam.putUserPolicy(request -> request.userName("a-user").policyName("x").policyDocument("{\"Statement\":{}}")), 400, "MalformedPolicyDocument", "");
        assertError(() -> iam.putUserPolicy(request -> request.userName("a-user").policyName("x").policyDocument(bigPolicy(2100))), 409, "LimitExceeded", "");
        assertError(() -> iam.getUserPolicy(request -> request.userName("a-user").policyName("none")), 404, "NoSuchEntity", "");

        GetAccountAuthorizationDetailsResponse details = iam.getAccountAuthorizationDetails();
        assertThat(details.userDetailList()).anySatisfy(user -> {
            assertThat(user.userName()).isEqualTo("a-user");
            assertThat(user.attachedManagedPolicies()).extracting(AttachedPolicy::policyArn).containsExactly(arn);
            assertThat(user.userPolicyList()).extracting(policy -> policy.policyName()).containsExactly("inline");
        });
        assertThat(details.roleDetailList()).anySatisfy(role -> assertThat(role.roleName()).isEqualTo("a-role"));
        assertThat(details.policies()).anySatisfy(policy -> assertThat(policy.arn()).isEqualTo(arn));

        assertError(() -> iam.deleteRole(request -> request.roleName("a-role")), 409, "DeleteConflict", "");
        iam.deleteUserPolicy(request -> request.userName("a-user").policyName("inline"));
        iam.detachUserPolicy(request -> request.userName("a-user").policyArn(arn));
        iam.detachGroupPolicy(request -> request.groupName("a-group").policyArn(arn));
        iam.detachRolePolicy(request -> request.roleName("a-role").policyArn(arn));
        assertError(() -> iam.detachRolePolicy(request -> request.roleName("a-role").policyArn(arn)), 404, "NoSuchEntity", "");
        iam.deletePolicy(request -> request.policyArn(arn));
        assertError(() -> iam.getPolicy(request -> request.policyArn(arn)), 404, "NoSuchEntity", "");
        iam.deleteUser(request -> request.userName("a-user"));
    }

    @Test
    void rolesAndInstanceProfiles()
    {
        Role role = iam.createRole(request -> request.roleName("r-etl").path("/svc/").assumeRolePolicyDocument(trustAccount())
                .description("etl").tags(Tag.builder().key("k").value("v").build())).role();
        assertThat(role.roleId()).startsWith("AROA");
        assertThat(role.arn()).isEqualTo("arn:aws:iam::" + server.accountId() + ":role/svc/r-etl");
        assertThat(role.maxSessionDuration()).isEqualTo(3600);
        assertThat(URLDecoder.decode(iam.getRole(request -> request.roleName("r-etl")).role().assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                .isEqualTo(trustAccount());
        assertError(() -> iam.createRole(request -> request.roleName("r-bad").assumeRolePolicyDocument(DOC)), 400, "MalformedPolicyDocument", "");
        assertError(() -> iam.updateRole(request -> request.roleName("r-etl").maxSessionDuration(100)), 400, "ValidationError", "");
        iam.updateRole(request -> request.roleName("r-etl").maxSessionDuration(7200));
        assertThat(iam.getRole(request -> request.roleName("r-etl")).role().maxSessionDuration()).isEqualTo(7200);
        iam.updateAssumeRolePolicy(request -> request.roleName("r-etl").policyDocument(trustUser("someone")));
        assertThat(URLDecoder.decode(iam.getRole(request -> request.roleName("r-etl")).role().assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                .contains("user/someone");
        assertThat(iam.listRoles().roles()).extracting(Role::roleName).contains("r-etl");
        assertThat(iam.listRoleTags(request -> request.roleName("r-etl")).tags()).extracting(Tag::key).containsExactly("k");

        String boundary = iam.createPolicy(request -> request.policyName("r-boundary").policyDocument(DOC)).policy().arn();
        iam.putRolePermissionsBoundary(request -> request.roleName("r-etl").permissionsBoundary(boundary));
        assertThat(iam.getRole(request -> request.roleName("r-etl")).role().permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);
        iam.deleteRolePermissionsBoundary(request -> request.roleName("r-etl"));
        assertThat(iam.getRole(request -> request.roleName("r-etl")).role().permissionsBoundary()).isNull();

        assertThat(iam.createInstanceProfile(request -> request.instanceProfileName("ip-etl")).instanceProfile().instanceProfileId()).startsWith("AIPA");
        iam.addRoleToInstanceProfile(request -> request.instanceProfileName("ip-etl").roleName("r-etl"));
        assertThat(iam.getInstanceProfile(request -> request.instanceProfileName("ip-etl")).instanceProfile().roles()).extracting(Role::roleName)
                .containsExactly("r-etl");
        assertThat(iam.listInstanceProfilesForRole(request -> request.roleName("r-etl")).instanceProfiles()).hasSize(1);
        assertThat(iam.listInstanceProfiles().instanceProfiles()).hasSize(1);
        assertError(() -> iam.addRoleToInstanceProfile(request -> request.instanceProfileName("ip-etl").roleName("r-etl")), 409, "LimitExceeded", "");
        assertError(() -> iam.deleteRole(request -> request.roleName("r-etl")), 409, "DeleteConflict", "instance profile");
        assertError(() -> iam.deleteInstanceProfile(request -> request.instanceProfileName("ip-etl")), 409, "DeleteConflict", "");
        iam.removeRoleFromInstanceProfile(request -> request.instanceProfileName("ip-etl").roleName("r-etl"));
        iam.deleteInstanceProfile(request -> request.instanceProfileName("ip-etl"));
        assertError(() -> iam.getInstanceProfile(request -> request.instanceProfileName("ip-etl")), 404, "NoSuchEntity", "");
        iam.deleteRole(request -> request.roleName("r-etl"));
        assertError(() -> iam.getRole(request -> request.roleName("r-etl")), 404, "NoSuchEntity", "");
    }

    @Test
    void permissionsBoundaryLimitsAUser()
    {
        String readAll = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
        String boundary = iam.createPolicy(request -> request.policyName("b-list-only").policyDocument(DOC2)).policy().arn();
        iam.createUser(request -> request.userName("b-user"));
        iam.putUserPolicy(request -> request.userName("b-user").policyName("all").policyDocument(readAll));
        iam.putUserPermissionsBoundary(request -> request.userName("b-user").permissionsBoundary(boundary));
        assertThat(iam.getUser(request -> request.userName("b-user")).user().permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);
        var key = iam.createAccessKey(request -> request.userName("b-user")).accessKey();
        var s3 = server.s3(server.credentials(key.accessKeyId(), key.secretAccessKey()));
        server.s3().createBucket(request -> request.bucket("boundary-bucket"));
        assertThat(s3.listObjectsV2(request -> request.bucket("boundary-bucket")).contents()).isEmpty();
        assertError(() -> s3.listBuckets(), 403, "AccessDenied", "because no permissions boundary allows the s3:ListAllMyBuckets action");
        iam.deleteUserPermissionsBoundary(request -> request.userName("b-user"));
        assertThat(s3.listBuckets().buckets()).isNotEmpty();
    }

    @Test
    void iamOperationsAreAuthorizedToo()
    {
        iam.createUser(request -> request.userName("i-self"));
        iam.putUserPolicy(request -> request.userName("i-self").policyName("own-keys").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:*AccessKey*\",\"iam:GetUser\"],"
                        + "\"Resource\":\"arn:aws:iam::*:user/${aws:username}\"}]}"));
        var key = iam.createAccessKey(request -> request.userName("i-self")).accessKey();
        IamClient self = IamClient.builder().endpointOverride(server.endpoint()).region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
                .credentialsProvider(server.credentials(key.accessKeyId(), key.secretAccessKey())).build();
        assertThat(self.getUser().user().userName()).isEqualTo("i-self");
        assertThat(self.listAccessKeys().accessKeyMetadata()).hasSize(1);
        assertError(() -> self.listUsers(), 403, "AccessDenied",
                "User: arn:aws:iam::" + server.accountId() + ":user/i-self is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::"
                        + server.accountId() + ":user/");
        iam.createUser(request -> request.userName("i-other"));
        assertError(() -> self.createAccessKey(request -> request.userName("i-other")), 403, "AccessDenied", "iam:CreateAccessKey");
    }

    @Test
    void simulatePrincipalPolicy()
    {
        iam.createUser(request -> request.userName("s-user"));
        iam.putUserPolicy(request -> request.userName("s-user").policyName("read").policyDocument(DOC));
        iam.putUserPolicy(request -> request.userName("s-user").policyName("no-secrets").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::datasets/secret/*\","
                        + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}"));
        String userArn = iam.getUser(request -> request.userName("s-user")).user().arn();
        var results = iam.simulatePrincipalPolicy(request -> request.policySourceArn(userArn)
                .actionNames("s3:GetObject", "s3:PutObject")
                .resourceArns("arn:aws:s3:::datasets/secret/a", "arn:aws:s3:::datasets/open/a")
                .contextEntries(entry -> entry.contextKeyName("aws:SecureTransport").contextKeyValues("false")
                        .contextKeyType(software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum.BOOLEAN))).evaluationResults();
        assertThat(results).extracting(result -> result.evalActionName() + " " + result.evalResourceName() + " " + result.evalDecisionAsString())
                .containsExactly(
                        "s3:GetObject arn:aws:s3:::datasets/secret/a explicitDeny",
                        "s3:GetObject arn:aws:s3:::datasets/open/a allowed",
                        "s3:PutObject arn:aws:s3:::datasets/secret/a implicitDeny",
                        "s3:PutObject arn:aws:s3:::datasets/open/a implicitDeny");
        assertThat(results.get(0).matchedStatements()).singleElement().satisfies(statement -> {
            assertThat(statement.sourcePolicyId()).isEqualTo("no-secrets");
            assertThat(statement.sourcePolicyTypeAsString()).isEqualTo("user");
            assertThat(statement.startPosition().line()).isEqualTo(1);
        });
        assertThat(results.get(1).matchedStatements()).extracting(statement -> statement.sourcePolicyId()).containsExactly("read");
        assertError(() -> iam.simulatePrincipalPolicy(request -> request.policySourceArn("arn:aws:iam::" + server.accountId() + ":user/none").actionNames("s3:GetObject")),
                404, "NoSuchEntity", "");
    }

    static String trustAccount()
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + server.accountId()
                + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    static String trustUser(String user)
    {
        return trustAccount().replace(":root", ":user/" + user);
    }

    static String bigPolicy(int size)
    {
        StringBuilder actions = new StringBuilder();
        while (actions.length() < size) {
            actions.append(actions.length() == 0 ? "" : ",").append("\"s3:GetObject\"");
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":\"*\"}]}";
    }
}
