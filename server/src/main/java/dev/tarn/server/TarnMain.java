package dev.tarn.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The {@code tarn} command line. */
@Command(name = "tarn", mixinStandardHelpOptions = true, version = "Tarn 0.1.0",
        description = "A data lake platform speaking the AWS APIs.",
        subcommands = {TarnMain.Server.class, AccountCommand.class})
public final class TarnMain
        implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args)
    {
        System.exit(new CommandLine(new TarnMain()).execute(args));
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "server", mixinStandardHelpOptions = true, description = "Start the Tarn server.")
    static final class Server
            implements Callable<Integer>
    {
        @Option(names = "--data-dir", defaultValue = "./data", description = "Where data and metadata live (default: ${DEFAULT-VALUE}).")
        private Path dataDir;

        @Option(names = "--host", defaultValue = ServerConfig.DEFAULT_HOST, description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        private String host;

        @Option(names = "--port", defaultValue = "" + ServerConfig.DEFAULT_PORT, description = "Port to listen on (default: ${DEFAULT-VALUE}).")
        private int port;

        @Option(names = "--region", defaultValue = ServerConfig.DEFAULT_REGION, description = "The region Tarn answers as (default: ${DEFAULT-VALUE}).")
        private String region;

        @Option(names = "--default-object-ownership", description = "Object Ownership of buckets created without x-amz-object-ownership: "
                + "BucketOwnerEnforced (ACLs disabled, AWS's default since 2023), BucketOwnerPreferred or ObjectWriter (ACLs enabled, the older default). "
                + "Default: TARN_DEFAULT_OBJECT_OWNERSHIP or BucketOwnerEnforced.")
        private String defaultObjectOwnership;

        @Option(names = "--lifecycle-day-seconds", description = "How many seconds \"one day\" of an S3 lifecycle rule lasts, for tests and demos "
                + "(default: TARN_LIFECYCLE_DAY_SECONDS, else 86400).")
        private Long lifecycleDaySeconds;

        @Option(names = "--root-email", description = "The first account's root email address, so ACL grants by email can name it "
                + "(default: TARN_ROOT_EMAIL; when neither is given, the address stored earlier, if any, stays).")
        private String rootEmail;

        @Override
        public Integer call()
                throws Exception
        {
            ServerConfig config = ServerConfig.fromEnvironment(dataDir, host, port, region, System.getenv());
            if (defaultObjectOwnership != null) {
                config = config.withDefaultObjectOwnership(defaultObjectOwnership);
            }
            if (lifecycleDaySeconds != null) {
                config = config.withLifecycleDay(java.time.Duration.ofSeconds(lifecycleDaySeconds));
            }
            if (rootEmail != null) {
                config = config.withRootEmail(rootEmail);
            }
            TarnServer server = TarnServer.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                }
                catch (Exception e) {
                    e.printStackTrace();
                }
            }, "tarn-shutdown"));
            server.join();
            return 0;
        }
    }
}
