package dev.tarn.s3.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarn.s3.CanonicalUser;
import dev.tarn.s3.xml.AccessControlPolicy;
import dev.tarn.s3.xml.Owner;
import dev.tarn.spi.error.CommonErrors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A bucket's or object's ACL: its owner and the grants, each to an account (shown as its
 * canonical user) or to one of S3's groups. Stored as a small JSON document (bucket
 * configuration {@code acl}, object attribute {@code acl}); a bucket or object without one has
 * the owner-only ACL S3 gives by default ({@code private}).
 */
public record AccessControlList(String ownerAccountId, List<Grant> grants)
{
    public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    public static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";
    static final Set<String> GROUPS = Set.of(ALL_USERS, AUTHENTICATED_USERS, LOG_DELIVERY);
    static final Set<String> CANNED = Set.of("private", "public-read", "public-read-write", "authenticated-read", "aws-exec-read",
            "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write");

    public enum Permission
    {
        READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL
    }

    /** An account (by id) or a group (by URI): exactly one is present. */
    public record Grantee(Optional<String> accountId, Optional<String> group)
    {
        public Grantee
        {
            requireNonNull(accountId, "accountId is null");
            requireNonNull(group, "group is null");
            if (accountId.isPresent() == group.isPresent()) {
                throw new IllegalArgumentException("a grantee is an account or a group");
            }
        }

        public static Grantee account(String accountId)
        {
            return new Grantee(Optional.of(accountId), Optional.empty());
        }

        public static Grantee group(String uri)
        {
            return new Grantee(Optional.empty(), Optional.of(uri));
        }

        public boolean isPublic()
        {
            return group.filter(uri -> uri.equals(ALL_USERS) || uri.equals(AUTHENTICATED_USERS)).isPresent();
        }
    }

    public record Grant(Grantee grantee, Permission permission)
    {
        public Grant
        {
            requireNonNull(grantee, "grantee is null");
            requireNonNull(permission, "permission is null");
        }
    }

    public AccessControlList
    {
        requireNonNull(ownerAccountId, "ownerAccountId is null");
        grants = List.copyOf(new LinkedHashSet<>(grants));
    }

    public static AccessControlList ownerOnly(String ownerAccountId)
    {
        return new AccessControlList(ownerAccountId, List.of(new Grant(Grantee.account(ownerAccountId), Permission.FULL_CONTROL)));
    }

    /**
     * A canned ACL as S3 defines it. {@code bucketOwnerAccountId} matters only for the
     * bucket-owner-* ACLs of objects (on a bucket they grant the owner alone).
     */
    public static AccessControlList canned(String name, String ownerAccountId, String bucketOwnerAccountId)
    {
        if (!CANNED.contains(name)) {
            throw CommonErrors.INVALID_ARGUMENT.exception().with("ArgumentName", "x-amz-acl").with("ArgumentValue", name);
        }
        List<Grant> grants = new ArrayList<>(ownerOnly(ownerAccountId).grants());
        switch (name) {
            case "public-read" -> grants.add(new Grant(Grantee.group(ALL_USERS), Permission.READ));
            case "public-read-write" -> {
                grants.add(new Grant(Grantee.group(ALL_USERS), Permission.READ));
                grants.add(new Grant(Grantee.group(ALL_USERS), Permission.WRITE));
            }
            case "authenticated-read" -> grants.add(new Grant(Grantee.group(AUTHENTICATED_USERS), Permission.READ));
            // the owner's FULL_CONTROL covers a bucket owner that is the owner
            case "bucket-owner-read" -> {
                if (!bucketOwnerAccountId.equals(ownerAccountId)) {
                    grants.add(new Grant(Grantee.account(bucketOwnerAccountId), Permission.READ));
                }
            }
            case "bucket-owner-full-control" -> grants.add(new Grant(Grantee.account(bucketOwnerAccountId), Permission.FULL_CONTROL));
            case "log-delivery-write" -> {
                grants.add(new Grant(Grantee.group(LOG_DELIVERY), Permission.WRITE));
                grants.add(new Grant(Grantee.group(LOG_DELIVERY), Permission.READ_ACP));
            }
            default -> { }
        }
        return new AccessControlList(ownerAccountId, grants);
    }

    public boolean isPublic()
    {
        return grants.stream().anyMatch(grant -> grant.grantee().isPublic());
    }

    /** What IgnorePublicAcls leaves of this ACL in access decisions. */
    public AccessControlList withoutPublicGrants()
    {
        return new AccessControlList(ownerAccountId, grants.stream().filter(grant -> !grant.grantee().isPublic()).toList());
    }

    public AccessControlPolicy toXml()
    {
        List<AccessControlPolicy.Grant> shown = grants.stream().map(grant -> new AccessControlPolicy.Grant(grantee(grant.grantee()), grant.permission().name())).toList();
        return new AccessControlPolicy(Owner.of(ownerAccountId), shown);
    }

    private static AccessControlPolicy.Grantee grantee(Grantee grantee)
    {
        if (grantee.group().isPresent()) {
            return AccessControlPolicy.Grantee.group(grantee.group().get());
        }
        CanonicalUser user = CanonicalUser.of(grantee.accountId().orElseThrow());
        return AccessControlPolicy.Grantee.canonicalUser(user.id(), user.displayName());
    }

    public String encode()
    {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("owner", ownerAccountId);
        ArrayNode list = root.putArray("grants");
        for (Grant grant : grants) {
            ObjectNode node = list.addObject();
            grant.grantee().accountId().ifPresent(account -> node.put("account", account));
            grant.grantee().group().ifPresent(group -> node.put("group", group));
            node.put("permission", grant.permission().name());
        }
        return root.toString();
    }

    public static AccessControlList decode(String encoded)
    {
        JsonNode tree = PolicyJson.tree(encoded).orElseThrow(() -> new IllegalStateException("stored ACL is not JSON"));
        List<Grant> grants = new ArrayList<>();
        for (JsonNode node : tree.path("grants")) {
            Grantee grantee = node.has("account") ? Grantee.account(node.get("account").asText()) : Grantee.group(node.get("group").asText());
            grants.add(new Grant(grantee, Permission.valueOf(node.get("permission").asText())));
        }
        return new AccessControlList(tree.get("owner").asText(), grants);
    }
}
