package dev.tarn.policy;

import java.time.Instant;
import java.util.Map;

/**
 * A rough measure of decision cost, run by hand (it is not a test):
 * {@code java -cp <test and main classes and dependencies> dev.tarn.policy.PolicyEvaluationBenchmark}.
 * A user with ten attached policies of five statements each (wildcards, a variable, conditions)
 * and a bucket policy asks for an object; the request is built per decision, as a service would.
 */
public final class PolicyEvaluationBenchmark
{
    private PolicyEvaluationBenchmark() {}

    public static void main(String[] args)
    {
        ApplicablePolicies.Builder builder = ApplicablePolicies.builder();
        for (int i = 0; i < 10; i++) {
            builder.identityPolicy(new AttachedPolicy("policy-" + i, PolicySource.USER_MANAGED, PolicyDocument.parse("""
                    {"Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Action": ["ec2:Describe*", "ec2:Get*"], "Resource": "*"},
                      {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:*:*:table/team-%1$d-*"},
                      {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::bucket-%1$d/home/${aws:username}/*"},
                      {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::bucket-%1$d",
                       "Condition": {"StringLike": {"s3:prefix": ["home/${aws:username}/*"]}, "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}},
                      {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}
                    ]}""".formatted(i), PolicyType.IDENTITY)));
        }
        builder.resourcePolicy(new AttachedPolicy("bucket", PolicySource.RESOURCE, PolicyDocument.parse("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::bucket-9/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
                  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-9/*"}
                ]}""", PolicyType.RESOURCE)));
        ApplicablePolicies policies = builder.build();
        RequestPrincipal user = RequestPrincipal.user("111122223333", "arn:aws:iam::111122223333:user/bob", "AIDABOB", Map.of("team", "blue"));
        PolicyEvaluator evaluator = new PolicyEvaluator();
        Instant now = Instant.now();

        int allowed = 0;
        for (int round = 0; round < 5; round++) {
            int iterations = 1_000_000;
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                EvaluationRequest request = EvaluationRequest.builder(user, "s3:GetObject", "arn:aws:s3:::bucket-9/home/bob/file-" + (i & 7))
                        .resourceAccountId("111122223333")
                        .sourceIp("10.1.2.3")
                        .secureTransport(true)
                        .currentTime(now)
                        .requestedRegion("us-east-1")
                        .build();
                if (evaluator.evaluate(request, policies).isAllowed()) {
                    allowed++;
                }
            }
            long elapsed = System.nanoTime() - start;
            System.out.printf("round %d: %.2f µs per decision (request built and evaluated)%n", round, elapsed / 1000.0 / iterations);
        }
        EvaluationRequest built = EvaluationRequest.builder(user, "s3:GetObject", "arn:aws:s3:::bucket-9/home/bob/file")
                .resourceAccountId("111122223333")
                .sourceIp("10.1.2.3")
                .secureTransport(true)
                .currentTime(now)
                .requestedRegion("us-east-1")
                .build();
        for (int round = 0; round < 5; round++) {
            int iterations = 1_000_000;
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                if (evaluator.evaluate(built, policies).isAllowed()) {
                    allowed++;
                }
            }
            long elapsed = System.nanoTime() - start;
            System.out.printf("round %d: %.2f µs per decision (evaluation only)%n", round, elapsed / 1000.0 / iterations);
        }
        System.out.println("allowed " + allowed);
    }
}
