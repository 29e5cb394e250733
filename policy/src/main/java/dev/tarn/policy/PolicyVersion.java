package dev.tarn.policy;

import java.util.Optional;

/**
 * The policy language version (the Version element). A document without one is read as
 * 2008-10-17, the language before policy variables: {@code ${aws:username}} is then literal text.
 */
public enum PolicyVersion
{
    V2008_10_17("2008-10-17", false),
    V2012_10_17("2012-10-17", true);

    private final String text;
    private final boolean supportsVariables;

    PolicyVersion(String text, boolean supportsVariables)
    {
        this.text = text;
        this.supportsVariables = supportsVariables;
    }

    public String text()
    {
        return text;
    }

    public boolean supportsVariables()
    {
        return supportsVariables;
    }

    public static Optional<PolicyVersion> fromText(String text)
    {
        for (PolicyVersion version : values()) {
            if (version.text.equals(text)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }
}
