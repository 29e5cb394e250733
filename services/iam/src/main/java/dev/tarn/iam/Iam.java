package dev.tarn.iam;

import dev.tarn.iam.store.IamStore;
import dev.tarn.spi.security.ServiceRoles;
import dev.tarn.storage.meta.MetadataStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * IAM as the server wires it: the IAM API, the authorizer every service asks, the credentials the
 * gateway verifies signatures with, and the sessions STS issues. All share one store, so a write
 * through the API is seen at once by the authorizer and the credentials.
 */
public final class Iam
{
    private final IamService service;
    private final PolicyAuthorizer authorizer;
    private final IamCredentials credentials;
    private final Sessions sessions;
    private final ServiceRoles serviceRoles;

    private Iam(IamService service, PolicyAuthorizer authorizer, IamCredentials credentials, Sessions sessions, ServiceRoles serviceRoles)
    {
        this.service = service;
        this.authorizer = authorizer;
        this.credentials = credentials;
        this.sessions = sessions;
        this.serviceRoles = serviceRoles;
    }

    /** IAM whose OpenID Connect providers' keys come from their issuers only. */
    public static Iam create(MetadataStore metadata, Clock clock, SecureRandom random)
    {
        return create(metadata, clock, random, IssuerOidcKeys.https(clock));
    }

    /**
     * @param oidcKeys where AssumeRoleWithWebIdentity finds the keys of a provider (see {@link ConfiguredOidcKeys})
     */
    public static Iam create(MetadataStore metadata, Clock clock, SecureRandom random, OidcKeySource oidcKeys)
    {
        requireNonNull(metadata, "metadata is null");
        requireNonNull(oidcKeys, "oidcKeys is null");
        IamStore store = new IamStore(metadata);
        ParsedPolicies parsed = new ParsedPolicies();
        PrincipalPolicies principals = new PrincipalPolicies(store, parsed);
        KeyUsage usage = new KeyUsage(store);
        PolicyAuthorizer authorizer = new PolicyAuthorizer(principals, parsed, usage);
        IamContext context = new IamContext(store, new IamIds(random), clock, authorizer);
        IamService service = new IamService(List.of(
                new Users(context)::register,
                new Groups(context)::register,
                new AccessKeys(context, usage)::register,
                new LoginProfiles(context)::register,
                new ManagedPolicies(context)::register,
                new PolicyAttachments(context)::register,
                new InlinePolicies(context)::register,
                new Roles(context)::register,
                new InstanceProfiles(context)::register,
                new AccountDetails(context)::register,
                new PolicySimulator(context, principals, parsed)::register,
                new OpenIdConnectProviders(context)::register,
                new AccountAliases(context)::register), store);
        return new Iam(service, authorizer, new IamCredentials(store), new Sessions(context, authorizer, new WebIdentityTokens(oidcKeys)),
                new ServiceRoleSessions(context, parsed));
    }

    public IamService service()
    {
        return service;
    }

    public PolicyAuthorizer authorizer()
    {
        return authorizer;
    }

    public IamCredentials credentials()
    {
        return credentials;
    }

    public Sessions sessions()
    {
        return sessions;
    }

    /** Role sessions for services that act with a customer's role (CloudFormation, Glue crawlers). */
    public ServiceRoles serviceRoles()
    {
        return serviceRoles;
    }
}
