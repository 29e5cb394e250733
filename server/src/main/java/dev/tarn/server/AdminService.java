package dev.tarn.server;

import dev.tarn.s3.CanonicalUser;
import dev.tarn.spi.error.CommonErrors;
import dev.tarn.spi.security.AccountDirectory;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.AwsService;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.spi.service.ServiceDescriptor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Tarn's own administration API, for the console and scripts: JSON 1.1 signed with SigV4 as
 * service {@code tarn}, {@code X-Amz-Target: TarnAdmin.<Operation>}. Only the installation's
 * first root user may call it; everyone else is AccessDenied. Operations: CreateAccount
 * (AccountName, Email) answering the new account's id and root access key, ListAccounts, and
 * SetAccountEmail (AccountId, Email), which also gives the first account its address.
 */
public final class AdminService
        implements AwsService
{
    public static final String SIGNING_NAME = "tarn";
    public static final String TARGET_PREFIX = "TarnAdmin";

    private final AccountStore accounts;

    public AdminService(AccountStore accounts)
    {
        this.accounts = requireNonNull(accounts, "accounts is null");
    }

    @Override
    public ServiceDescriptor descriptor()
    {
        return ServiceDescriptor.json(SIGNING_NAME, TARGET_PREFIX, "1.1");
    }

    @Override
    public void registerOperations(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateAccount", CreateAccountRequest.class, this::createAccount));
        registry.operation(new ActionOperation<>("ListAccounts", ListAccountsRequest.class, this::listAccounts));
        registry.operation(new ActionOperation<>("SetAccountEmail", SetAccountEmailRequest.class, this::setAccountEmail));
    }

    private CreateAccountResult createAccount(RequestContext context, CreateAccountRequest request)
    {
        requireAdministrator(context.caller());
        if (request.accountName() == null) {
            throw AccountStore.INVALID_INPUT.exception("AccountName is required.");
        }
        StoredAccount account = accounts.create(request.accountName(), request.email());
        return new CreateAccountResult(AccountSummary.of(account.account(), account.createdAt()),
                new RootAccessKey(account.rootAccessKeyId(), account.rootSecretAccessKey()));
    }

    private ListAccountsResult listAccounts(RequestContext context, ListAccountsRequest request)
    {
        requireAdministrator(context.caller());
        List<AccountSummary> summaries = new java.util.ArrayList<>();
        summaries.add(AccountSummary.of(accounts.firstAccount(), Optional.empty()));
        accounts.stored().forEach(account -> summaries.add(AccountSummary.of(account.account(), account.createdAt())));
        return new ListAccountsResult(summaries);
    }

    private SetAccountEmailResult setAccountEmail(RequestContext context, SetAccountEmailRequest request)
    {
        requireAdministrator(context.caller());
        if (request.accountId() == null || request.email() == null) {
            throw AccountStore.INVALID_INPUT.exception("AccountId and Email are required.");
        }
        AccountDirectory.Account account = accounts.setEmail(request.accountId(), request.email());
        Optional<Instant> createdAt = accounts.stored().stream().filter(stored -> stored.accountId().equals(account.accountId()))
                .map(StoredAccount::createdAt).findFirst();
        return new SetAccountEmailResult(AccountSummary.of(account, createdAt));
    }

    private void requireAdministrator(Caller caller)
    {
        if (!caller.root() || !caller.accountId().equals(accounts.first().accountId())) {
            throw CommonErrors.ACCESS_DENIED.exception("Only the root user of the installation's first account may administer accounts.");
        }
    }

    public record CreateAccountRequest(String accountName, Optional<String> email) {}

    public record ListAccountsRequest() {}

    public record SetAccountEmailRequest(String accountId, String email) {}

    public record SetAccountEmailResult(AccountSummary account) {}

    public record RootAccessKey(String accessKeyId, String secretAccessKey) {}

    public record AccountSummary(String accountId, String accountName, Optional<String> email, String canonicalUserId, Optional<Instant> createdAt)
    {
        static AccountSummary of(AccountDirectory.Account account, Instant createdAt)
        {
            return of(account, Optional.of(createdAt));
        }

        static AccountSummary of(AccountDirectory.Account account, Optional<Instant> createdAt)
        {
            return new AccountSummary(account.accountId(), account.name(), account.email(), CanonicalUser.of(account.accountId()).id(), createdAt);
        }
    }

    public record CreateAccountResult(AccountSummary account, RootAccessKey rootAccessKey) {}

    public record ListAccountsResult(List<AccountSummary> accounts) {}
}
