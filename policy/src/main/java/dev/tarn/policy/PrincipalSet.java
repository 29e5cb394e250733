package dev.tarn.policy;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A statement's Principal (or, negated, NotPrincipal) element. */
record PrincipalSet(List<PrincipalEntry> entries, boolean negated)
{
    PrincipalSet
    {
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
    }

    /**
     * How a Principal element names the caller: the strongest match among its entries.
     */
    PrincipalMatch match(RequestPrincipal principal)
    {
        PrincipalMatch best = PrincipalMatch.NONE;
        for (PrincipalEntry entry : entries) {
            best = best.strongest(entry.match(principal));
        }
        return best;
    }

    /**
     * Whether a NotPrincipal element exempts the caller. AWS checks each identity a request
     * carries (the account; then the user; or the role and then the session), and the statement
     * applies unless every one of them is listed; hence its advice to list the account ARN beside
     * the user, and the role beside the session.
     */
    boolean exempts(RequestPrincipal principal)
    {
        if (principal.type().hasAccount() && entries.stream().noneMatch(entry -> entry.namesAccountOf(principal))) {
            return false;
        }
        if (principal.isRoot()) {
            return true;
        }
        if (principal.parentArn().isPresent() && !names(principal, principal.parentArn().get())) {
            return false;
        }
        return names(principal, principal.arn());
    }

    private boolean names(RequestPrincipal principal, String identity)
    {
        for (PrincipalEntry entry : entries) {
            if (entry.namesIdentity(principal, identity)) {
                return true;
            }
        }
        return false;
    }
}
