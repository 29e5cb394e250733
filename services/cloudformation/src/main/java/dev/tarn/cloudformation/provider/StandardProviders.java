package dev.tarn.cloudformation.provider;

import dev.tarn.cloudformation.provider.cloudformation.WaitConditionHandleProvider;
import dev.tarn.cloudformation.provider.cloudformation.WaitConditionProvider;
import dev.tarn.cloudformation.provider.iam.AccessKeyProvider;
import dev.tarn.cloudformation.provider.iam.GroupProvider;
import dev.tarn.cloudformation.provider.iam.InstanceProfileProvider;
import dev.tarn.cloudformation.provider.iam.ManagedPolicyProvider;
import dev.tarn.cloudformation.provider.iam.PolicyProvider;
import dev.tarn.cloudformation.provider.iam.RoleProvider;
import dev.tarn.cloudformation.provider.iam.UserProvider;
import dev.tarn.cloudformation.provider.iam.UserToGroupAdditionProvider;
import dev.tarn.cloudformation.provider.kms.AliasProvider;
import dev.tarn.cloudformation.provider.kms.KeyProvider;
import dev.tarn.cloudformation.provider.s3.BucketPolicyProvider;
import dev.tarn.cloudformation.provider.s3.BucketProvider;

import java.util.List;

/** The resource types of the services Tarn has. */
public final class StandardProviders
{
    private StandardProviders() {}

    public static List<ResourceProvider> all()
    {
        return List.of(new BucketProvider(), new BucketPolicyProvider(), new KeyProvider(), new AliasProvider(), new WaitConditionHandleProvider(),
                new WaitConditionProvider(), new UserProvider(), new GroupProvider(), new RoleProvider(), new PolicyProvider(), new ManagedPolicyProvider(),
                new AccessKeyProvider(), new UserToGroupAdditionProvider(), new InstanceProfileProvider());
    }
}
