package dev.tarn.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Whether authorization is a bottleneck: small-GET requests per second for the root user (no
 * policies to evaluate) and for an IAM user with 10 attached managed policies of several
 * statements each, only one of which allows s3:GetObject on the bucket. Both sign their requests
 * with SigV4 through the AWS SDK for Java v2 against a Tarn server in this JVM on 127.0.0.1.
 *
 * <p>After a warm-up, each number of concurrent clients (1, 8, 32) is measured for root and for
 * the user with the same number of requests, in alternating order, several times; the medians
 * and the user/root ratio are printed. Every run is bounded by its request count and a time limit.
 *
 * <p>Usage: {@code AuthorizationBench [requests per run]} (default 2000), or
 * {@code AuthorizationBench decisions [decisions per run]} for {@link AccessDecisionBench}: access
 * decisions per second in process with 1,000 bucket policies and ACL grants in play.
 */
public final class AuthorizationBench
{
    private static final String BUCKET = "auth-bench";
    private static final int OBJECT_BYTES = 4 << 10;
    private static final int OBJECTS = 16;
    private static final int POLICIES = 10;
    private static final int ALLOWING_POLICY = 7;
    private static final List<Integer> CLIENTS = List.of(1, 8, 32);
    private static final int REPEATS = 3;
    private static final int WARMUP_REQUESTS = 3000;
    private static final long RUN_TIME_LIMIT = TimeUnit.SECONDS.toNanos(60);

    private final int requestsPerRun;

    private AuthorizationBench(int requestsPerRun)
    {
        this.requestsPerRun = requestsPerRun;
    }

    public static void main(String[] args)
            throws Exception
    {
        if (args.length > 0 && args[0].equals("decisions")) {
            new AccessDecisionBench(args.length > 1 ? Integer.parseInt(args[1]) : 100_000).run();
            return;
        }
        int requestsPerRun = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        if (requestsPerRun < 1) {
            throw new IllegalArgumentException("requests per run must be positive");
        }
        new AuthorizationBench(requestsPerRun).run();
    }

    private void run()
            throws Exception
    {
        System.out.printf(Locale.ROOT, "Authorization benchmark: GET of %d KiB objects, %d requests per run, %d runs per principal and client count%n",
                OBJECT_BYTES >> 10, requestsPerRun, REPEATS);
        System.out.println(IdentityBenchServer.describeMachine());
        try (IdentityBenchServer server = IdentityBenchServer.start("auth-bench")) {
            AwsCredentialsProvider user;
            try (IamClient iam = server.iam(); S3Client setup = server.s3(server.rootCredentials(), 4)) {
                setup.createBucket(request -> request.bucket(BUCKET));
                byte[] body = new byte[OBJECT_BYTES];
                new Random(1).nextBytes(body);
                for (int i = 0; i < OBJECTS; i++) {
                    String key = key(i);
                    setup.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
                }
                user = createUser(iam);
            }
            int maxClients = CLIENTS.get(CLIENTS.size() - 1);
            try (S3Client root = server.s3(server.rootCredentials(), maxClients);
                    S3Client reader = server.s3(user, maxClients)) {
                checkUserIsLimited(reader);
                // both JVM sides compiled, connection pools filled, caches warm
                get(root, 8, WARMUP_REQUESTS);
                get(reader, 8, WARMUP_REQUESTS);
                measure(root, reader);
            }
        }
        System.out.println("load average at the end: " + IdentityBenchServer.loadAverage());
    }

    private void measure(S3Client root, S3Client user)
            throws Exception
    {
        System.out.printf(Locale.ROOT, "%n| Clients | Requests per run | Root GET/s (median) | User GET/s (median) | User/root | Root runs | User runs | Load (1 min) |%n");
        System.out.println("|---:|---:|---:|---:|---:|---|---|---|");
        for (int clients : CLIENTS) {
            List<Double> rootRates = new ArrayList<>();
            List<Double> userRates = new ArrayList<>();
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                // alternate which principal goes first, so a drift in the machine's load favours neither
                if (repeat % 2 == 0) {
                    rootRates.add(get(root, clients, requestsPerRun));
                    userRates.add(get(user, clients, requestsPerRun));
                }
                else {
                    userRates.add(get(user, clients, requestsPerRun));
                    rootRates.add(get(root, clients, requestsPerRun));
                }
            }
            double rootMedian = IdentityBenchBatch.median(rootRates);
            double userMedian = IdentityBenchBatch.median(userRates);
            System.out.printf(Locale.ROOT, "| %d | %d | %.0f | %.0f | %.1f%% | %s | %s | %s |%n", clients, requestsPerRun, rootMedian, userMedian,
                    100 * userMedian / rootMedian, rates(rootRates), rates(userRates), IdentityBenchServer.loadAverage().split(" ")[0]);
        }
    }

    /** Requests per second of {@code requests} GETs on {@code clients} threads. */
    private static double get(S3Client s3, int clients, int requests)
            throws Exception
    {
        IdentityBenchBatch.Result result = new IdentityBenchBatch(clients, RUN_TIME_LIMIT)
                .run(requests, index -> s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(key(index % OBJECTS))).asByteArray().length);
        if (result.bytes() != (long) result.operations() * OBJECT_BYTES) {
            throw new IllegalStateException("GETs returned " + result.bytes() + " bytes for " + result.operations() + " requests");
        }
        return result.operationsPerSecond();
    }

    private static AwsCredentialsProvider createUser(IamClient iam)
    {
        String userName = "bench-reader";
        iam.createUser(request -> request.userName(userName));
        for (int i = 0; i < POLICIES; i++) {
            String name = "bench-policy-" + i;
            String document = policy(i);
            String arn = iam.createPolicy(request -> request.policyName(name).policyDocument(document)).policy().arn();
            iam.attachUserPolicy(request -> request.userName(userName).policyArn(arn));
        }
        AccessKey key = iam.createAccessKey(request -> request.userName(userName)).accessKey();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
    }

    /**
     * Five statements on other buckets and services, with conditions, and a deny fenced by region
     * (which the engine evaluates on every request and never applies); only policy
     * {@value #ALLOWING_POLICY} allows s3:GetObject on the benchmark's bucket.
     */
    static String policy(int index)
    {
        String other = "arn:aws:s3:::team-" + index;
        String getStatement = index == ALLOWING_POLICY
                ? statement("Allow", "\"s3:GetObject\"", "\"arn:aws:s3:::" + BUCKET + "/*\"", "")
                : statement("Allow", "\"s3:GetObject\"", "\"" + other + "/*\"", "{\"IpAddress\":{\"aws:SourceIp\":\"10." + index + ".0.0/16\"}}");
        return "{\"Version\":\"2012-10-17\",\"Statement\":["
                + statement("Allow", "[\"s3:PutObject\",\"s3:AbortMultipartUpload\"]", "\"" + other + "/uploads/*\"", "") + ","
                + statement("Allow", "\"s3:ListBucket\"", "\"" + other + "\"", "{\"StringLike\":{\"s3:prefix\":[\"team-" + index + "/*\",\"shared/*\"]}}") + ","
                + statement("Allow", "[\"dynamodb:GetItem\",\"dynamodb:Query\"]", "\"arn:aws:dynamodb:us-east-1:*:table/team-" + index + "-*\"", "") + ","
                + statement("Deny", "\"s3:*\"", "[\"arn:aws:s3:::" + BUCKET + "\",\"arn:aws:s3:::" + BUCKET + "/*\"]",
                        "{\"StringNotEquals\":{\"aws:RequestedRegion\":[\"us-east-1\",\"eu-west-" + (index % 3 + 1) + "\"]}}") + ","
                + getStatement
                + "]}";
    }

    /** An identity policy like {@link #policy} whose one allowing statement is s3:GetObject, s3:PutObject, s3:ListBucket on {@code resource} and its objects. */
    static String statementsAllowing(String resource)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":["
                + statement("Allow", "[\"dynamodb:GetItem\",\"dynamodb:Query\"]", "\"arn:aws:dynamodb:us-east-1:*:table/shared-*\"", "") + ","
                + statement("Allow", "[\"s3:GetObject\",\"s3:PutObject\",\"s3:ListBucket\"]", "[\"" + resource + "\",\"" + resource + "/*\"]", "")
                + "]}";
    }

    private static String statement(String effect, String actions, String resources, String condition)
    {
        requireNonNull(condition, "condition is null");
        return "{\"Effect\":\"" + effect + "\",\"Action\":" + actions + ",\"Resource\":" + resources
                + (condition.isEmpty() ? "" : ",\"Condition\":" + condition) + "}";
    }

    /** The setup is what the figures claim: the user may GET in the bucket and nothing else there. */
    private static void checkUserIsLimited(S3Client user)
    {
        user.getObjectAsBytes(request -> request.bucket(BUCKET).key(key(0)));
        try {
            user.putObject(request -> request.bucket(BUCKET).key("denied"), RequestBody.fromString("x"));
            throw new IllegalStateException("the benchmark user may PUT: its policies are not as intended");
        }
        catch (S3Exception e) {
            if (e.statusCode() != 403) {
                throw e;
            }
        }
    }

    private static String key(int index)
    {
        return "objects/" + index;
    }

    private static String rates(List<Double> rates)
    {
        return String.join(", ", rates.stream().map(rate -> String.format(Locale.ROOT, "%.0f", rate)).toList());
    }
}
