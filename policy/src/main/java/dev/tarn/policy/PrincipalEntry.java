package dev.tarn.policy;

import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** One principal named in a Principal or NotPrincipal element. */
record PrincipalEntry(Kind kind, String value)
{
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ROOT_ARN = Pattern.compile("arn:[a-z-]+:iam::(\\d{12}):root");
    private static final Pattern IDENTITY_ARN = Pattern.compile(
            "arn:[a-z-]+:(iam::\\d{12}:(user|role)/[^*?]+|sts::\\d{12}:(assumed-role/[^*?/]+/[^*?]+|federated-user/[^*?]+))");
    private static final Pattern UNIQUE_ID = Pattern.compile("A(IDA|ROA)[A-Z0-9]{12,}");

    enum Kind
    {
        ANY,
        ACCOUNT,
        ARN,
        UNIQUE_ID,
        SERVICE,
        FEDERATED,
        CANONICAL_USER,
    }

    PrincipalEntry
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(value, "value is null");
    }

    /** An entry of {@code "AWS": ...}: "*", an account id or root ARN, a user, role or session ARN, a unique id. */
    static Optional<PrincipalEntry> aws(String value)
    {
        if (value.equals("*")) {
            return Optional.of(new PrincipalEntry(Kind.ANY, "*"));
        }
        if (ACCOUNT_ID.matcher(value).matches()) {
            return Optional.of(new PrincipalEntry(Kind.ACCOUNT, value));
        }
        var root = ROOT_ARN.matcher(value);
        if (root.matches()) {
            return Optional.of(new PrincipalEntry(Kind.ACCOUNT, root.group(1)));
        }
        if (IDENTITY_ARN.matcher(value).matches()) {
            return Optional.of(new PrincipalEntry(Kind.ARN, value));
        }
        if (UNIQUE_ID.matcher(value).matches()) {
            return Optional.of(new PrincipalEntry(Kind.UNIQUE_ID, value));
        }
        return Optional.empty();
    }

    PrincipalMatch match(RequestPrincipal principal)
    {
        return switch (kind) {
            case ANY -> PrincipalMatch.DIRECT;
            case ACCOUNT -> principal.accountId().filter(value::equals).isPresent() ? accountMatch(principal) : PrincipalMatch.NONE;
            case CANONICAL_USER -> principal.canonicalUserId().filter(value::equals).isPresent() ? accountMatch(principal) : PrincipalMatch.NONE;
            case ARN -> value.equals(principal.arn()) ? PrincipalMatch.DIRECT
                    : principal.parentArn().filter(value::equals).isPresent() ? PrincipalMatch.PARENT : PrincipalMatch.NONE;
            case UNIQUE_ID -> principal.userId().map(id -> id.equals(value) ? PrincipalMatch.DIRECT
                    : id.startsWith(value + ":") ? PrincipalMatch.PARENT : PrincipalMatch.NONE).orElse(PrincipalMatch.NONE);
            case SERVICE -> principal.type() == PrincipalType.SERVICE && principal.arn().equalsIgnoreCase(value)
                    ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
            case FEDERATED -> principal.type() == PrincipalType.FEDERATED_IDENTITY && principal.arn().equals(value)
                    ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
        };
    }

    private static PrincipalMatch accountMatch(RequestPrincipal principal)
    {
        return principal.isRoot() ? PrincipalMatch.DIRECT : PrincipalMatch.ACCOUNT;
    }

    /** Whether this entry names the caller's account itself (NotPrincipal counts identities one by one). */
    boolean namesAccountOf(RequestPrincipal principal)
    {
        return (kind == Kind.ACCOUNT && principal.accountId().filter(value::equals).isPresent())
                || (kind == Kind.CANONICAL_USER && principal.canonicalUserId().filter(value::equals).isPresent());
    }

    /** Whether this entry names exactly the given identity of the caller (its own ARN or its parent's). */
    boolean namesIdentity(RequestPrincipal principal, String identityArn)
    {
        return switch (kind) {
            case ARN -> value.equals(identityArn);
            case UNIQUE_ID -> identityArn.equals(principal.arn())
                    ? principal.userId().filter(value::equals).isPresent()
                    : principal.userId().filter(id -> id.startsWith(value + ":")).isPresent();
            case SERVICE -> principal.type() == PrincipalType.SERVICE && identityArn.equalsIgnoreCase(value);
            case FEDERATED -> principal.type() == PrincipalType.FEDERATED_IDENTITY && identityArn.equals(value);
            case ANY, ACCOUNT, CANONICAL_USER -> false;
        };
    }
}
