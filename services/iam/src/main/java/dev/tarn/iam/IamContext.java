package dev.tarn.iam;

import dev.tarn.iam.store.IamStore;
import dev.tarn.spi.security.AuthorizationRequest;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.security.RequestContext;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static java.util.Objects.requireNonNull;

/** What every area of the IAM API works with: the store, id generation, the clock and the authorizer. */
record IamContext(IamStore store, IamIds ids, Clock clock, Authorizer authorizer)
{
    IamContext
    {
        requireNonNull(store, "store is null");
        requireNonNull(ids, "ids is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(authorizer, "authorizer is null");
    }

    /** IAM reports dates to the second. */
    Instant now()
    {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Asks for {@code iam:<operation>} on the resource, in the caller's account. */
    void authorize(RequestContext context, String operation, String resourceArn)
    {
        authorizer.authorize(context, AuthorizationRequest.of("iam:" + operation, resourceArn, context.caller().accountId()));
    }

    static String account(RequestContext context)
    {
        return context.caller().accountId();
    }

    static String arn(RequestContext context, String kind, String path, String name)
    {
        return "arn:aws:iam::" + account(context) + ":" + kind + path + name;
    }
}
