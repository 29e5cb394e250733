package dev.tarn.sts;

import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.AwsService;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.spi.service.ServiceDescriptor;

/**
 * AWS Security Token Service over the query protocol. GetCallerIdentity needs no permission, as
 * on AWS; AssumeRole and session tokens come with IAM.
 */
public final class StsService
        implements AwsService
{
    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    @Override
    public ServiceDescriptor descriptor()
    {
        return ServiceDescriptor.query("sts", NAMESPACE);
    }

    @Override
    public void registerOperations(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("GetCallerIdentity", GetCallerIdentityRequest.class, StsService::getCallerIdentity));
    }

    private static GetCallerIdentityResult getCallerIdentity(RequestContext context, GetCallerIdentityRequest request)
    {
        Caller caller = context.caller();
        return new GetCallerIdentityResult(caller.userId(), caller.accountId(), caller.arn());
    }

    public record GetCallerIdentityRequest() {}

    public record GetCallerIdentityResult(String userId, String account, String arn) {}
}
