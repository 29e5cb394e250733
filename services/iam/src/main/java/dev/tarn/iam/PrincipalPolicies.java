package dev.tarn.iam;

import dev.tarn.iam.store.Arns;
import dev.tarn.iam.store.GroupRecord;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.IamStore;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.PolicyHolder;
import dev.tarn.iam.store.RoleRecord;
import dev.tarn.iam.store.SessionRecord;
import dev.tarn.iam.store.Tag;
import dev.tarn.iam.store.UserRecord;
import dev.tarn.policy.ApplicablePolicies;
import dev.tarn.policy.AttachedPolicy;
import dev.tarn.policy.PolicySource;
import dev.tarn.policy.RequestPrincipal;
import dev.tarn.spi.security.Caller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Who a caller is to the policy engine and which policies apply to it: for a user its own inline
 * and attached policies, its groups' inline and attached policies and its permissions boundary;
 * for a role session the role's policies and boundary plus the session policies. Assembled once
 * per principal and kept until IAM's next write.
 */
final class PrincipalPolicies
{
    private static final int MAX_ENTRIES = 10_000;

    private final IamStore store;
    private final ParsedPolicies parsed;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    PrincipalPolicies(IamStore store, ParsedPolicies parsed)
    {
        this.store = requireNonNull(store, "store is null");
        this.parsed = requireNonNull(parsed, "parsed is null");
    }

    record Principal(RequestPrincipal principal, ApplicablePolicies policies) {}

    private record Cached(long generation, Principal principal) {}

    Principal of(Caller caller)
    {
        if (caller.root() && caller.accessKeyId().map(key -> !key.startsWith("ASIA")).orElse(true)) {
            return new Principal(RequestPrincipal.root(caller.accountId()), ApplicablePolicies.NONE);
        }
        String cacheKey = caller.accessKeyId().filter(key -> key.startsWith("ASIA")).orElse(caller.arn());
        long generation = store.generation();
        Cached cached = cache.get(cacheKey);
        if (cached != null && cached.generation() == generation) {
            return cached.principal();
        }
        Principal principal = store.read(reader -> assemble(reader, caller));
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(cacheKey, new Cached(generation, principal));
        return principal;
    }

    private Principal assemble(IamReader reader, Caller caller)
    {
        Optional<SessionRecord> session = caller.accessKeyId()
                .filter(key -> key.startsWith("ASIA"))
                .flatMap(key -> reader.get(Kind.SESSIONS, key));
        if (session.isPresent() && session.get().roleName().isPresent()) {
            return roleSession(reader, caller, session.get());
        }
        if (session.isPresent() && Sessions.federated(caller)) {
            return federatedUser(reader, caller, session.get());
        }
        if (caller.root()) {
            return new Principal(RequestPrincipal.root(caller.accountId()), ApplicablePolicies.NONE);
        }
        Optional<UserRecord> user = Arns.parse(caller.arn(), "user")
                .flatMap(parsedArn -> Entities.findUser(reader, caller.accountId(), parsedArn.name()))
                .filter(found -> found.id().equals(caller.userId()));
        if (user.isEmpty()) {
            // deleted since it authenticated: no policy applies any more
            return new Principal(RequestPrincipal.fromCaller(caller), ApplicablePolicies.NONE);
        }
        return user(reader, user.get());
    }

    Principal user(IamReader reader, UserRecord user)
    {
        RequestPrincipal principal = RequestPrincipal.user(user.accountId(), user.arn(), user.id(), tags(user.tags()));
        return new Principal(principal, userPolicies(reader, user).build());
    }

    private ApplicablePolicies.Builder userPolicies(IamReader reader, UserRecord user)
    {
        ApplicablePolicies.Builder policies = ApplicablePolicies.builder();
        addPolicies(reader, user, PolicySource.USER, policies);
        for (GroupRecord group : Groups.groupsOf(reader, user.accountId(), user.name())) {
            addPolicies(reader, group, PolicySource.GROUP, policies);
        }
        user.permissionsBoundary().flatMap(arn -> managed(reader, arn)).ifPresent(policies::permissionsBoundary);
        return policies;
    }

    /** A GetFederationToken session: the federating user's policies, intersected with the session policies by the engine. */
    private Principal federatedUser(IamReader reader, Caller caller, SessionRecord session)
    {
        Optional<UserRecord> user = session.userName().flatMap(name -> Entities.findUser(reader, session.accountId(), name));
        if (user.isEmpty()) {
            return new Principal(RequestPrincipal.fromCaller(caller), ApplicablePolicies.NONE);
        }
        ApplicablePolicies.Builder policies = userPolicies(reader, user.get());
        addSessionPolicies(reader, session, policies);
        return new Principal(RequestPrincipal.federatedUser(session.accountId(), caller.arn(), user.get().arn(), caller.userId()), policies.build());
    }

    private Principal roleSession(IamReader reader, Caller caller, SessionRecord session)
    {
        Optional<RoleRecord> role = reader.get(Kind.ROLES, IamReader.key(session.accountId(), session.roleName().get()))
                .filter(found -> caller.userId().startsWith(found.id() + ":"));
        if (role.isEmpty()) {
            return new Principal(RequestPrincipal.fromCaller(caller), ApplicablePolicies.NONE);
        }
        ApplicablePolicies.Builder policies = ApplicablePolicies.builder();
        addPolicies(reader, role.get(), PolicySource.ROLE, policies);
        role.get().permissionsBoundary().flatMap(arn -> managed(reader, arn)).ifPresent(policies::permissionsBoundary);
        addSessionPolicies(reader, session, policies);
        RequestPrincipal principal = RequestPrincipal.roleSession(session.accountId(), caller.arn(), role.get().arn(), caller.userId(),
                tags(role.get().tags()));
        return new Principal(principal, policies.build());
    }

    private void addSessionPolicies(IamReader reader, SessionRecord session, ApplicablePolicies.Builder policies)
    {
        session.sessionPolicy().ifPresent(json -> policies.sessionPolicy(new AttachedPolicy("session policy", PolicySource.NONE, parsed.identity(json))));
        for (String arn : session.policyArns()) {
            // a session policy ARN whose policy is gone allows nothing, but still makes the session bounded
            policies.sessionPolicy(managed(reader, arn).orElse(new AttachedPolicy(arn, PolicySource.USER_MANAGED,
                    parsed.identity("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"NotAction\":\"*\",\"Resource\":\"*\"}]}"))));
        }
    }

    Principal role(IamReader reader, RoleRecord role)
    {
        ApplicablePolicies.Builder policies = ApplicablePolicies.builder();
        addPolicies(reader, role, PolicySource.ROLE, policies);
        role.permissionsBoundary().flatMap(arn -> managed(reader, arn)).ifPresent(policies::permissionsBoundary);
        String sessionArn = "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/simulation";
        return new Principal(RequestPrincipal.roleSession(role.accountId(), sessionArn, role.arn(), role.id() + ":simulation", tags(role.tags())),
                policies.build());
    }

    private void addPolicies(IamReader reader, PolicyHolder holder, PolicySource inlineSource, ApplicablePolicies.Builder policies)
    {
        holder.inlinePolicies().forEach((name, json) -> policies.identityPolicy(new AttachedPolicy(name, inlineSource, parsed.identity(json))));
        for (String arn : holder.attachedPolicies()) {
            managed(reader, arn).ifPresent(policies::identityPolicy);
        }
    }

    private Optional<AttachedPolicy> managed(IamReader reader, String arn)
    {
        return Entities.findPolicy(reader, arn)
                .map(policy -> new AttachedPolicy(arn, PolicySource.USER_MANAGED, parsed.identity(policy.defaultVersion().document())));
    }

    private static Map<String, String> tags(List<Tag> tags)
    {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value()));
        return map;
    }
}
