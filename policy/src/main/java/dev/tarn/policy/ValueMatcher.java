package dev.tarn.policy;

/** A condition's policy values, compiled for one operator family. */
@FunctionalInterface
interface ValueMatcher
{
    /**
     * Whether one value from the request matches any of the policy's values under the positive
     * form of the operator (StringEquals for StringNotEquals): values of one key are OR'ed.
     */
    boolean matchesAny(String contextValue, VariableResolver variables);
}
