package dev.tarn.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One statement of a policy document, compiled: its patterns and conditions are ready to match
 * requests without further parsing. Immutable, so documents can be cached and shared.
 */
public final class Statement
{
    private final int index;
    private final Optional<String> sid;
    private final Effect effect;
    private final ActionSet actions;
    private final Optional<ResourceSet> resources;
    private final Optional<PrincipalSet> principals;
    private final List<Condition> conditions;
    private final List<String> requiredVariables;
    private final SourcePosition start;
    private final SourcePosition end;

    Statement(int index, Optional<String> sid, Effect effect, ActionSet actions, Optional<ResourceSet> resources,
            Optional<PrincipalSet> principals, List<Condition> conditions, Set<String> requiredVariables,
            SourcePosition start, SourcePosition end)
    {
        this.index = index;
        this.sid = requireNonNull(sid, "sid is null");
        this.effect = requireNonNull(effect, "effect is null");
        this.actions = requireNonNull(actions, "actions is null");
        this.resources = requireNonNull(resources, "resources is null");
        this.principals = requireNonNull(principals, "principals is null");
        this.conditions = List.copyOf(conditions);
        this.requiredVariables = List.copyOf(requiredVariables);
        this.start = requireNonNull(start, "start is null");
        this.end = requireNonNull(end, "end is null");
    }

    /** The statement's place in its document's Statement list, from 0. */
    public int index()
    {
        return index;
    }

    public Optional<String> sid()
    {
        return sid;
    }

    public Effect effect()
    {
        return effect;
    }

    /** Where the statement's object begins in the document text. */
    public SourcePosition start()
    {
        return start;
    }

    /** Where the statement's object ends in the document text (just past its closing brace). */
    public SourcePosition end()
    {
        return end;
    }

    /** The Action or NotAction patterns as written. */
    public List<String> actionPatterns()
    {
        return actions.texts();
    }

    public boolean hasNotAction()
    {
        return actions.negated();
    }

    public boolean hasPrincipal()
    {
        return principals.isPresent();
    }

    boolean matchesAction(String lowerCaseAction)
    {
        return actions.matches(lowerCaseAction);
    }

    /**
     * How this statement's Principal or NotPrincipal names the caller. A statement without either
     * (an identity-based policy's) applies to its owner: {@link PrincipalMatch#DIRECT}.
     *
     * @param hasPermissionsBoundary AWS documents that a NotPrincipal Deny always applies to a
     *        principal with a permissions boundary, whatever it lists
     */
    PrincipalMatch matchPrincipal(RequestPrincipal principal, boolean hasPermissionsBoundary)
    {
        if (principals.isEmpty()) {
            return PrincipalMatch.DIRECT;
        }
        PrincipalSet set = principals.get();
        if (set.negated()) {
            return hasPermissionsBoundary || !set.exempts(principal) ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
        }
        return set.match(principal);
    }

    /**
     * Whether the resource and conditions hold for the request. A policy variable the request
     * can't resolve (no default, key absent or multivalued) makes the whole statement not apply,
     * as IAM documents ("any attempt to match it fails and causes the statement to be invalid").
     */
    boolean matchesResourceAndConditions(EvaluationRequest request)
    {
        for (String key : requiredVariables) {
            if (request.variables().resolve(key).isEmpty()) {
                return false;
            }
        }
        if (resources.isPresent() && !resources.get().matches(request.resourceArn(), request.variables())) {
            return false;
        }
        for (Condition condition : conditions) {
            if (!condition.holds(request)) {
                return false;
            }
        }
        return true;
    }

    List<Condition> conditions()
    {
        return conditions;
    }

    @Override
    public String toString()
    {
        return "Statement[" + index + "]" + sid.map(s -> " " + s).orElse("") + " " + effect.jsonName();
    }
}
