package dev.tarn.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tarn.spi.error.AwsErrorCode;
import dev.tarn.spi.security.AccountDirectory;
import dev.tarn.spi.security.CredentialResolver;
import dev.tarn.spi.security.SigningCredential;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.StoredDocument;
import dev.tarn.storage.meta.MetadataStore;

import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The installation's accounts: the first (as {@link RootAccount} keeps it, unchanged since
 * single-account installations) and those created later, stored as documents. Root keys of later
 * accounts are looked up in the store when first seen, so an account created by
 * {@code tarn account create} against the data dir of a running server works at once.
 */
public final class AccountStore
        implements AccountDirectory, CredentialResolver
{
    static final String COLLECTION = "accounts";
    /** Root access key id to account id, so a key is found with one read. */
    static final String ROOT_KEYS = "account-root-keys";
    /** The first account's email address: a document, so that it is checked for uniqueness in the same transaction as the others'. */
    static final String FIRST_ACCOUNT = "first-account";
    private static final String FIRST_EMAIL = "email";
    private static final int PAGE = 500;
    private static final Pattern NAME = Pattern.compile("[\\p{Print}&&[^<>\\\\]]{1,50}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]+");
    static final AwsErrorCode DUPLICATE_EMAIL = new AwsErrorCode("DuplicateAccountException", 409, "An account with this email address already exists.");
    static final AwsErrorCode INVALID_INPUT = new AwsErrorCode("InvalidInputException", 400, "The input is not valid.");
    static final AwsErrorCode ACCOUNT_NOT_FOUND = new AwsErrorCode("AccountNotFoundException", 400, "The account does not exist in this installation.");

    private final MetadataStore metadata;
    private final RootAccount first;
    private final SecureRandom random;
    private final Clock clock;
    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .build();
    /** Root keys never change once created, so a found key can be kept. */
    private final Map<String, SigningCredential> credentials = new ConcurrentHashMap<>();

    public AccountStore(MetadataStore metadata, RootAccount first, SecureRandom random, Clock clock)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.first = requireNonNull(first, "first is null");
        this.random = requireNonNull(random, "random is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public RootAccount first()
    {
        return first;
    }

    /** Creates an account with a new 12-digit id and root access key. */
    public StoredAccount create(String name, Optional<String> email)
    {
        requireNonNull(name, "name is null");
        requireNonNull(email, "email is null");
        if (!NAME.matcher(name).matches()) {
            throw INVALID_INPUT.exception("The account name must be 1 to 50 printable characters other than <, > and \\.");
        }
        email.ifPresent(AccountStore::checkEmail);
        return metadata.write(transaction -> {
            if (email.isPresent() && accountByEmail(email.get(), accounts(transaction)).isPresent()) {
                throw DUPLICATE_EMAIL.exception();
            }
            String accountId;
            do {
                accountId = RootAccount.newAccountId(random);
            }
            while (accountId.equals(first.accountId()) || transaction.document(COLLECTION, accountId).isPresent());
            StoredAccount account = new StoredAccount(accountId, name, email, RootAccount.newAccessKeyId(random), RootAccount.newSecret(random), clock.instant());
            transaction.putDocument(new StoredDocument(COLLECTION, accountId, write(account)));
            transaction.putDocument(new StoredDocument(ROOT_KEYS, account.rootAccessKeyId(), accountId));
            return account;
        });
    }

    /**
     * Sets an account's root email address (the first account's too), by which ACL grants name it;
     * an address another account has is DuplicateAccountException.
     */
    public Account setEmail(String accountId, String email)
    {
        requireNonNull(accountId, "accountId is null");
        checkEmail(requireNonNull(email, "email is null"));
        return metadata.write(transaction -> {
            Optional<Account> holder = accountByEmail(email, accounts(transaction));
            if (holder.isPresent() && !holder.get().accountId().equals(accountId)) {
                throw DUPLICATE_EMAIL.exception();
            }
            if (accountId.equals(first.accountId())) {
                transaction.putDocument(new StoredDocument(FIRST_ACCOUNT, FIRST_EMAIL, email));
                return firstAccount(transaction);
            }
            StoredAccount account = transaction.document(COLLECTION, accountId).map(this::read)
                    .orElseThrow(() -> ACCOUNT_NOT_FOUND.exception("Account " + accountId + " does not exist in this installation."));
            StoredAccount updated = account.withEmail(Optional.of(email));
            transaction.putDocument(new StoredDocument(COLLECTION, accountId, write(updated)));
            return updated.account();
        });
    }

    /** The first account as the directory lists it, with the email address set for it if any. */
    public Account firstAccount()
    {
        return metadata.read(this::firstAccount);
    }

    private Account firstAccount(MetadataReader reader)
    {
        return first.account(reader.document(FIRST_ACCOUNT, FIRST_EMAIL).map(StoredDocument::body));
    }

    private static void checkEmail(String email)
    {
        if (!EMAIL.matcher(email).matches()) {
            throw INVALID_INPUT.exception("The email address is not valid: " + email);
        }
    }

    /** The accounts created after the first, by id. */
    public List<StoredAccount> stored()
    {
        return metadata.read(this::stored);
    }

    @Override
    public List<Account> accounts()
    {
        return metadata.read(this::accounts);
    }

    private List<Account> accounts(MetadataReader reader)
    {
        List<Account> accounts = new ArrayList<>();
        accounts.add(firstAccount(reader));
        stored(reader).forEach(account -> accounts.add(account.account()));
        return List.copyOf(accounts);
    }

    @Override
    public Optional<Account> accountByEmail(String email)
    {
        return accountByEmail(email, accounts());
    }

    /** The first account's root key, then later accounts' (see {@link #resolveLater}). */
    @Override
    public Optional<SigningCredential> resolve(String accessKeyId)
    {
        return resolveFirst(accessKeyId).or(() -> resolveLater(accessKeyId));
    }

    public Optional<SigningCredential> resolveFirst(String accessKeyId)
    {
        return first.accessKeyId().equals(accessKeyId) ? Optional.of(first.credential()) : Optional.empty();
    }

    /** Root keys of accounts created after the first: one store read the first time a key is seen, then kept. */
    public Optional<SigningCredential> resolveLater(String accessKeyId)
    {
        SigningCredential known = credentials.get(accessKeyId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<SigningCredential> found = metadata.read(reader -> reader.document(ROOT_KEYS, accessKeyId)
                .flatMap(index -> reader.document(COLLECTION, index.body())))
                .map(this::read)
                .filter(account -> account.rootAccessKeyId().equals(accessKeyId))
                .map(StoredAccount::credential);
        found.ifPresent(credential -> credentials.put(accessKeyId, credential));
        return found;
    }

    private static Optional<Account> accountByEmail(String email, List<Account> accounts)
    {
        String wanted = email.toLowerCase(Locale.ROOT);
        return accounts.stream().filter(account -> account.email().map(value -> value.toLowerCase(Locale.ROOT).equals(wanted)).orElse(false)).findFirst();
    }

    private List<StoredAccount> stored(MetadataReader reader)
    {
        List<StoredAccount> accounts = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            List<StoredDocument> page = reader.documents(COLLECTION, "", after, PAGE);
            for (StoredDocument document : page) {
                accounts.add(read(document));
            }
            if (page.size() < PAGE) {
                return accounts;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
    }

    private StoredAccount read(StoredDocument document)
    {
        try {
            return json.readValue(document.body(), StoredAccount.class);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable account document " + document.id(), e);
        }
    }

    private String write(StoredAccount account)
    {
        try {
            return json.writeValueAsString(account);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
