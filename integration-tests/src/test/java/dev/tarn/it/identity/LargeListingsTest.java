package dev.tarn.it.identity;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ListRoles and ListUsers over thousands of entries, page by page with MaxItems and Marker: every entry once, in order. */
class LargeListingsTest
{
    private static final int ROLES = 3000;
    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    private static TestServer server;
    private static IamClient iam;
    private static List<String> roleNames;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        iam = server.iam();
        // mixed case and two paths, created out of order
        roleNames = IntStream.range(0, ROLES)
                .mapToObj(i -> (i % 3 == 0 ? "Role-" : "role-") + String.format("%05d", (i * 7919) % ROLES))
                .toList();
        for (int i = 0; i < roleNames.size(); i++) {
            String name = roleNames.get(i);
            String path = i % 10 == 0 ? "/etl/" : "/";
            iam.createRole(request -> request.roleName(name).path(path).assumeRolePolicyDocument(TRUST));
        }
    }

    @AfterAll
    static void stop()
    {
        iam.close();
        server.close();
    }

    @Test
    void everyRoleOnceInOrderAcrossPages()
    {
        List<String> listed = new ArrayList<>();
        Optional<String> marker = Optional.empty();
        int pages = 0;
        while (true) {
            Optional<String> current = marker;
            ListRolesResponse page = iam.listRoles(request -> request.maxItems(250).marker(current.orElse(null)));
            pages++;
            assertThat(page.roles()).hasSizeLessThanOrEqualTo(250);
            page.roles().stream().map(Role::roleName).forEach(listed::add);
            if (!page.isTruncated()) {
                assertThat(page.marker()).isNull();
                break;
            }
            assertThat(page.roles()).hasSize(250);
            marker = Optional.of(page.marker());
        }
        assertThat(pages).isEqualTo(ROLES / 250);
        assertThat(listed).hasSize(ROLES).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(roleNames);
        List<String> sorted = listed.stream().sorted((a, b) -> a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT))).toList();
        assertThat(listed).isEqualTo(sorted);

        // the SDK's paginator walks the same pages
        assertThat(iam.listRolesPaginator(request -> request.maxItems(1000)).roles().stream().map(Role::roleName).toList()).isEqualTo(listed);
        // the default page is 100
        assertThat(iam.listRoles().roles()).hasSize(100);
    }

    @Test
    void aPathPrefixFiltersAcrossPages()
    {
        List<String> etl = new ArrayList<>();
        String marker = null;
        do {
            String current = marker;
            ListRolesResponse page = iam.listRoles(request -> request.pathPrefix("/etl/").maxItems(7).marker(current));
            page.roles().forEach(role -> assertThat(role.path()).isEqualTo("/etl/"));
            page.roles().stream().map(Role::roleName).forEach(etl::add);
            marker = page.isTruncated() ? page.marker() : null;
        }
        while (marker != null);
        assertThat(etl).hasSize(ROLES / 10).doesNotHaveDuplicates();
    }

    @Test
    void badMarkersAndLimitsAreRefused()
    {
        assertThatThrownBy(() -> iam.listRoles(request -> request.marker("%%%"))).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInput"));
        assertThatThrownBy(() -> iam.listRoles(request -> request.maxItems(1001))).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void usersGroupsAndPoliciesPageToo()
    {
        for (int i = 0; i < 120; i++) {
            String suffix = String.format("%03d", i);
            iam.createUser(request -> request.userName("user-" + suffix));
            iam.createGroup(request -> request.groupName("group-" + suffix));
            iam.createPolicy(request -> request.policyName("policy-" + suffix).policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"""));
        }
        iam.attachUserPolicy(request -> request.userName("user-005").policyArn("arn:aws:iam::" + server.accountId() + ":policy/policy-042"));

        assertThat(iam.listUsersPaginator(request -> request.maxItems(50)).users().stream().map(user -> user.userName()).toList())
                .hasSize(120).isSorted().doesNotHaveDuplicates();
        assertThat(iam.listGroupsPaginator(request -> request.maxItems(11)).groups().stream().map(group -> group.groupName()).toList())
                .hasSize(120).isSorted().doesNotHaveDuplicates();
        assertThat(iam.listPoliciesPaginator(request -> request.maxItems(13)).policies().stream().map(policy -> policy.policyName()).toList())
                .hasSize(120).isSorted().doesNotHaveDuplicates();
        assertThat(iam.listPolicies(request -> request.onlyAttached(true)).policies()).extracting(policy -> policy.policyName() + "/" + policy.attachmentCount())
                .containsExactly("policy-042/1");
    }
}
