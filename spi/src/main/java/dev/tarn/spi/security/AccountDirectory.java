package dev.tarn.spi.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The accounts of the installation, as services that name other accounts need them: S3 resolves
 * ACL grants by email address and checks that a granted account exists.
 */
public interface AccountDirectory
{
    List<Account> accounts();

    default Optional<Account> account(String accountId)
    {
        return accounts().stream().filter(account -> account.accountId().equals(accountId)).findFirst();
    }

    /** Email addresses are matched without regard to case, as AWS does. */
    default Optional<Account> accountByEmail(String email)
    {
        String wanted = email.toLowerCase(Locale.ROOT);
        return accounts().stream().filter(account -> account.email().map(value -> value.toLowerCase(Locale.ROOT).equals(wanted)).orElse(false)).findFirst();
    }

    /** A fixed directory (tests, tools that run without a server). */
    static AccountDirectory of(List<Account> accounts)
    {
        List<Account> copy = List.copyOf(accounts);
        return () -> copy;
    }

    /**
     * @param name the name given when the account was created
     * @param email the root user's email address, for ACL grants by email
     */
    record Account(String accountId, String name, Optional<String> email)
    {
        public Account
        {
            requireNonNull(accountId, "accountId is null");
            requireNonNull(name, "name is null");
            requireNonNull(email, "email is null");
        }
    }
}
