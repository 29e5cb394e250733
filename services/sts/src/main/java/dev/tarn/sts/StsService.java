package dev.tarn.sts;

import dev.tarn.iam.Sessions;
import dev.tarn.iam.Sessions.IssuedCredentials;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.AwsService;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.spi.service.ServiceDescriptor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * AWS Security Token Service over the query protocol. GetCallerIdentity and GetSessionToken need
 * no permission, as on AWS; AssumeRole needs the role's trust policy and, unless the trust policy
 * names the caller itself, sts:AssumeRole in the caller's policies. IAM issues and keeps the
 * credentials.
 */
public final class StsService
        implements AwsService
{
    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final Sessions sessions;

    public StsService(Sessions sessions)
    {
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    @Override
    public ServiceDescriptor descriptor()
    {
        return ServiceDescriptor.query("sts", NAMESPACE);
    }

    @Override
    public void registerOperations(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("GetCallerIdentity", GetCallerIdentityRequest.class, StsService::getCallerIdentity));
        registry.operation(new ActionOperation<>("AssumeRole", AssumeRoleRequest.class, this::assumeRole));
        registry.operation(new ActionOperation<>("GetSessionToken", GetSessionTokenRequest.class, this::getSessionToken));
    }

    private static GetCallerIdentityResult getCallerIdentity(RequestContext context, GetCallerIdentityRequest request)
    {
        Caller caller = context.caller();
        return new GetCallerIdentityResult(caller.userId(), caller.accountId(), caller.arn());
    }

    private AssumeRoleResult assumeRole(RequestContext context, AssumeRoleRequest request)
    {
        IssuedCredentials issued = sessions.assumeRole(context, new Sessions.AssumeRoleRequest(request.roleArn(), request.roleSessionName(),
                request.policy(), request.policyArns() == null ? List.of() : request.policyArns().stream().map(PolicyDescriptorType::arn).toList(),
                request.durationSeconds(), request.externalId()));
        return new AssumeRoleResult(Credentials.of(issued),
                new AssumedRoleUser(issued.assumedRoleId().orElseThrow(), issued.assumedRoleArn().orElseThrow()), issued.packedPolicySize());
    }

    private GetSessionTokenResult getSessionToken(RequestContext context, GetSessionTokenRequest request)
    {
        return new GetSessionTokenResult(Credentials.of(sessions.sessionToken(context, request.durationSeconds())));
    }

    public record GetCallerIdentityRequest() {}

    public record GetCallerIdentityResult(String userId, String account, String arn) {}

    public record PolicyDescriptorType(String arn) {}

    public record AssumeRoleRequest(String roleArn, String roleSessionName, Optional<String> policy, List<PolicyDescriptorType> policyArns,
            Optional<Integer> durationSeconds, Optional<String> externalId) {}

    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration)
    {
        static Credentials of(IssuedCredentials issued)
        {
            return new Credentials(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken(), issued.expiration());
        }
    }

    public record AssumedRoleUser(String assumedRoleId, String arn) {}

    public record AssumeRoleResult(Credentials credentials, AssumedRoleUser assumedRoleUser, Optional<Integer> packedPolicySize) {}

    public record GetSessionTokenRequest(Optional<Integer> durationSeconds) {}

    public record GetSessionTokenResult(Credentials credentials) {}
}
