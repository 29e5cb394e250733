package dev.tarn.cloudformation.stack;

import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The principal a stack operation acts as, kept with the stack so the operation can go on in the background. */
public record StoredCaller(String accountId, String arn, String userId, Optional<String> accessKeyId, boolean root, String region, String sourceIp,
        boolean secureTransport)
{
    public StoredCaller
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(region, "region is null");
        requireNonNull(sourceIp, "sourceIp is null");
    }

    public static StoredCaller of(RequestContext context)
    {
        Caller caller = context.caller();
        return new StoredCaller(caller.accountId(), caller.arn(), caller.userId(), caller.accessKeyId(), caller.root(), context.region(), context.sourceIp(),
                context.secureTransport());
    }

    public RequestContext context(String requestId, Instant now)
    {
        return new RequestContext(requestId, new Caller(accountId, arn, userId, accessKeyId, root), region, sourceIp, secureTransport, now);
    }
}
