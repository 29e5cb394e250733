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

import static java.util.Objects.requireNonNull;

/**
 * Role sessions for services that act with a customer's role (CloudFormation's service role, a
 * Glue crawler's role). The session is stored like an AssumeRole session, so the authorizer
 * applies the role's policies to it; its credentials are never handed out.
 */
final class ServiceRoleSessions
        implements ServiceRoles
{
    // long enough for one stack operation or crawl; services open a new session for each
    private static final Duration SESSION_DURATION = Duration.ofHours(1);

    private final IamContext iam;
    private final ParsedPolicies parsed;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

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
        String userId = found.id() + ":" + sessionName;
        String sessionArn = "arn:aws:sts::" + found.accountId() + ":assumed-role/" + found.name() + "/" + sessionName;
        SessionRecord session = new SessionRecord(iam.ids().accessKeyId(true), iam.ids().secretAccessKey(), iam.ids().sessionToken(),
                iam.now().plus(SESSION_DURATION), found.accountId(), sessionArn, userId, false, Optional.empty(), Optional.of(found.name()),
                Optional.empty(), List.of());
        iam.store().write(writer -> {
            writer.put(Kind.SESSIONS, session.accessKeyId(), session);
            writer.put(Kind.SESSION_EXPIRY, Sessions.expiryId(session), session.accessKeyId());
            return null;
        });
        return Optional.of(new Caller(found.accountId(), sessionArn, userId, Optional.of(session.accessKeyId()), false));
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
