package dev.tarn.athena.namedquery;

import dev.tarn.athena.AthenaAccess;
import dev.tarn.athena.AthenaErrors;
import dev.tarn.athena.AthenaStore;
import dev.tarn.athena.Paging;
import dev.tarn.athena.RequestTokens;
import dev.tarn.athena.model.NamedQuery;
import dev.tarn.athena.model.WorkGroup;
import dev.tarn.athena.workgroup.WorkGroups;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;
import dev.tarn.storage.meta.StoredDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.tarn.athena.AthenaErrors.required;
import static java.util.Objects.requireNonNull;

/**
 * CreateNamedQuery, GetNamedQuery, BatchGetNamedQuery, ListNamedQueries, UpdateNamedQuery,
 * DeleteNamedQuery. A named query belongs to a work group; operations on it are authorized on
 * that work group.
 */
public final class NamedQueryOperations
{
    private final WorkGroups workGroups;
    private final AthenaAccess access;

    public NamedQueryOperations(WorkGroups workGroups, AthenaAccess access)
    {
        this.workGroups = requireNonNull(workGroups, "workGroups is null");
        this.access = requireNonNull(access, "access is null");
    }

    public record CreateNamedQueryRequest(String name, Optional<String> description, String database, String queryString,
            Optional<String> clientRequestToken, Optional<String> workGroup) {}

    public record CreateNamedQueryResponse(String namedQueryId) {}

    public record NamedQueryRequest(String namedQueryId) {}

    public record GetNamedQueryResponse(NamedQuery namedQuery) {}

    public record BatchGetNamedQueryRequest(List<String> namedQueryIds) {}

    public record UnprocessedNamedQueryId(String namedQueryId, String errorCode, String errorMessage) {}

    public record BatchGetNamedQueryResponse(List<NamedQuery> namedQueries, List<UnprocessedNamedQueryId> unprocessedNamedQueryIds) {}

    public record ListNamedQueriesRequest(Optional<String> nextToken, Optional<Integer> maxResults, Optional<String> workGroup) {}

    public record ListNamedQueriesResponse(List<String> namedQueryIds, Optional<String> nextToken) {}

    public record UpdateNamedQueryRequest(String namedQueryId, String name, Optional<String> description, String queryString) {}

    public void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreateNamedQuery", CreateNamedQueryRequest.class, this::createNamedQuery));
        registry.operation(new ActionOperation<>("GetNamedQuery", NamedQueryRequest.class, this::getNamedQuery));
        registry.operation(new ActionOperation<>("BatchGetNamedQuery", BatchGetNamedQueryRequest.class, this::batchGetNamedQuery));
        registry.operation(new ActionOperation<>("ListNamedQueries", ListNamedQueriesRequest.class, this::listNamedQueries));
        registry.operation(new ActionOperation<>("UpdateNamedQuery", UpdateNamedQueryRequest.class, this::updateNamedQuery));
        registry.operation(new ActionOperation<>("DeleteNamedQuery", NamedQueryRequest.class, this::deleteNamedQuery));
    }

    private static String id(String accountId, String namedQueryId)
    {
        return accountId + "/" + namedQueryId;
    }

    CreateNamedQueryResponse createNamedQuery(RequestContext context, CreateNamedQueryRequest request)
    {
        String name = text("Name", request.name(), 128);
        String database = text("Database", request.database(), 255);
        String queryString = text("QueryString", request.queryString(), 262144);
        String workGroupName = WorkGroups.validName(request.workGroup().orElse(WorkGroup.PRIMARY));
        access.onWorkGroup(context, "CreateNamedQuery", workGroupName);
        String accountId = context.caller().accountId();
        workGroups.require(accountId, workGroupName);
        Optional<String> token = request.clientRequestToken().map(value -> RequestTokens.validate(value));
        String namedQueryId = UUID.randomUUID().toString();
        NamedQuery query = new NamedQuery(name, request.description().filter(value -> !value.isEmpty()), database, queryString, namedQueryId, workGroupName);
        AthenaStore store = workGroups.store();
        return store.metadata().write(transaction -> {
            if (token.isPresent()) {
                Optional<RequestTokens.Claim> claim = store.get(transaction, AthenaStore.REQUEST_TOKENS, RequestTokens.id(accountId, "named-query", token.get()),
                        RequestTokens.Claim.class);
                String fingerprint = RequestTokens.fingerprint(name, database, queryString, workGroupName);
                if (claim.isPresent()) {
                    if (!claim.get().fingerprint().equals(fingerprint)) {
                        throw AthenaErrors.invalidInput("Idempotent parameters do not match: the ClientRequestToken was used with a different request");
                    }
                    return new CreateNamedQueryResponse(claim.get().resourceId());
                }
                store.put(transaction, AthenaStore.REQUEST_TOKENS, RequestTokens.id(accountId, "named-query", token.get()),
                        new RequestTokens.Claim(namedQueryId, fingerprint));
            }
            store.put(transaction, AthenaStore.NAMED_QUERIES, id(accountId, namedQueryId), query);
            return new CreateNamedQueryResponse(namedQueryId);
        });
    }

    GetNamedQueryResponse getNamedQuery(RequestContext context, NamedQueryRequest request)
    {
        NamedQuery query = require(context, request.namedQueryId());
        access.onWorkGroup(context, "GetNamedQuery", query.workGroup());
        return new GetNamedQueryResponse(query);
    }

    BatchGetNamedQueryResponse batchGetNamedQuery(RequestContext context, BatchGetNamedQueryRequest request)
    {
        List<String> ids = required("NamedQueryIds", request.namedQueryIds());
        if (ids.isEmpty() || ids.size() > 50) {
            throw AthenaErrors.invalidInput("1 validation error detected: Value at 'namedQueryIds' failed to satisfy constraint: "
                    + "Member must have length between 1 and 50");
        }
        List<NamedQuery> found = new ArrayList<>();
        List<UnprocessedNamedQueryId> unprocessed = new ArrayList<>();
        for (String namedQueryId : ids) {
            try {
                NamedQuery query = require(context, namedQueryId);
                access.onWorkGroup(context, "BatchGetNamedQuery", query.workGroup());
                found.add(query);
            }
            catch (AwsException e) {
                unprocessed.add(new UnprocessedNamedQueryId(namedQueryId, e.details().getOrDefault("AthenaErrorCode", e.code()), e.getMessage()));
            }
        }
        return new BatchGetNamedQueryResponse(found, unprocessed);
    }

    ListNamedQueriesResponse listNamedQueries(RequestContext context, ListNamedQueriesRequest request)
    {
        String workGroupName = WorkGroups.validName(request.workGroup().orElse(WorkGroup.PRIMARY));
        access.onWorkGroup(context, "ListNamedQueries", workGroupName);
        int limit = Paging.limit(request.maxResults(), 0, 50, 50);
        int pageSize = limit == 0 ? 50 : limit;
        String accountId = context.caller().accountId();
        workGroups.require(accountId, workGroupName);
        Optional<String> after = Paging.after(request.nextToken());
        AthenaStore store = workGroups.store();
        // named queries are stored by id; a listing of one work group filters the account's in batches
        List<String> matching = new ArrayList<>();
        Optional<String> lastSeen = after;
        boolean more = true;
        while (matching.size() <= pageSize && more) {
            Optional<String> from = lastSeen;
            List<StoredDocument> batch = store.metadata().read(reader -> reader.documents(AthenaStore.NAMED_QUERIES, accountId + "/", from, 500));
            more = batch.size() == 500;
            for (StoredDocument document : batch) {
                if (matching.size() > pageSize) {
                    break;
                }
                if (store.read(document, NamedQuery.class).workGroup().equals(workGroupName)) {
                    matching.add(document.id());
                }
            }
            if (!batch.isEmpty()) {
                lastSeen = Optional.of(batch.get(batch.size() - 1).id());
            }
        }
        Paging.Page<String> page = Paging.Page.of(matching, pageSize, documentId -> documentId);
        return new ListNamedQueriesResponse(page.items().stream().map(documentId -> documentId.substring(accountId.length() + 1)).toList(), page.nextToken());
    }

    Void updateNamedQuery(RequestContext context, UpdateNamedQueryRequest request)
    {
        String name = text("Name", request.name(), 128);
        String queryString = text("QueryString", request.queryString(), 262144);
        NamedQuery current = require(context, request.namedQueryId());
        access.onWorkGroup(context, "UpdateNamedQuery", current.workGroup());
        String accountId = context.caller().accountId();
        workGroups.store().metadata().write(transaction -> {
            NamedQuery stored = workGroups.store().get(transaction, AthenaStore.NAMED_QUERIES, id(accountId, current.namedQueryId()), NamedQuery.class)
                    .orElseThrow(() -> notFound(current.namedQueryId()));
            workGroups.store().put(transaction, AthenaStore.NAMED_QUERIES, id(accountId, stored.namedQueryId()),
                    new NamedQuery(name, request.description().isPresent() ? request.description().filter(text -> !text.isEmpty()) : stored.description(),
                            stored.database(), queryString, stored.namedQueryId(), stored.workGroup()));
            return null;
        });
        return null;
    }

    Void deleteNamedQuery(RequestContext context, NamedQueryRequest request)
    {
        NamedQuery query = require(context, request.namedQueryId());
        access.onWorkGroup(context, "DeleteNamedQuery", query.workGroup());
        workGroups.store().metadata().write(transaction ->
                workGroups.store().delete(transaction, AthenaStore.NAMED_QUERIES, id(context.caller().accountId(), query.namedQueryId())));
        return null;
    }

    private NamedQuery require(RequestContext context, String namedQueryId)
    {
        required("NamedQueryId", namedQueryId);
        return workGroups.store().get(AthenaStore.NAMED_QUERIES, id(context.caller().accountId(), namedQueryId), NamedQuery.class)
                .orElseThrow(() -> notFound(namedQueryId));
    }

    private static AwsException notFound(String namedQueryId)
    {
        return AthenaErrors.notFound("NamedQuery " + namedQueryId + " was not found");
    }

    private static String text(String member, String value, int maxLength)
    {
        required(member, value);
        if (value.length() > maxLength) {
            throw AthenaErrors.invalidInput("1 validation error detected: Value at '" + Character.toLowerCase(member.charAt(0)) + member.substring(1)
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + maxLength);
        }
        return value;
    }
}
