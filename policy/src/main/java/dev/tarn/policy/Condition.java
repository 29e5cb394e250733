package dev.tarn.policy;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One test of a Condition element: an operator with its qualifiers applied to one key.
 *
 * <p>How a request's values meet the policy's (AWS, "Condition operators" and "Set operators
 * for multivalued context keys"):
 * <ul>
 * <li>a key missing from the request (or present with no values) makes the test false, true for a
 *     negated operator; {@code ...IfExists} makes it true; {@code ForAllValues:} makes it true
 *     (an empty set is a subset of anything), {@code ForAnyValue:} false;</li>
 * <li>without a set qualifier, a key with several values matches when any of them matches;</li>
 * <li>{@code ForAllValues:} every request value must pass the operator, {@code ForAnyValue:} at
 *     least one; for a negated operator, a value passes when it matches none of the policy's
 *     values;</li>
 * <li>{@code Null} tests presence only: {@code "true"} wants the key absent, {@code "false"} present.</li>
 * </ul>
 *
 * @param key the condition key in lower case (keys are case-insensitive)
 * @param keyText the key as the policy writes it
 */
record Condition(String operatorText, ConditionOperator operator, SetQualifier qualifier, boolean ifExists, String key,
        String keyText, List<String> values, ValueMatcher matcher)
{
    enum SetQualifier
    {
        NONE, FOR_ALL_VALUES, FOR_ANY_VALUE
    }

    Condition
    {
        requireNonNull(operatorText, "operatorText is null");
        requireNonNull(operator, "operator is null");
        requireNonNull(qualifier, "qualifier is null");
        requireNonNull(key, "key is null");
        requireNonNull(keyText, "keyText is null");
        values = List.copyOf(values);
        requireNonNull(matcher, "matcher is null");
    }

    boolean holds(EvaluationRequest request)
    {
        List<String> requestValues = request.contextValues(key);
        if (operator == ConditionOperator.NULL) {
            return matcher.matchesAny(requestValues.isEmpty() ? "true" : "false", request.variables());
        }
        if (requestValues.isEmpty()) {
            if (ifExists) {
                return true;
            }
            return switch (qualifier) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> operator.isNegated();
            };
        }
        return switch (qualifier) {
            case NONE -> operator.isNegated() != anyMatches(requestValues, request.variables());
            case FOR_ALL_VALUES -> {
                for (String value : requestValues) {
                    if (!passes(value, request.variables())) {
                        yield false;
                    }
                }
                yield true;
            }
            case FOR_ANY_VALUE -> {
                for (String value : requestValues) {
                    if (passes(value, request.variables())) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    private boolean anyMatches(List<String> requestValues, VariableResolver variables)
    {
        for (String value : requestValues) {
            if (matcher.matchesAny(value, variables)) {
                return true;
            }
        }
        return false;
    }

    private boolean passes(String value, VariableResolver variables)
    {
        return operator.isNegated() != matcher.matchesAny(value, variables);
    }
}
