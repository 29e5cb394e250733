package dev.tarn.iam;

import dev.tarn.iam.store.IamStore;
import dev.tarn.iam.store.Kind;
import dev.tarn.iam.store.SessionRecord;
import dev.tarn.spi.security.Caller;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.AwsService;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.spi.service.RestRoute;
import dev.tarn.spi.service.ServiceDescriptor;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * AWS Identity and Access Management over the query protocol; each area of the API is a class of
 * its own. As on AWS, IAM takes no temporary credentials but a role session's: GetSessionToken
 * credentials (issued without MFA here) and GetFederationToken credentials are InvalidClientTokenId.
 */
public final class IamService
        implements AwsService
{
    static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final List<Consumer<OperationRegistry>> areas;
    private final IamStore store;

    IamService(List<Consumer<OperationRegistry>> areas, IamStore store)
    {
        this.areas = List.copyOf(requireNonNull(areas, "areas is null"));
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public ServiceDescriptor descriptor()
    {
        return ServiceDescriptor.query("iam", NAMESPACE);
    }

    @Override
    public void registerOperations(OperationRegistry registry)
    {
        OperationRegistry checked = new OperationRegistry()
        {
            @Override
            public void route(RestRoute route)
            {
                registry.route(route);
            }

            @Override
            public <I, O> void operation(ActionOperation<I, O> operation)
            {
                registry.operation(new ActionOperation<>(operation.name(), operation.inputType(), (context, input) -> {
                    checkCredentials(context.caller());
                    return operation.handler().handle(context, input);
                }));
            }
        };
        areas.forEach(area -> area.accept(checked));
    }

    private void checkCredentials(Caller caller)
    {
        Optional<String> sessionKey = caller.accessKeyId().filter(key -> key.startsWith("ASIA"));
        if (sessionKey.isEmpty()) {
            return;
        }
        boolean roleSession = store.read(reader -> reader.get(Kind.SESSIONS, sessionKey.get())).flatMap(SessionRecord::roleName).isPresent();
        if (!roleSession) {
            throw StsErrors.INVALID_CLIENT_TOKEN_ID.exception();
        }
    }
}
