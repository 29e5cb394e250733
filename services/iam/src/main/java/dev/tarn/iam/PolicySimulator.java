package dev.tarn.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tarn.iam.store.Arns;
import dev.tarn.iam.store.GroupRecord;
import dev.tarn.iam.store.RoleRecord;
import dev.tarn.iam.store.UserRecord;
import dev.tarn.policy.ApplicablePolicies;
import dev.tarn.policy.AttachedPolicy;
import dev.tarn.policy.EvaluationRequest;
import dev.tarn.policy.EvaluationResult;
import dev.tarn.policy.MatchedStatement;
import dev.tarn.policy.PolicyEvaluator;
import dev.tarn.policy.PolicySource;
import dev.tarn.policy.RequestPrincipal;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * SimulatePrincipalPolicy: the engine's decision for a user's, group's or role's policies (plus
 * policies given in the request) on each action and resource, with the statements that decided.
 * Only the context keys given in ContextEntries are in the simulated request.
 */
final class PolicySimulator
{
    private final IamContext iam;
    private final PrincipalPolicies principals;
    private final ParsedPolicies parsed;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    PolicySimulator(IamContext iam, PrincipalPolicies principals, ParsedPolicies parsed)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.principals = requireNonNull(principals, "principals is null");
        this.parsed = requireNonNull(parsed, "parsed is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("SimulatePrincipalPolicy", SimulateRequest.class, this::simulate));
    }

    public record ContextEntry(String contextKeyName, List<String> contextKeyValues, Optional<String> contextKeyType) {}

    public record SimulateRequest(String policySourceArn, List<String> policyInputList, List<String> permissionsBoundaryPolicyInputList,
            List<String> actionNames, List<String> resourceArns, Optional<String> resourcePolicy, Optional<String> resourceOwner,
            List<ContextEntry> contextEntries, Optional<String> marker, Optional<Integer> maxItems) {}

    public record Position(int line, int column) {}

    public record Statement(String sourcePolicyId, String sourcePolicyType, Position startPosition, Position endPosition) {}

    public record EvaluationResultShape(String evalActionName, String evalResourceName, String evalDecision, List<Statement> matchedStatements,
            List<String> missingContextValues) {}

    public record SimulateResult(List<EvaluationResultShape> evaluationResults, @JsonProperty("IsTruncated") boolean isTruncated, Optional<String> marker) {}

    private SimulateResult simulate(RequestContext context, SimulateRequest request)
    {
        String account = IamContext.account(context);
        String source = Validation.required("policySourceArn", request.policySourceArn());
        List<String> actions = orEmpty(request.actionNames());
        if (actions.isEmpty()) {
            throw Validation.error("actionNames", "Member must not be null");
        }
        PrincipalPolicies.Principal principal = iam.store().read(reader -> {
            Optional<Arns.ParsedArn> user = Arns.parse(source, "user");
            if (user.isPresent()) {
                UserRecord found = Entities.user(reader, account, user.get().name());
                return principals.user(reader, found);
            }
            Optional<Arns.ParsedArn> role = Arns.parse(source, "role");
            if (role.isPresent()) {
                RoleRecord found = Entities.role(reader, account, role.get().name());
                return principals.role(reader, found);
            }
            Optional<Arns.ParsedArn> group = Arns.parse(source, "group");
            if (group.isPresent()) {
                GroupRecord found = Entities.group(reader, account, group.get().name());
                ApplicablePolicies.Builder policies = ApplicablePolicies.builder();
                found.inlinePolicies().forEach((name, json) -> policies.identityPolicy(new AttachedPolicy(name, PolicySource.GROUP, parsed.identity(json))));
                found.attachedPolicies().forEach(arn -> Entities.findPolicy(reader, arn).ifPresent(policy ->
                        policies.identityPolicy(new AttachedPolicy(arn, PolicySource.USER_MANAGED, parsed.identity(policy.defaultVersion().document())))));
                // a group is simulated as a member of it
                String memberArn = "arn:aws:iam::" + account + ":user/" + found.name() + "-member";
                return new PrincipalPolicies.Principal(RequestPrincipal.user(account, memberArn, found.id(), Map.of()), policies.build());
            }
            throw IamErrors.INVALID_INPUT.exception("Invalid ARN for PolicySourceArn: " + source);
        });
        iam.authorize(context, "SimulatePrincipalPolicy", source);

        ApplicablePolicies base = principal.policies();
        ApplicablePolicies.Builder builder = ApplicablePolicies.builder().identityPolicies(base.identityPolicies());
        List<String> inputs = orEmpty(request.policyInputList());
        for (int i = 0; i < inputs.size(); i++) {
            builder.identityPolicy(new AttachedPolicy("PolicyInputList." + (i + 1), PolicySource.NONE, parsed.identity(inputs.get(i))));
        }
        List<String> boundaries = orEmpty(request.permissionsBoundaryPolicyInputList());
        if (!boundaries.isEmpty()) {
            builder.permissionsBoundary(new AttachedPolicy("PermissionsBoundaryPolicyInputList.1", PolicySource.NONE, parsed.identity(boundaries.get(0))));
        }
        else {
            base.permissionsBoundary().ifPresent(builder::permissionsBoundary);
        }
        base.sessionPolicies().forEach(builder::sessionPolicy);
        request.resourcePolicy().ifPresent(json -> builder.resourcePolicy(new AttachedPolicy("ResourcePolicy", PolicySource.RESOURCE, parsed.resource(json))));
        ApplicablePolicies policies = builder.build();

        List<String> resources = orEmpty(request.resourceArns()).isEmpty() ? List.of("*") : request.resourceArns();
        List<EvaluationResultShape> results = new ArrayList<>();
        for (String action : actions) {
            for (String resource : resources) {
                EvaluationRequest.Builder evaluation = EvaluationRequest.builder(principal.principal(), action, resource);
                request.resourceOwner().flatMap(PolicySimulator::accountOf).ifPresent(evaluation::resourceAccountId);
                Set<String> given = new HashSet<>();
                for (ContextEntry entry : orEmpty(request.contextEntries())) {
                    evaluation.contextKey(entry.contextKeyName(), orEmpty(entry.contextKeyValues()));
                    given.add(entry.contextKeyName().toLowerCase(java.util.Locale.ROOT));
                }
                EvaluationResult result = evaluator.evaluate(evaluation.build(), policies);
                List<String> missing = new ArrayList<>();
                for (AttachedPolicy policy : allPolicies(policies)) {
                    for (String key : policy.document().contextKeys()) {
                        if (!given.contains(key.toLowerCase(java.util.Locale.ROOT)) && !missing.contains(key) && !key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:principal")
                                && !key.equalsIgnoreCase("aws:username") && !key.equalsIgnoreCase("aws:userid")) {
                            missing.add(key);
                        }
                    }
                }
                results.add(new EvaluationResultShape(action, resource, result.decision().wireName(),
                        result.matchedStatements().stream().map(PolicySimulator::statement).toList(), missing));
            }
        }
        Paging<EvaluationResultShape> page = Paging.page(results, request.marker(), request.maxItems());
        return new SimulateResult(page.items(), page.isTruncated(), page.marker());
    }

    private static List<AttachedPolicy> allPolicies(ApplicablePolicies policies)
    {
        List<AttachedPolicy> all = new ArrayList<>(policies.identityPolicies());
        policies.permissionsBoundary().ifPresent(all::add);
        all.addAll(policies.sessionPolicies());
        policies.resourcePolicy().ifPresent(all::add);
        return all;
    }

    private static Statement statement(MatchedStatement matched)
    {
        return new Statement(matched.policy().id(), matched.policy().source().wireName(),
                new Position(matched.statement().start().line(), matched.statement().start().column()),
                new Position(matched.statement().end().line(), matched.statement().end().column()));
    }

    /** ResourceOwner is an account id or an account's ARN. */
    private static Optional<String> accountOf(String owner)
    {
        if (owner.matches("\\d{12}")) {
            return Optional.of(owner);
        }
        String[] parts = owner.split(":", 6);
        return parts.length == 6 && parts[4].matches("\\d{12}") ? Optional.of(parts[4]) : Optional.empty();
    }

    private static <T> List<T> orEmpty(List<T> list)
    {
        return list == null ? List.of() : list;
    }
}
