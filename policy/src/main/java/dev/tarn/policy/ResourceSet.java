package dev.tarn.policy;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A statement's Resource (or, negated, NotResource) element: case-sensitive ARN patterns, maybe with variables. */
record ResourceSet(List<PolicyString> patterns, boolean negated)
{
    ResourceSet
    {
        patterns = List.copyOf(requireNonNull(patterns, "patterns is null"));
    }

    boolean matches(String resourceArn, VariableResolver variables)
    {
        for (PolicyString pattern : patterns) {
            if (!pattern.mayMatch(resourceArn)) {
                continue;
            }
            Optional<int[]> tokens = pattern.resolve(variables);
            if (tokens.isPresent() && ArnMatching.matches(tokens.get(), resourceArn)) {
                return !negated;
            }
        }
        return negated;
    }
}
