package dev.tarn.s3.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarn.s3.security.AccessControlList.Grant;
import dev.tarn.s3.security.AccessControlList.Permission;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ACL grants as the resource-based policy statements they amount to, so that the one policy
 * engine decides with IAM policies, the bucket policy and ACLs together, and cross-account
 * requests need the caller's identity policy as well, exactly as for a bucket policy. The
 * permission-to-action table is S3's ("Mapping of ACL permissions and access policy
 * permissions"); a grant to an account names its root ({@code arn:aws:iam::ACCOUNT:root}, every
 * principal of the account), AllUsers is {@code "*"}, AuthenticatedUsers every signed caller.
 * Merged documents are kept (bounded), since the same bucket is asked about again and again and
 * the policy engine caches parsed documents by their text.
 */
public final class AclStatements
{
    private static final int MAX_ENTRIES = 10_000;

    private static final Map<Permission, List<String>> BUCKET_ACTIONS = new EnumMap<>(Map.of(
            Permission.READ, List.of("s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"),
            Permission.WRITE, List.of("s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"),
            Permission.READ_ACP, List.of("s3:GetBucketAcl"),
            Permission.WRITE_ACP, List.of("s3:PutBucketAcl")));
    private static final Map<Permission, List<String>> OBJECT_ACTIONS = new EnumMap<>(Map.of(
            Permission.READ, List.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTorrent"),
            Permission.READ_ACP, List.of("s3:GetObjectAcl", "s3:GetObjectVersionAcl"),
            Permission.WRITE_ACP, List.of("s3:PutObjectAcl", "s3:PutObjectVersionAcl")));

    private record Inputs(Optional<String> bucketPolicy, Optional<AccessControlList> bucketAcl, Optional<AccessControlList> objectAcl) {}

    private final Map<Inputs, Optional<String>> merged = new ConcurrentHashMap<>();

    /**
     * The bucket policy with the statements of the bucket ACL and, for object requests, the
     * object's ACL appended; empty when there is neither policy nor grant.
     */
    public Optional<String> resourcePolicy(Optional<String> bucketPolicy, Optional<AccessControlList> bucketAcl, Optional<AccessControlList> objectAcl)
    {
        if (bucketAcl.isEmpty() && objectAcl.isEmpty()) {
            return bucketPolicy;
        }
        Inputs inputs = new Inputs(bucketPolicy, bucketAcl, objectAcl);
        Optional<String> known = merged.get(inputs);
        if (known != null) {
            return known;
        }
        if (merged.size() >= MAX_ENTRIES) {
            merged.clear();
        }
        Optional<String> result = merge(bucketPolicy, bucketAcl, objectAcl);
        merged.put(inputs, result);
        return result;
    }

    private static Optional<String> merge(Optional<String> bucketPolicy, Optional<AccessControlList> bucketAcl, Optional<AccessControlList> objectAcl)
    {
        ObjectNode policy = bucketPolicy.flatMap(PolicyJson::tree).map(ObjectNode.class::cast).orElseGet(() -> {
            ObjectNode empty = JsonNodeFactory.instance.objectNode();
            empty.put("Version", "2012-10-17");
            return empty;
        });
        ArrayNode statements = JsonNodeFactory.instance.arrayNode();
        PolicyJson.statements(policy).forEach(statements::add);
        bucketAcl.ifPresent(acl -> addStatements(statements, acl, BUCKET_ACTIONS));
        objectAcl.ifPresent(acl -> addStatements(statements, acl, OBJECT_ACTIONS));
        if (statements.isEmpty()) {
            return bucketPolicy;
        }
        policy.set("Statement", statements);
        return Optional.of(policy.toString());
    }

    private static void addStatements(ArrayNode statements, AccessControlList acl, Map<Permission, List<String>> actions)
    {
        for (Grant grant : acl.grants()) {
            List<String> granted = grant.permission() == Permission.FULL_CONTROL
                    ? actions.values().stream().flatMap(List::stream).toList()
                    : actions.getOrDefault(grant.permission(), List.of());
            Optional<JsonNode> principal = principal(grant.grantee());
            if (granted.isEmpty() || principal.isEmpty()) {
                continue;
            }
            ObjectNode statement = statements.addObject();
            statement.put("Effect", "Allow");
            statement.set("Principal", principal.get());
            ArrayNode list = statement.putArray("Action");
            granted.forEach(list::add);
            if (grant.grantee().group().filter(AccessControlList.AUTHENTICATED_USERS::equals).isPresent()) {
                // every signed caller has an account; the anonymous caller has none
                statement.putObject("Condition").putObject("Null").put("aws:PrincipalAccount", "false");
            }
        }
    }

    private static Optional<JsonNode> principal(AccessControlList.Grantee grantee)
    {
        if (grantee.accountId().isPresent()) {
            ObjectNode aws = JsonNodeFactory.instance.objectNode();
            aws.put("AWS", "arn:aws:iam::" + grantee.accountId().get() + ":root");
            return Optional.of(aws);
        }
        String group = grantee.group().orElseThrow();
        if (group.equals(AccessControlList.ALL_USERS)) {
            return Optional.of(JsonNodeFactory.instance.textNode("*"));
        }
        if (group.equals(AccessControlList.AUTHENTICATED_USERS)) {
            ObjectNode aws = JsonNodeFactory.instance.objectNode();
            aws.put("AWS", "*");
            return Optional.of(aws);
        }
        // LogDelivery: S3's log delivery service; Tarn delivers logs itself, so nobody calls as it
        return Optional.empty();
    }
}
