package dev.tarn.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tarn.iam.Shapes.Policy;
import dev.tarn.iam.Shapes.PolicyVersion;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.PolicyRecord;
import dev.tarn.iam.store.PolicyVersionRecord;
import dev.tarn.iam.store.Tag;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Customer managed policies and their versions (at most five, one of them the default). */
final class ManagedPolicies
{
    static final int MAX_VERSIONS = 5;

    private final IamContext iam;

    ManagedPolicies(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreatePolicy", CreatePolicyRequest.class, this::createPolicy));
        registry.operation(new ActionOperation<>("GetPolicy", PolicyArnRequest.class, this::getPolicy));
        registry.operation(new ActionOperation<>("ListPolicies", ListPoliciesRequest.class, this::listPolicies));
        registry.operation(new ActionOperation<>("DeletePolicy", PolicyArnRequest.class, this::deletePolicy));
        registry.operation(new ActionOperation<>("CreatePolicyVersion", CreatePolicyVersionRequest.class, this::createPolicyVersion));
        registry.operation(new ActionOperation<>("GetPolicyVersion", PolicyVersionRequest.class, this::getPolicyVersion));
        registry.operation(new ActionOperation<>("ListPolicyVersions", ListPolicyVersionsRequest.class, this::listPolicyVersions));
        registry.operation(new ActionOperation<>("SetDefaultPolicyVersion", PolicyVersionRequest.class, this::setDefaultPolicyVersion));
        registry.operation(new ActionOperation<>("DeletePolicyVersion", PolicyVersionRequest.class, this::deletePolicyVersion));
        registry.operation(new ActionOperation<>("TagPolicy", TagPolicyRequest.class, this::tagPolicy));
        registry.operation(new ActionOperation<>("UntagPolicy", UntagPolicyRequest.class, this::untagPolicy));
        registry.operation(new ActionOperation<>("ListPolicyTags", ListPolicyTagsRequest.class, this::listPolicyTags));
    }

    public record CreatePolicyRequest(String policyName, Optional<String> path, String policyDocument, Optional<String> description, List<Tag> tags) {}

    public record PolicyResult(Policy policy) {}

    public record PolicyArnRequest(String policyArn) {}

    public record ListPoliciesRequest(Optional<String> scope, Optional<Boolean> onlyAttached, Optional<String> pathPrefix,
            Optional<String> marker, Optional<Integer> maxItems) {}

    public record ListPoliciesResult(List<Policy> policies, @JsonProperty("IsTruncated") boolean isTruncated, Optional<String> marker) {}

    public record CreatePolicyVersionRequest(String policyArn, String policyDocument, Optional<Boolean> setAsDefault) {}

    public record PolicyVersionResult(PolicyVersion policyVersion) {}

    public record PolicyVersionRequest(String policyArn, String versionId) {}

    public record ListPolicyVersionsRequest(String policyArn, Optional<String> marker, Optional<Integer> maxItems) {}

    public record ListPolicyVersionsResult(List<PolicyVersion> versions, @JsonProperty("IsTruncated") boolean isTruncated, Optional<String> marker) {}

    public record TagPolicyRequest(String policyArn, List<Tag> tags) {}

    public record UntagPolicyRequest(String policyArn, List<String> tagKeys) {}

    public record ListPolicyTagsRequest(String policyArn, Optional<String> marker, Optional<Integer> maxItems) {}

    private PolicyResult createPolicy(RequestContext context, CreatePolicyRequest request)
    {
        String account = IamContext.account(context);
        String name = Validation.name("policyName", request.policyName(), 128);
        String path = Validation.path(request.path());
        String document = PolicyDocuments.managed(request.policyDocument());
        List<Tag> tags = Validation.tags(request.tags());
        iam.authorize(context, "CreatePolicy", IamContext.arn(context, "policy", path, name));
        PolicyRecord policy = iam.store().write(writer -> {
            if (writer.get(Kind.POLICIES, IamReader.key(account, name)).isPresent()) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("A policy called " + name + " already exists. Duplicate names are not allowed.");
            }
            PolicyRecord created = new PolicyRecord(account, name, iam.ids().uniqueId("ANPA"), path, request.description(), iam.now(), iam.now(),
                    "v1", List.of(new PolicyVersionRecord("v1", document, iam.now())), 2, tags);
            writer.put(Kind.POLICIES, IamReader.key(account, name), created);
            return created;
        });
        return new PolicyResult(Policy.of(policy, 0));
    }

    private PolicyRecord readPolicy(RequestContext context, String operation, String arn)
    {
        Validation.required("policyArn", arn);
        PolicyRecord policy = iam.store().read(reader -> Entities.policy(reader, arn));
        iam.authorize(context, operation, policy.arn());
        return policy;
    }

    private PolicyResult getPolicy(RequestContext context, PolicyArnRequest request)
    {
        PolicyRecord policy = readPolicy(context, "GetPolicy", request.policyArn());
        return new PolicyResult(Policy.of(policy, attachments(policy)));
    }

    private int attachments(PolicyRecord policy)
    {
        return iam.store().read(reader -> reader.count(Kind.POLICY_ATTACHMENTS, PolicyAttachments.attachmentPrefix(policy.arn())));
    }

    private ListPoliciesResult listPolicies(RequestContext context, ListPoliciesRequest request)
    {
        String account = IamContext.account(context);
        String scope = request.scope().orElse("All");
        if (!List.of("All", "AWS", "Local").contains(scope)) {
            throw IamErrors.VALIDATION_ERROR.exception("1 validation error detected: Value '" + scope
                    + "' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
        }
        iam.authorize(context, "ListPolicies", "*");
        if (scope.equals("AWS")) {
            // no AWS managed policies here
            Paging<Policy> none = Paging.page(List.of(), request.marker(), request.maxItems());
            return new ListPoliciesResult(none.items(), none.isTruncated(), none.marker());
        }
        boolean onlyAttached = request.onlyAttached().orElse(false);
        Paging<Policy> page = iam.store().read(reader -> StorePaging.page(reader, Kind.POLICIES, account + "/", request.marker(), request.maxItems(),
                policy -> Validation.underPath(policy.path(), request.pathPrefix())
                        && (!onlyAttached || reader.any(Kind.POLICY_ATTACHMENTS, PolicyAttachments.attachmentPrefix(policy.arn()))),
                policy -> Policy.of(policy, reader.count(Kind.POLICY_ATTACHMENTS, PolicyAttachments.attachmentPrefix(policy.arn())))));
        return new ListPoliciesResult(page.items(), page.isTruncated(), page.marker());
    }

    private Void deletePolicy(RequestContext context, PolicyArnRequest request)
    {
        readPolicy(context, "DeletePolicy", request.policyArn());
        iam.store().write(writer -> {
            PolicyRecord policy = Entities.policy(writer, request.policyArn());
            if (writer.any(Kind.POLICY_ATTACHMENTS, PolicyAttachments.attachmentPrefix(policy.arn()))) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete a policy attached to entities.");
            }
            if (policy.versions().size() > 1) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete a policy with versions other than the default version. Delete the non-default versions first.");
            }
            writer.delete(Kind.POLICIES, IamReader.key(policy.accountId(), policy.name()));
            return null;
        });
        return null;
    }

    private PolicyVersionResult createPolicyVersion(RequestContext context, CreatePolicyVersionRequest request)
    {
        String document = PolicyDocuments.managed(request.policyDocument());
        readPolicy(context, "CreatePolicyVersion", request.policyArn());
        record Created(PolicyRecord policy, PolicyVersionRecord version) {}
        Created created = iam.store().write(writer -> {
            PolicyRecord policy = Entities.policy(writer, request.policyArn());
            if (policy.versions().size() >= MAX_VERSIONS) {
                throw IamErrors.LIMIT_EXCEEDED.exception("A managed policy can have up to " + MAX_VERSIONS
                        + " versions. Before you create a new version, you must delete an existing version.");
            }
            PolicyVersionRecord version = new PolicyVersionRecord("v" + policy.nextVersion(), document, iam.now());
            List<PolicyVersionRecord> versions = new ArrayList<>(policy.versions());
            versions.add(version);
            String defaultVersion = request.setAsDefault().orElse(false) ? version.versionId() : policy.defaultVersionId();
            PolicyRecord updated = policy.withVersions(versions, defaultVersion, policy.nextVersion() + 1, iam.now());
            writer.put(Kind.POLICIES, IamReader.key(policy.accountId(), policy.name()), updated);
            return new Created(updated, version);
        });
        return new PolicyVersionResult(PolicyVersion.of(created.policy(), created.version(), false));
    }

    private PolicyVersionResult getPolicyVersion(RequestContext context, PolicyVersionRequest request)
    {
        PolicyRecord policy = readPolicy(context, "GetPolicyVersion", request.policyArn());
        PolicyVersionRecord version = version(policy, request.versionId());
        return new PolicyVersionResult(PolicyVersion.of(policy, version, true));
    }

    private static PolicyVersionRecord version(PolicyRecord policy, String versionId)
    {
        Validation.required("versionId", versionId);
        return policy.version(versionId).orElseThrow(() -> IamErrors.NO_SUCH_ENTITY.exception(
                "Policy " + policy.arn() + " version " + versionId + " does not exist or is not attachable."));
    }

    private ListPolicyVersionsResult listPolicyVersions(RequestContext context, ListPolicyVersionsRequest request)
    {
        PolicyRecord policy = readPolicy(context, "ListPolicyVersions", request.policyArn());
        List<PolicyVersion> versions = new ArrayList<>();
        // newest first, as IAM lists them
        for (int i = policy.versions().size() - 1; i >= 0; i--) {
            versions.add(PolicyVersion.of(policy, policy.versions().get(i), false));
        }
        Paging<PolicyVersion> page = Paging.page(versions, request.marker(), request.maxItems());
        return new ListPolicyVersionsResult(page.items(), page.isTruncated(), page.marker());
    }

    private Void setDefaultPolicyVersion(RequestContext context, PolicyVersionRequest request)
    {
        readPolicy(context, "SetDefaultPolicyVersion", request.policyArn());
        iam.store().write(writer -> {
            PolicyRecord policy = Entities.policy(writer, request.policyArn());
            PolicyVersionRecord version = version(policy, request.versionId());
            writer.put(Kind.POLICIES, IamReader.key(policy.accountId(), policy.name()),
                    policy.withVersions(policy.versions(), version.versionId(), policy.nextVersion(), iam.now()));
            return null;
        });
        return null;
    }

    private Void deletePolicyVersion(RequestContext context, PolicyVersionRequest request)
    {
        readPolicy(context, "DeletePolicyVersion", request.policyArn());
        iam.store().write(writer -> {
            PolicyRecord policy = Entities.policy(writer, request.policyArn());
            PolicyVersionRecord version = version(policy, request.versionId());
            if (version.versionId().equals(policy.defaultVersionId())) {
                throw IamErrors.DELETE_CONFLICT.exception("Cannot delete the default version of a policy.");
            }
            List<PolicyVersionRecord> versions = policy.versions().stream().filter(existing -> existing != version).toList();
            writer.put(Kind.POLICIES, IamReader.key(policy.accountId(), policy.name()),
                    policy.withVersions(versions, policy.defaultVersionId(), policy.nextVersion(), iam.now()));
            return null;
        });
        return null;
    }

    private Void tagPolicy(RequestContext context, TagPolicyRequest request)
    {
        List<Tag> tags = Validation.tags(request.tags());
        readPolicy(context, "TagPolicy", request.policyArn());
        iam.store().write(writer -> {
            PolicyRecord policy = Entities.policy(writer, request.policyArn());
            writer.put(Kind.POLICIES, IamReader.key(policy.accountId(), policy.name()), policy.withTags(Tagging.merge(policy.tags(), tags)));
            return null;
        });
        return null;
    }

    private Void untagPolicy(RequestContext context, UntagPolicyRequest request)
    {
        readPolicy(context, "UntagPolicy", request.policyArn());
        iam.store().write(writer -> {
            PolicyRecord policy = Entities.policy(writer, request.policyArn());
            writer.put(Kind.POLICIES, IamReader.key(policy.accountId(), policy.name()), policy.withTags(Tagging.remove(policy.tags(), request.tagKeys())));
            return null;
        });
        return null;
    }

    private Users.ListTagsResult listPolicyTags(RequestContext context, ListPolicyTagsRequest request)
    {
        PolicyRecord policy = readPolicy(context, "ListPolicyTags", request.policyArn());
        Paging<Tag> page = Paging.page(policy.tags(), request.marker(), request.maxItems());
        return new Users.ListTagsResult(page.items(), page.isTruncated(), page.marker());
    }
}
