package dev.tarn.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tarn.iam.store.IamReader;
import dev.tarn.iam.store.PolicyHolder;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** Inline policies of users, groups and roles: Put, Get, List, Delete. */
final class InlinePolicies
{
    private final IamContext iam;

    InlinePolicies(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    void register(OperationRegistry registry)
    {
        for (Holders<?> holders : List.of(Holders.USER, Holders.GROUP, Holders.ROLE)) {
            String word = holders.word();
            registry.operation(new ActionOperation<>("Put" + word + "Policy", PutRequest.class, (context, request) -> put(context, holders, request)));
            registry.operation(new ActionOperation<>("Get" + word + "Policy", NamedPolicyRequest.class, (context, request) -> get(context, holders, request)));
            registry.operation(new ActionOperation<>("Delete" + word + "Policy", NamedPolicyRequest.class, (context, request) -> delete(context, holders, request)));
            registry.operation(new ActionOperation<>("List" + word + "Policies", ListRequest.class, (context, request) -> list(context, holders, request)));
        }
    }

    public record PutRequest(Optional<String> userName, Optional<String> groupName, Optional<String> roleName, String policyName, String policyDocument)
    {
        String name()
        {
            return userName.or(() -> groupName).or(() -> roleName).orElse(null);
        }
    }

    public record NamedPolicyRequest(Optional<String> userName, Optional<String> groupName, Optional<String> roleName, String policyName)
    {
        String name()
        {
            return userName.or(() -> groupName).or(() -> roleName).orElse(null);
        }
    }

    public record ListRequest(Optional<String> userName, Optional<String> groupName, Optional<String> roleName, Optional<String> marker,
            Optional<Integer> maxItems)
    {
        String name()
        {
            return userName.or(() -> groupName).or(() -> roleName).orElse(null);
        }
    }

    /** The holder's name member is named after its kind (UserName, GroupName, RoleName). */
    public record GetResult(Optional<String> userName, Optional<String> groupName, Optional<String> roleName, String policyName, String policyDocument) {}

    public record ListResult(List<String> policyNames, @JsonProperty("IsTruncated") boolean isTruncated, Optional<String> marker) {}

    private <T extends PolicyHolder> Void put(RequestContext context, Holders<T> holders, PutRequest request)
    {
        String account = IamContext.account(context);
        String policyName = Validation.name("policyName", request.policyName(), 128);
        Validation.required("policyDocument", request.policyDocument());
        T current = iam.store().read(reader -> holders.find(reader, account, request.name()));
        iam.authorize(context, "Put" + holders.word() + "Policy", current.arn());
        iam.store().write(writer -> {
            T holder = holders.find(writer, account, request.name());
            Map<String, String> inline = new TreeMap<>(holder.inlinePolicies());
            inline.remove(policyName);
            PolicyDocuments.inline(request.policyDocument(), inline.values(), holders.inlineLimit());
            inline.put(policyName, request.policyDocument());
            writer.put(holders.collection(), IamReader.key(account, holder.name()),
                    holders.collection().type().cast(holder.withPolicies(inline, holder.attachedPolicies())));
            return null;
        });
        return null;
    }

    private <T extends PolicyHolder> GetResult get(RequestContext context, Holders<T> holders, NamedPolicyRequest request)
    {
        String account = IamContext.account(context);
        Validation.required("policyName", request.policyName());
        T holder = iam.store().read(reader -> holders.find(reader, account, request.name()));
        iam.authorize(context, "Get" + holders.word() + "Policy", holder.arn());
        String document = Optional.ofNullable(holder.inlinePolicies().get(request.policyName()))
                .orElseThrow(() -> noSuchPolicy(holders, holder, request.policyName()));
        Optional<String> name = Optional.of(holder.name());
        return new GetResult(
                holders == Holders.USER ? name : Optional.empty(),
                holders == Holders.GROUP ? name : Optional.empty(),
                holders == Holders.ROLE ? name : Optional.empty(),
                request.policyName(), Shapes.encodeDocument(document));
    }

    private <T extends PolicyHolder> Void delete(RequestContext context, Holders<T> holders, NamedPolicyRequest request)
    {
        String account = IamContext.account(context);
        Validation.required("policyName", request.policyName());
        T current = iam.store().read(reader -> holders.find(reader, account, request.name()));
        iam.authorize(context, "Delete" + holders.word() + "Policy", current.arn());
        iam.store().write(writer -> {
            T holder = holders.find(writer, account, request.name());
            Map<String, String> inline = new TreeMap<>(holder.inlinePolicies());
            if (inline.remove(request.policyName()) == null) {
                throw noSuchPolicy(holders, holder, request.policyName());
            }
            writer.put(holders.collection(), IamReader.key(account, holder.name()),
                    holders.collection().type().cast(holder.withPolicies(inline, holder.attachedPolicies())));
            return null;
        });
        return null;
    }

    private <T extends PolicyHolder> ListResult list(RequestContext context, Holders<T> holders, ListRequest request)
    {
        String account = IamContext.account(context);
        T holder = iam.store().read(reader -> holders.find(reader, account, request.name()));
        iam.authorize(context, "List" + holders.word() + "Policies", holder.arn());
        Paging<String> page = Paging.page(new ArrayList<>(holder.inlinePolicies().keySet()), request.marker(), request.maxItems());
        return new ListResult(page.items(), page.isTruncated(), page.marker());
    }

    private static dev.tarn.spi.error.AwsException noSuchPolicy(Holders<?> holders, PolicyHolder holder, String policyName)
    {
        return IamErrors.NO_SUCH_ENTITY.exception("The " + holders.kind() + " policy with name " + policyName + " cannot be found.");
    }
}
