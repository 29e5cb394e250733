package dev.tarn.policy;

import java.util.Optional;

/** The single value of a request context key, as a policy variable uses it. */
@FunctionalInterface
interface VariableResolver
{
    /**
     * @param key the key in lower case
     * @return the key's value when the request has exactly one; empty when it has none or
     *         several (multivalued keys can't be variables)
     */
    Optional<String> resolve(String key);
}
