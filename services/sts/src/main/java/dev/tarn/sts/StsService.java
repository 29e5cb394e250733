package dev.tarn.sts;

import dev.tarn.iam.Sessions;
import dev.tarn.iam.Sessions.IssuedCredentials;
import dev.tarn.spi.error.CommonErrors;
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
    /** The one STS operation AWS serves unsigned (the gateway lets exactly this one through anonymously). */
    public static final String ASSUME_ROLE_WITH_WEB_IDENTITY = "AssumeRoleWithWebIdentity";

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
        registry.operation(new ActionOperation<>("GetCallerIdentity", GetCallerIdentityRequest.class, signed(StsService::getCallerIdentity)));
        registry.operation(new ActionOperation<>("AssumeRole", AssumeRoleRequest.class, signed(this::assumeRole)));
        registry.operation(new ActionOperation<>("GetSessionToken", GetSessionTokenRequest.class, signed(this::getSessionToken)));
        registry.operation(new ActionOperation<>("GetFederationToken", GetFederationTokenRequest.class, signed(this::getFederationToken)));
        // unsigned, as on AWS: the web identity token is the proof
        registry.operation(new ActionOperation<>(ASSUME_ROLE_WITH_WEB_IDENTITY, AssumeRoleWithWebIdentityRequest.class, this::assumeRoleWithWebIdentity));
    }

    /** Every operation but AssumeRoleWithWebIdentity needs a signed request. */
    private static <I, O> ActionOperation.Handler<I, O> signed(ActionOperation.Handler<I, O> handler)
    {
        return (context, input) -> {
            if (context.caller().isAnonymous()) {
                throw CommonErrors.MISSING_AUTHENTICATION_TOKEN.exception("Request is missing Authentication Token");
            }
            return handler.handle(context, input);
        };
    }

    private static GetCallerIdentityResult getCallerIdentity(RequestContext context, GetCallerIdentityRequest request)
    {
        Caller caller = context.caller();
        return new GetCallerIdentityResult(caller.userId(), caller.accountId(), caller.arn());
    }

    private AssumeRoleResult assumeRole(RequestContext context, AssumeRoleRequest request)
    {
        IssuedCredentials issued = sessions.assumeRole(context, new Sessions.AssumeRoleRequest(request.roleArn(), request.roleSessionName(),
                request.policy(), arns(request.policyArns()),
                request.durationSeconds(), request.externalId()));
        return new AssumeRoleResult(Credentials.of(issued),
                new AssumedRoleUser(issued.assumedRoleId().orElseThrow(), issued.assumedRoleArn().orElseThrow()), issued.packedPolicySize());
    }

    private AssumeRoleWithWebIdentityResult assumeRoleWithWebIdentity(RequestContext context, AssumeRoleWithWebIdentityRequest request)
    {
        Sessions.WebIdentityCredentials issued = sessions.assumeRoleWithWebIdentity(context, new Sessions.WebIdentityRequest(request.roleArn(),
                request.roleSessionName(), request.webIdentityToken(), request.providerId(), request.policy(), arns(request.policyArns()),
                request.durationSeconds()));
        IssuedCredentials credentials = issued.credentials();
        return new AssumeRoleWithWebIdentityResult(Credentials.of(credentials), issued.subject(),
                new AssumedRoleUser(credentials.assumedRoleId().orElseThrow(), credentials.assumedRoleArn().orElseThrow()),
                credentials.packedPolicySize(), issued.provider(), issued.audience());
    }

    private GetFederationTokenResult getFederationToken(RequestContext context, GetFederationTokenRequest request)
    {
        IssuedCredentials issued = sessions.federationToken(context, new Sessions.FederationRequest(request.name(), request.policy(),
                arns(request.policyArns()), request.durationSeconds()));
        return new GetFederationTokenResult(Credentials.of(issued),
                new FederatedUser(issued.assumedRoleId().orElseThrow(), issued.assumedRoleArn().orElseThrow()), issued.packedPolicySize());
    }

    private static List<String> arns(List<PolicyDescriptorType> policyArns)
    {
        return policyArns == null ? List.of() : policyArns.stream().map(PolicyDescriptorType::arn).toList();
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

    public record AssumeRoleWithWebIdentityRequest(String roleArn, String roleSessionName, String webIdentityToken, Optional<String> providerId,
            Optional<String> policy, List<PolicyDescriptorType> policyArns, Optional<Integer> durationSeconds) {}

    public record AssumeRoleWithWebIdentityResult(Credentials credentials, String subjectFromWebIdentityToken, AssumedRoleUser assumedRoleUser,
            Optional<Integer> packedPolicySize, String provider, String audience) {}

    public record GetFederationTokenRequest(String name, Optional<String> policy, List<PolicyDescriptorType> policyArns, Optional<Integer> durationSeconds) {}

    public record FederatedUser(String federatedUserId, String arn) {}

    public record GetFederationTokenResult(Credentials credentials, FederatedUser federatedUser, Optional<Integer> packedPolicySize) {}
}
