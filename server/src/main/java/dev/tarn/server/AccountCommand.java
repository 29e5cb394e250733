package dev.tarn.server;

import dev.tarn.spi.error.AwsException;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.sqlite.SqliteMetadataStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tarn account create NAME [--email ADDRESS]}, {@code tarn account list} and
 * {@code tarn account set-email ACCOUNT_ID ADDRESS}. They open the
 * data dir's metadata store directly, so they work whether the server is stopped or running
 * (SQLite lets both write; the server looks up root keys it has not seen in the store), and need
 * no credentials beyond access to the data dir, like the root keys in DATA_DIR/credentials.
 */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Manage the accounts of this installation.",
        subcommands = {AccountCommand.Create.class, AccountCommand.ListAccounts.class, AccountCommand.SetEmail.class})
final class AccountCommand
        implements Runnable
{
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    abstract static class DataDirCommand
            implements Callable<Integer>
    {
        @Option(names = "--data-dir", defaultValue = "./data", description = "The installation's data dir (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Override
        public Integer call()
        {
            PrintStream out = System.out;
            if (!Files.isRegularFile(dataDir.resolve(SqliteMetadataStore.FILE_NAME))) {
                System.err.println("No Tarn installation in " + dataDir.toAbsolutePath() + " (start the server once with --data-dir to create it).");
                return 2;
            }
            MetadataStore metadata = SqliteMetadataStore.openInDirectory(dataDir);
            try {
                ServerConfig config = ServerConfig.fromEnvironment(dataDir, ServerConfig.DEFAULT_HOST, ServerConfig.DEFAULT_PORT, ServerConfig.DEFAULT_REGION,
                        System.getenv());
                SecureRandom random = new SecureRandom();
                AccountStore accounts = new AccountStore(metadata, RootAccount.loadOrCreate(metadata, config, random), random, Clock.systemUTC());
                return run(accounts, out);
            }
            catch (AwsException e) {
                System.err.println(e.code() + ": " + e.getMessage());
                return 1;
            }
            finally {
                out.flush();
                metadata.close();
            }
        }

        abstract int run(AccountStore accounts, PrintStream out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account; prints its id and its root user's access key.")
    static final class Create
            extends DataDirCommand
    {
        @Parameters(index = "0", paramLabel = "NAME", description = "The account's name.")
        String name;

        @Option(names = "--email", description = "The root user's email address (ACL grants can name the account by it).")
        Optional<String> email;

        @Override
        int run(AccountStore accounts, PrintStream out)
        {
            StoredAccount account = accounts.create(name, email);
            out.println("account_id = " + account.accountId());
            out.println("name = " + account.name());
            account.email().ifPresent(value -> out.println("email = " + value));
            out.println("aws_access_key_id = " + account.rootAccessKeyId());
            out.println("aws_secret_access_key = " + account.rootSecretAccessKey());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts: id, name, email.")
    static final class ListAccounts
            extends DataDirCommand
    {
        @Override
        int run(AccountStore accounts, PrintStream out)
        {
            accounts.accounts().forEach(account -> out.println(account.accountId() + "\t" + account.name() + "\t" + account.email().orElse("-")));
            return 0;
        }
    }

    @Command(name = "set-email", mixinStandardHelpOptions = true, description = "Set an account's root email address (the first account's too).")
    static final class SetEmail
            extends DataDirCommand
    {
        @Parameters(index = "0", paramLabel = "ACCOUNT_ID", description = "The account's 12-digit id.")
        String accountId;

        @Parameters(index = "1", paramLabel = "EMAIL", description = "The email address; ACL grants by email then name the account.")
        String email;

        @Override
        int run(AccountStore accounts, PrintStream out)
        {
            accounts.setEmail(accountId, email);
            out.println("account_id = " + accountId);
            out.println("email = " + email);
            return 0;
        }
    }
}
