package dev.tarn.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tarn.iam.store.Kind;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** Account aliases: at most one per account, and unique across the installation's accounts (as across AWS). */
final class AccountAliases
{
    private static final Pattern ALIAS = Pattern.compile("^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$");

    private final IamContext iam;

    AccountAliases(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateAccountAlias", AliasRequest.class, this::create));
        registry.operation(new ActionOperation<>("DeleteAccountAlias", AliasRequest.class, this::delete));
        registry.operation(new ActionOperation<>("ListAccountAliases", ListRequest.class, this::list));
    }

    public record AliasRequest(String accountAlias) {}

    public record ListRequest(Optional<String> marker, Optional<Integer> maxItems) {}

    public record ListResult(List<String> accountAliases, @JsonProperty("IsTruncated") boolean isTruncated, Optional<String> marker) {}

    private Void create(RequestContext context, AliasRequest request)
    {
        String account = IamContext.account(context);
        String alias = alias(request.accountAlias());
        iam.authorize(context, "CreateAccountAlias", "*");
        iam.store().write(writer -> {
            Optional<String> owner = writer.get(Kind.ALIAS_ACCOUNTS, alias);
            if (owner.isPresent()) {
                if (owner.get().equals(account)) {
                    return null;
                }
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("The account alias " + alias + " already exists.");
            }
            // an account has one alias: a new one replaces the old, as IAM does
            writer.get(Kind.ACCOUNT_ALIASES, account).ifPresent(old -> writer.delete(Kind.ALIAS_ACCOUNTS, old));
            writer.put(Kind.ACCOUNT_ALIASES, account, alias);
            writer.put(Kind.ALIAS_ACCOUNTS, alias, account);
            return null;
        });
        return null;
    }

    private Void delete(RequestContext context, AliasRequest request)
    {
        String account = IamContext.account(context);
        String alias = alias(request.accountAlias());
        iam.authorize(context, "DeleteAccountAlias", "*");
        iam.store().write(writer -> {
            if (!writer.get(Kind.ACCOUNT_ALIASES, account).map(alias::equals).orElse(false)) {
                throw IamErrors.NO_SUCH_ENTITY.exception("The account alias " + alias + " cannot be found.");
            }
            writer.delete(Kind.ACCOUNT_ALIASES, account);
            writer.delete(Kind.ALIAS_ACCOUNTS, alias);
            return null;
        });
        return null;
    }

    private ListResult list(RequestContext context, ListRequest request)
    {
        String account = IamContext.account(context);
        iam.authorize(context, "ListAccountAliases", "*");
        List<String> aliases = iam.store().read(reader -> reader.get(Kind.ACCOUNT_ALIASES, account)).stream().toList();
        Paging<String> page = Paging.page(aliases, request.marker(), request.maxItems());
        return new ListResult(page.items(), page.isTruncated(), page.marker());
    }

    private static String alias(String alias)
    {
        Validation.required("accountAlias", alias);
        if (alias.length() < 3 || alias.length() > 63 || !ALIAS.matcher(alias).matches()) {
            throw IamErrors.VALIDATION_ERROR.exception("1 validation error detected: Value '" + alias
                    + "' at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$");
        }
        return alias;
    }
}
