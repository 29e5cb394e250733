package dev.tarn.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A policy document, parsed, validated and compiled. Parse once (when the policy is stored or
 * first loaded) and share: the document is immutable and evaluating it allocates little.
 *
 * <p>{@link #parse(String, PolicyType)} applies the rules of one kind of policy; {@link
 * #parse(String)} takes either kind, deciding by whether the statements name principals. A
 * document that breaks a rule is rejected with IAM's {@code MalformedPolicyDocument} error,
 * whose message says what is wrong and where.
 */
public final class PolicyDocument
{
    private final PolicyType type;
    private final PolicyVersion version;
    private final Optional<String> id;
    private final List<Statement> statements;
    private final Set<String> contextKeys;

    PolicyDocument(PolicyType type, PolicyVersion version, Optional<String> id, List<Statement> statements, Set<String> contextKeys)
    {
        this.type = requireNonNull(type, "type is null");
        this.version = requireNonNull(version, "version is null");
        this.id = requireNonNull(id, "id is null");
        this.statements = List.copyOf(statements);
        this.contextKeys = Set.copyOf(contextKeys);
    }

    /**
     * Parses a document of either kind: one whose statements name principals is a resource-based
     * policy (and then all of them must), one whose statements don't is an identity-based policy.
     *
     * @throws dev.tarn.spi.error.AwsException MalformedPolicyDocument
     */
    public static PolicyDocument parse(String json)
    {
        return PolicyParser.parse(json, Optional.empty());
    }

    /**
     * Parses a document that must follow the rules of {@code type}.
     *
     * @throws dev.tarn.spi.error.AwsException MalformedPolicyDocument
     */
    public static PolicyDocument parse(String json, PolicyType type)
    {
        return PolicyParser.parse(json, Optional.of(requireNonNull(type, "type is null")));
    }

    /**
     * The size IAM counts against its policy size quotas: the characters of the document, not
     * counting white space outside of strings.
     */
    public static int size(String json)
    {
        requireNonNull(json, "json is null");
        int size = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                size++;
                if (c == '\\' && i + 1 < json.length()) {
                    size++;
                    i++;
                }
                else if (c == '"') {
                    inString = false;
                }
            }
            else if (!Character.isWhitespace(c)) {
                size++;
                inString = c == '"';
            }
        }
        return size;
    }

    /**
     * Rejects a document larger than a quota (see {@link PolicySizeLimits}) with IAM's
     * {@code LimitExceeded} error.
     *
     * @throws dev.tarn.spi.error.AwsException LimitExceeded
     */
    public static void checkSize(String json, int maxSize)
    {
        if (size(json) > maxSize) {
            throw PolicyErrors.LIMIT_EXCEEDED.exception("Cannot exceed quota for PolicySize: " + maxSize);
        }
    }

    public PolicyType type()
    {
        return type;
    }

    /** The language version in effect: the Version element, or 2008-10-17 without one. */
    public PolicyVersion version()
    {
        return version;
    }

    public Optional<String> id()
    {
        return id;
    }

    public List<Statement> statements()
    {
        return statements;
    }

    /**
     * The context keys the document's conditions and variables refer to, lower-cased: what
     * GetContextKeysForPolicy reports, and how a simulation finds the keys a request lacks.
     */
    public Set<String> contextKeys()
    {
        return contextKeys;
    }

    @Override
    public String toString()
    {
        return "PolicyDocument[" + type + ", " + version.text() + ", " + statements.size() + " statements]";
    }
}
