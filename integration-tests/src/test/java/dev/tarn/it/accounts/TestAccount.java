package dev.tarn.it.accounts;

import dev.tarn.it.TestServer;
import dev.tarn.server.StoredAccount;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;

import java.util.Optional;
import java.util.UUID;

/** A second (third, ...) account of a test server, with its root user's keys. */
record TestAccount(String accountId, StaticCredentialsProvider root)
{
    static TestAccount create(TestServer server, String name, Optional<String> email)
    {
        StoredAccount account = server.server().accounts().create(name, email);
        return new TestAccount(account.accountId(), StaticCredentialsProvider.create(AwsBasicCredentials.create(account.rootAccessKeyId(), account.rootSecretAccessKey())));
    }

    /** An IAM user of {@code iam}'s account with one inline policy (none when empty), and its keys. */
    static StaticCredentialsProvider user(IamClient iam, String userName, Optional<String> policy)
    {
        iam.createUser(request -> request.userName(userName));
        policy.ifPresent(document -> iam.putUserPolicy(request -> request.userName(userName).policyName("p").policyDocument(document)));
        CreateAccessKeyResponse key = iam.createAccessKey(request -> request.userName(userName));
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKey().accessKeyId(), key.accessKey().secretAccessKey()));
    }

    /** A bucket with a random suffix and the given Object Ownership. */
    static String createBucket(S3Client s3, String prefix, ObjectOwnership ownership)
    {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(request -> request.bucket(name).objectOwnership(ownership));
        return name;
    }

    static String allowAll()
    {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
    }
}
