package dev.tarn.bench;

import dev.tarn.policy.ApplicablePolicies;
import dev.tarn.policy.AttachedPolicy;
import dev.tarn.policy.EvaluationRequest;
import dev.tarn.policy.PolicyDocument;
import dev.tarn.policy.PolicyEvaluator;
import dev.tarn.policy.PolicySource;
import dev.tarn.policy.PolicyType;
import dev.tarn.policy.RequestPrincipal;
import dev.tarn.s3.security.AccessControlList;
import dev.tarn.s3.security.AccessControlList.Grant;
import dev.tarn.s3.security.AccessControlList.Grantee;
import dev.tarn.s3.security.AccessControlList.Permission;
import dev.tarn.s3.security.AclStatements;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Access decisions per second with 1,000 bucket policies and ACL grants in play, in process: the
 * decision S3 takes for a cross-account request (the caller, an IAM user of another account with
 * 10 attached policies, on an object of one of 1,000 buckets, each with its own 4-statement bucket
 * policy, a 4-grant bucket ACL and a 3-grant object ACL), without HTTP, SigV4 or the metadata
 * store. Per decision, as {@code BucketAccess} does it: the ACL grants merged into the bucket
 * policy ({@link AclStatements}, which keeps merged documents), the merged document looked up in a parsed-document cache (as
 * IAM's {@code ParsedPolicies}), and the policy engine over identity and resource policies.
 *
 * <p>Requests cycle through the buckets and four actions: GetObject (allowed by the object ACL),
 * PutObject under the caller's prefix (allowed by the bucket policy), ListBucket (allowed by the
 * bucket ACL) and DeleteObject (denied: nothing grants it); every run checks that exactly those
 * were allowed. 1 and 2 threads, 5 runs each; the median is printed.
 *
 * <p>Usage: {@code AuthorizationBench decisions [decisions per run]} (default 100000).
 */
final class AccessDecisionBench
{
    private static final String OWNER = "111111111111";
    private static final String PARTNER = "222222222222";
    private static final String THIRD = "333333333333";
    private static final String USER_ARN = "arn:aws:iam::" + PARTNER + ":user/bench-reader";
    private static final int BUCKETS = 1000;
    private static final int IDENTITY_POLICIES = 10;
    private static final List<String> ACTIONS = List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject");
    private static final List<Integer> THREADS = List.of(1, 2);
    private static final int REPEATS = 5;
    private static final long RUN_TIME_LIMIT = TimeUnit.SECONDS.toNanos(60);

    private final int decisionsPerRun;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final RequestPrincipal principal = RequestPrincipal.user(PARTNER, USER_ARN, "AIDABENCHREADER00001", Map.of());
    private final ApplicablePolicies identity;
    private final List<Bucket> buckets = new ArrayList<>();
    private final Map<String, PolicyDocument> parsed = new ConcurrentHashMap<>();
    private final AclStatements statements = new AclStatements();

    private record Bucket(String name, String policy, AccessControlList bucketAcl, AccessControlList objectAcl) {}

    AccessDecisionBench(int decisionsPerRun)
    {
        if (decisionsPerRun < ACTIONS.size()) {
            throw new IllegalArgumentException("decisions per run must be at least " + ACTIONS.size());
        }
        this.decisionsPerRun = decisionsPerRun;
        ApplicablePolicies.Builder builder = ApplicablePolicies.builder();
        for (int i = 0; i < IDENTITY_POLICIES; i++) {
            String document = i == 0 ? AuthorizationBench.statementsAllowing("arn:aws:s3:::shared-*") : AuthorizationBench.policy(i);
            builder.identityPolicy(new AttachedPolicy("arn:aws:iam::" + PARTNER + ":policy/p" + i, PolicySource.USER_MANAGED,
                    PolicyDocument.parse(document, PolicyType.IDENTITY)));
        }
        this.identity = builder.build();
        for (int i = 0; i < BUCKETS; i++) {
            buckets.add(bucket(i));
        }
    }

    void run()
            throws Exception
    {
        System.out.printf(Locale.ROOT, "Access decision benchmark: %d buckets with their own policy and ACLs, %d identity policies, %d decisions per run%n",
                BUCKETS, IDENTITY_POLICIES, decisionsPerRun);
        System.out.println(IdentityBenchServer.describeMachine());
        decide(2, decisionsPerRun);
        System.out.printf(Locale.ROOT, "%n| Threads | Decisions per run | Decisions/s (median) | Runs | Distinct resource policies |%n");
        System.out.println("|---:|---:|---:|---|---:|");
        for (int threads : THREADS) {
            List<Double> rates = new ArrayList<>();
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                rates.add(decide(threads, decisionsPerRun));
            }
            System.out.printf(Locale.ROOT, "| %d | %d | %.0f | %s | %d |%n", threads, decisionsPerRun, IdentityBenchBatch.median(rates),
                    String.join(", ", rates.stream().map(rate -> String.format(Locale.ROOT, "%.0f", rate)).toList()), parsed.size());
        }
        System.out.println("load average at the end: " + IdentityBenchServer.loadAverage());
    }

    /** Decisions per second; fails when any decision is not the expected one. */
    private double decide(int threads, int decisions)
            throws Exception
    {
        IdentityBenchBatch.Result result = new IdentityBenchBatch(threads, RUN_TIME_LIMIT).run(decisions, index -> {
            String action = ACTIONS.get(index % ACTIONS.size());
            Bucket bucket = buckets.get((index / ACTIONS.size()) % BUCKETS);
            boolean allowed = allowed(bucket, action);
            if (allowed == action.equals("s3:DeleteObject")) {
                throw new IllegalStateException(action + " on " + bucket.name() + " was " + (allowed ? "allowed" : "denied"));
            }
            return 1;
        });
        if (result.operations() != decisions) {
            throw new IllegalStateException("only " + result.operations() + " of " + decisions + " decisions within the time limit");
        }
        return result.operationsPerSecond();
    }

    private boolean allowed(Bucket bucket, String action)
    {
        boolean objectAction = !action.equals("s3:ListBucket");
        String resource = "arn:aws:s3:::" + bucket.name() + (objectAction ? "/in/" + PARTNER + "/data.csv" : "");
        Optional<String> policy = statements.resourcePolicy(Optional.of(bucket.policy()), Optional.of(bucket.bucketAcl()),
                objectAction ? Optional.of(bucket.objectAcl()) : Optional.empty());
        PolicyDocument document = parsed.computeIfAbsent(policy.orElseThrow(), json -> PolicyDocument.parse(json, PolicyType.RESOURCE));
        ApplicablePolicies policies = identity.withResourcePolicy(new AttachedPolicy("resource policy", PolicySource.RESOURCE, document));
        EvaluationRequest request = EvaluationRequest.builder(principal, action, resource)
                .resourceAccountId(OWNER)
                .secureTransport(false)
                .requestedRegion("us-east-1")
                .sourceIp("127.0.0.1")
                .build();
        return evaluator.evaluate(request, policies).isAllowed();
    }

    private static Bucket bucket(int index)
    {
        String name = String.format(Locale.ROOT, "shared-%04d", index);
        String policy = """
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"PartnerWrites","Effect":"Allow","Principal":{"AWS":"%2$s"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::%1$s/in/%2$s/*"},
                 {"Sid":"AuditorReads","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%3$s:role/auditor"},"Action":["s3:GetObject","s3:ListBucket"],
                  "Resource":["arn:aws:s3:::%1$s","arn:aws:s3:::%1$s/*"]},
                 {"Sid":"TeamPrefix","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%4$s:root"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::%1$s",
                  "Condition":{"StringLike":{"s3:prefix":["team-%5$d/*"]}}},
                 {"Sid":"NoOldClients","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::%1$s/*",
                  "Condition":{"NumericLessThan":{"s3:TlsVersion":"1.2"}}}]}"""
                .formatted(name, PARTNER, THIRD, OWNER, index);
        AccessControlList bucketAcl = new AccessControlList(OWNER, List.of(
                new Grant(Grantee.account(OWNER), Permission.FULL_CONTROL),
                new Grant(Grantee.account(PARTNER), Permission.READ),
                new Grant(Grantee.account(THIRD), Permission.WRITE),
                new Grant(Grantee.group(AccessControlList.LOG_DELIVERY), Permission.WRITE)));
        AccessControlList objectAcl = new AccessControlList(OWNER, List.of(
                new Grant(Grantee.account(OWNER), Permission.FULL_CONTROL),
                new Grant(Grantee.account(PARTNER), Permission.READ),
                new Grant(Grantee.account(THIRD), Permission.READ_ACP)));
        return new Bucket(name, policy, bucketAcl, objectAcl);
    }
}
