package dev.tarn.s3.security;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import dev.tarn.s3.CanonicalUser;
import dev.tarn.s3.S3Xml;
import dev.tarn.s3.security.AccessControlList.Grant;
import dev.tarn.s3.security.AccessControlList.Grantee;
import dev.tarn.s3.security.AccessControlList.Permission;
import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.http.Headers;
import dev.tarn.spi.security.AccountDirectory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Reads the ACL a request asks for: a canned ACL ({@code x-amz-acl}), grant headers
 * ({@code x-amz-grant-read: id="...", emailAddress="...", uri="..."}) or an
 * AccessControlPolicy body. Grantees are resolved to accounts here, as S3 does (a grant by email
 * is stored and shown as the account's canonical user).
 */
public final class AclRequests
{
    static final AwsErrorCode MALFORMED_ACL = new AwsErrorCode("MalformedACLError", 400,
            "The XML you provided was not well-formed or did not validate against our published schema");
    static final AwsErrorCode UNRESOLVABLE_EMAIL = new AwsErrorCode("UnresolvableGrantByEmailAddress", 400,
            "The email address you provided does not match any account on record.");
    private static final Map<String, Permission> GRANT_HEADERS = Map.of(
            "x-amz-grant-read", Permission.READ,
            "x-amz-grant-write", Permission.WRITE,
            "x-amz-grant-read-acp", Permission.READ_ACP,
            "x-amz-grant-write-acp", Permission.WRITE_ACP,
            "x-amz-grant-full-control", Permission.FULL_CONTROL);
    /** {@code kind="value"}, or unquoted as the aws CLI's documentation writes it ({@code emailaddress=a@example.com}). */
    private static final Pattern GRANTEE = Pattern.compile("\\s*(id|emailAddress|uri)\\s*=\\s*(?:\"([^\"]*)\"|([^,\"\\s]+))\\s*(,|$)", Pattern.CASE_INSENSITIVE);

    private final AccountDirectory accounts;

    public AclRequests(AccountDirectory accounts)
    {
        this.accounts = requireNonNull(accounts, "accounts is null");
    }

    /** Whether the request carries an ACL in headers (canned or grants). */
    public static boolean hasAclHeaders(Headers headers)
    {
        return headers.contains("x-amz-acl") || GRANT_HEADERS.keySet().stream().anyMatch(headers::contains);
    }

    /** The ACL the headers ask for, empty when they ask for none. */
    public Optional<AccessControlList> fromHeaders(Headers headers, String ownerAccountId, String bucketOwnerAccountId)
    {
        Optional<String> canned = headers.first("x-amz-acl");
        boolean grants = GRANT_HEADERS.keySet().stream().anyMatch(headers::contains);
        if (canned.isPresent() && grants) {
            throw CommonErrors.INVALID_REQUEST.exception("Specifying both Canned ACLs and Header Grants is not allowed");
        }
        if (canned.isPresent()) {
            return Optional.of(AccessControlList.canned(canned.get(), ownerAccountId, bucketOwnerAccountId));
        }
        if (!grants) {
            return Optional.empty();
        }
        List<Grant> list = new ArrayList<>();
        GRANT_HEADERS.forEach((header, permission) -> headers.first(header).ifPresent(value -> {
            for (Grantee grantee : granteesOf(header, value)) {
                list.add(new Grant(grantee, permission));
            }
        }));
        return Optional.of(new AccessControlList(ownerAccountId, list));
    }

    /** A PutBucketAcl / PutObjectAcl body; its Owner must be the resource's owner. */
    public AccessControlList fromBody(S3Xml xml, byte[] body, String ownerAccountId)
    {
        Policy policy;
        try {
            policy = xml.read(body, Policy.class);
        }
        catch (AwsException e) {
            throw MALFORMED_ACL.exception();
        }
        if (policy.owner() == null || policy.owner().id() == null) {
            throw MALFORMED_ACL.exception();
        }
        if (!policy.owner().id().equals(CanonicalUser.of(ownerAccountId).id())) {
            throw CommonErrors.ACCESS_DENIED.exception();
        }
        List<Grant> grants = new ArrayList<>();
        for (PolicyGrant grant : policy.grants()) {
            if (grant == null || grant.grantee() == null || grant.permission() == null) {
                throw MALFORMED_ACL.exception();
            }
            Permission permission;
            try {
                permission = Permission.valueOf(grant.permission());
            }
            catch (IllegalArgumentException e) {
                throw MALFORMED_ACL.exception();
            }
            grants.add(new Grant(grantee(grant.grantee()), permission));
        }
        return new AccessControlList(ownerAccountId, grants);
    }

    private Grantee grantee(PolicyGrantee grantee)
    {
        String type = Optional.ofNullable(grantee.type()).orElse("");
        return switch (type) {
            case "CanonicalUser" -> byCanonicalId(Optional.ofNullable(grantee.id()).orElseThrow(MALFORMED_ACL::exception));
            case "AmazonCustomerByEmail" -> byEmail(Optional.ofNullable(grantee.emailAddress()).orElseThrow(MALFORMED_ACL::exception));
            case "Group" -> byGroup(Optional.ofNullable(grantee.uri()).orElseThrow(MALFORMED_ACL::exception));
            default -> throw MALFORMED_ACL.exception();
        };
    }

    private List<Grantee> granteesOf(String header, String value)
    {
        List<Grantee> grantees = new ArrayList<>();
        Matcher matcher = GRANTEE.matcher(value);
        int position = 0;
        while (position < value.length() && matcher.find(position) && matcher.start() == position) {
            String kind = matcher.group(1);
            String text = matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            grantees.add(kind.equalsIgnoreCase("id") ? byCanonicalId(text) : kind.equalsIgnoreCase("uri") ? byGroup(text) : byEmail(text));
            position = matcher.end();
        }
        if (grantees.isEmpty() || position < value.length()) {
            throw CommonErrors.INVALID_ARGUMENT.exception().with("ArgumentName", header).with("ArgumentValue", value);
        }
        return grantees;
    }

    private Grantee byCanonicalId(String id)
    {
        return accounts.accounts().stream()
                .filter(account -> CanonicalUser.of(account.accountId()).id().equals(id))
                .findFirst()
                .map(account -> Grantee.account(account.accountId()))
                .orElseThrow(() -> CommonErrors.INVALID_ARGUMENT.exception("Invalid id").with("ArgumentName", "CanonicalUser/ID").with("ArgumentValue", id));
    }

    private Grantee byEmail(String email)
    {
        return accounts.accountByEmail(email).map(account -> Grantee.account(account.accountId())).orElseThrow(UNRESOLVABLE_EMAIL::exception);
    }

    private static Grantee byGroup(String uri)
    {
        if (!AccessControlList.GROUPS.contains(uri)) {
            throw CommonErrors.INVALID_ARGUMENT.exception("Invalid group uri").with("ArgumentName", "Group/URI").with("ArgumentValue", uri);
        }
        return Grantee.group(uri);
    }

    @JacksonXmlRootElement(localName = "AccessControlPolicy")
    record Policy(
            @JacksonXmlProperty(localName = "Owner") PolicyOwner owner,
            @JacksonXmlProperty(localName = "AccessControlList") PolicyGrants list)
    {
        List<PolicyGrant> grants()
        {
            return list == null || list.grants() == null ? List.of() : list.grants();
        }
    }

    record PolicyGrants(@JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Grant") List<PolicyGrant> grants) {}

    record PolicyOwner(@JacksonXmlProperty(localName = "ID") String id, @JacksonXmlProperty(localName = "DisplayName") String displayName) {}

    record PolicyGrant(@JacksonXmlProperty(localName = "Grantee") PolicyGrantee grantee, @JacksonXmlProperty(localName = "Permission") String permission) {}

    record PolicyGrantee(
            @JacksonXmlProperty(localName = "type", isAttribute = true) String type,
            @JacksonXmlProperty(localName = "ID") String id,
            @JacksonXmlProperty(localName = "DisplayName") String displayName,
            @JacksonXmlProperty(localName = "URI") String uri,
            @JacksonXmlProperty(localName = "EmailAddress") String emailAddress) {}
}
