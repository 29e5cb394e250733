package dev.tarn.s3.security;

import dev.tarn.s3.CanonicalUser;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.security.AccessControlList.Grant;
import dev.tarn.s3.security.AccessControlList.Grantee;
import dev.tarn.s3.security.AccessControlList.Permission;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.AccountDirectory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AclRequestsTest
{
    private static final String OWNER = "111111111111";
    private static final String OTHER = "222222222222";
    private final AclRequests requests = new AclRequests(AccountDirectory.of(List.of(
            new AccountDirectory.Account(OWNER, "owner", Optional.empty()),
            new AccountDirectory.Account(OTHER, "other", Optional.of("other@example.com")))));

    @Test
    void readsTheBodyTheSdkSends()
    {
        String body = """
                <AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><AccessControlList>\
                <Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>%s</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>\
                <Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="AmazonCustomerByEmail"><EmailAddress>OTHER@example.com</EmailAddress></Grantee><Permission>WRITE</Permission></Grant>\
                <Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>%s</URI></Grantee><Permission>READ</Permission></Grant>\
                </AccessControlList><Owner><ID>%s</ID></Owner></AccessControlPolicy>"""
                .formatted(CanonicalUser.of(OWNER).id(), AccessControlList.ALL_USERS, CanonicalUser.of(OWNER).id());
        AccessControlList acl = requests.fromBody(new S3Xml(), body.getBytes(StandardCharsets.UTF_8), OWNER);
        assertThat(acl.grants()).containsExactly(
                new Grant(Grantee.account(OWNER), Permission.FULL_CONTROL),
                new Grant(Grantee.account(OTHER), Permission.WRITE),
                new Grant(Grantee.group(AccessControlList.ALL_USERS), Permission.READ));
        assertThat(acl.isPublic()).isTrue();
        assertThat(AccessControlList.decode(acl.encode())).isEqualTo(acl);
    }

    @Test
    void readsGrantHeaders()
    {
        Headers headers = Headers.builder()
                .set("x-amz-grant-read", "id=\"" + CanonicalUser.of(OTHER).id() + "\", uri=\"" + AccessControlList.AUTHENTICATED_USERS + "\"")
                .set("x-amz-grant-full-control", "emailaddress=other@example.com")
                .build();
        AccessControlList acl = requests.fromHeaders(headers, OWNER, OWNER).orElseThrow();
        assertThat(acl.grants()).containsExactlyInAnyOrder(
                new Grant(Grantee.account(OTHER), Permission.READ),
                new Grant(Grantee.group(AccessControlList.AUTHENTICATED_USERS), Permission.READ),
                new Grant(Grantee.account(OTHER), Permission.FULL_CONTROL));
        assertThat(requests.fromHeaders(Headers.empty(), OWNER, OWNER)).isEmpty();
    }

    @Test
    void refusesWhatS3Refuses()
    {
        assertCode(() -> requests.fromHeaders(Headers.builder().set("x-amz-acl", "private").set("x-amz-grant-read", "id=\"x\"").build(), OWNER, OWNER), "InvalidRequest");
        assertCode(() -> requests.fromHeaders(Headers.builder().set("x-amz-grant-read", "emailAddress=\"nobody@example.com\"").build(), OWNER, OWNER),
                "UnresolvableGrantByEmailAddress");
        assertCode(() -> requests.fromHeaders(Headers.builder().set("x-amz-grant-read", "id=\"unknown\"").build(), OWNER, OWNER), "InvalidArgument");
        assertCode(() -> requests.fromHeaders(Headers.builder().set("x-amz-grant-read", "garbage").build(), OWNER, OWNER), "InvalidArgument");
        assertCode(() -> requests.fromHeaders(Headers.builder().set("x-amz-acl", "world-writable").build(), OWNER, OWNER), "InvalidArgument");
        assertCode(() -> requests.fromBody(new S3Xml(), "<AccessControlPolicy><AccessControlList/></AccessControlPolicy>".getBytes(StandardCharsets.UTF_8), OWNER),
                "MalformedACLError");
    }

    @Test
    void cannedAclsOfObjectsInAnotherAccountsBucket()
    {
        assertThat(AccessControlList.canned("bucket-owner-full-control", OTHER, OWNER).grants()).containsExactly(
                new Grant(Grantee.account(OTHER), Permission.FULL_CONTROL), new Grant(Grantee.account(OWNER), Permission.FULL_CONTROL));
        assertThat(AccessControlList.canned("bucket-owner-read", OWNER, OWNER)).isEqualTo(AccessControlList.ownerOnly(OWNER));
    }

    private static void assertCode(Runnable call, String code)
    {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
