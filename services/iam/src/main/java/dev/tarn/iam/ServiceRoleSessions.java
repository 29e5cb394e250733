package dev.tarn.iam;

import dev.tarn.iam.store.Arns;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.RoleRecord;
import dev.tarn.iam.store.SessionRecord;
import dev.tarn.policy.ApplicablePolicies;
import dev.tarn.policy.AttachedPolicy;
import dev.tarn.policy.EvaluationRequest;
import dev.tarn.policy.PolicyEvaluator;
import dev.tarn.policy.PolicySource;
import dev.tarn.policy.RequestPrincipal;
import dev.tarn.spi.security.AuthorizationRequest;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.security.ServiceRoles;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Role sessions for services that act with a customer's role (CloudFormation's service role, a
 * Glue crawler's role). The session is stored like an AssumeRole session, so the authorizer
 * applies the role's policies to it; its credentials are never handed out. A session is reused
 * for the same role, service and session name while it has a while to live, so frequent stack
 * operations or scheduled crawls do not pile up stored sessions; the trust policy is checked on
 * every call all the same.
 */
final class ServiceRoleSessions
        implements ServiceRoles
{
    private static final Duration SESSION_DURATION = Duration.ofHours(1);
    // a session handed out lives at least this long, for the operation or crawl that asked for it
    private static final Duration MINIMUM_REMAINING = Duration.ofMinutes(30);

    private final IamContext iam;
    private final ParsedPolicies parsed;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final Map<String, SessionRecord> recent = new ConcurrentHashMap<>();

    ServiceRoleSessions(IamContext iam, ParsedPolicies parsed)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.parsed = requireNonNull(parsed, "parsed is null");
    }

    @Override
    public void authorizePass(RequestContext context, String roleArn, String servicePrincipal)
    {
        requireNonNull(roleArn, "roleArn is null");
        requireNonNull(servicePrincipal, "servicePrincipal is null");
        String account = Arns.parse(roleArn, "role").map(Arns.ParsedArn::accountId).orElse(context.caller().accountId());
        iam.authorizer().authorize(context, new AuthorizationRequest("iam:PassRole", roleArn, Optional.of(account),
                Map.of("iam:PassedToService", List.of(servicePrincipal))));
    }

    @Override
    public Optional<Caller> assume(String roleArn, String servicePrincipal, String sessionName)
    {
        requireNonNull(roleArn, "roleArn is null");
        requireNonNull(servicePrincipal, "servicePrincipal is null");
        requireNonNull(sessionName, "sessionName is null");
        Optional<RoleRecord> role = Arns.parse(roleArn, "role")
                .flatMap(parsedArn -> iam.store().read(reader -> reader.get(Kind.ROLES, IamReader.key(parsedArn.accountId(), parsedArn.name()))))
                .filter(found -> found.arn().equals(roleArn));
        if (role.isEmpty() || !trusts(role.get(), servicePrincipal)) {
            return Optional.empty();
        }
        RoleRecord found = role.get();
        // the role id tells a role from a later one of the same name
        String userId = found.id() + ":" + sessionName;
        String key = servicePrincipal + " " + roleArn + " " + sessionName;
        SessionRecord session = recent.compute(key, (ignored, previous) -> {
            if (previous != null && previous.callerUserId().equals(userId) && previous.expiration().isAfter(iam.now().plus(MINIMUM_REMAINING))) {
                return previous;
            }
            return newSession(found, userId, sessionName);
        });
        return Optional.of(new Caller(session.accountId(), session.callerArn(), userId, Optional.of(session.accessKeyId()), false));
    }

    private SessionRecord newSession(RoleRecord role, String userId, String sessionName)
    {
        String sessionArn = "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/" + sessionName;
        SessionRecord session = new SessionRecord(iam.ids().accessKeyId(true), iam.ids().secretAccessKey(), iam.ids().sessionToken(),
                iam.now().plus(SESSION_DURATION), role.accountId(), sessionArn, userId, false, Optional.empty(), Optional.of(role.name()),
                Optional.empty(), List.of());
        iam.store().write(writer -> {
            writer.put(Kind.SESSIONS, session.accessKeyId(), session);
            writer.put(Kind.SESSION_EXPIRY, Sessions.expiryId(session), session.accessKeyId());
            return null;
        });
        return session;
    }

    /** Whether the trust policy allows the service sts:AssumeRole (a service has no identity policies: only the trust policy can). */
    private boolean trusts(RoleRecord role, String servicePrincipal)
    {
        EvaluationRequest request = EvaluationRequest.builder(RequestPrincipal.service(servicePrincipal), "sts:AssumeRole", role.arn())
                .resourceAccountId(role.accountId())
                .currentTime(iam.clock().instant())
                .build();
        ApplicablePolicies trust = ApplicablePolicies.NONE.withResourcePolicy(
                new AttachedPolicy("trust policy", PolicySource.RESOURCE, parsed.resource(role.trustPolicy())));
        return evaluator.evaluate(request, trust).isAllowed();
    }
}
