package dev.tarn.athena.prepared;

import dev.tarn.athena.AthenaAccess;
import dev.tarn.athena.AthenaErrors;
import dev.tarn.athena.AthenaStore;
import dev.tarn.athena.Paging;
import dev.tarn.athena.model.PreparedStatement;
import dev.tarn.athena.workgroup.WorkGroups;
import dev.tarn.spi.error.AwsException;
import dev.tarn.spi.security.RequestContext;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.tarn.athena.AthenaErrors.required;
import static java.util.Objects.requireNonNull;

/** CreatePreparedStatement, GetPreparedStatement, BatchGetPreparedStatement, ListPreparedStatements, UpdatePreparedStatement, DeletePreparedStatement. */
public final class PreparedStatementOperations
{
    private final PreparedStatements statements;
    private final WorkGroups workGroups;
    private final AthenaAccess access;
    private final Clock clock;

    public PreparedStatementOperations(PreparedStatements statements, WorkGroups workGroups, AthenaAccess access, Clock clock)
    {
        this.statements = requireNonNull(statements, "statements is null");
        this.workGroups = requireNonNull(workGroups, "workGroups is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public record PutPreparedStatementRequest(String statementName, String workGroup, String queryStatement, Optional<String> description) {}

    public record PreparedStatementRequest(String statementName, String workGroup) {}

    public record GetPreparedStatementResponse(PreparedStatement preparedStatement) {}

    public record BatchGetPreparedStatementRequest(List<String> preparedStatementNames, String workGroup) {}

    public record UnprocessedPreparedStatementName(String statementName, String errorCode, String errorMessage) {}

    public record BatchGetPreparedStatementResponse(List<PreparedStatement> preparedStatements,
            List<UnprocessedPreparedStatementName> unprocessedPreparedStatementNames) {}

    public record ListPreparedStatementsRequest(String workGroup, Optional<String> nextToken, Optional<Integer> maxResults) {}

    public record PreparedStatementSummary(String statementName, Instant lastModifiedTime) {}

    public record ListPreparedStatementsResponse(List<PreparedStatementSummary> preparedStatements, Optional<String> nextToken) {}

    public void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("CreatePreparedStatement", PutPreparedStatementRequest.class, this::createPreparedStatement));
        registry.operation(new ActionOperation<>("GetPreparedStatement", PreparedStatementRequest.class, this::getPreparedStatement));
        registry.operation(new ActionOperation<>("BatchGetPreparedStatement", BatchGetPreparedStatementRequest.class, this::batchGetPreparedStatement));
        registry.operation(new ActionOperation<>("ListPreparedStatements", ListPreparedStatementsRequest.class, this::listPreparedStatements));
        registry.operation(new ActionOperation<>("UpdatePreparedStatement", PutPreparedStatementRequest.class, this::updatePreparedStatement));
        registry.operation(new ActionOperation<>("DeletePreparedStatement", PreparedStatementRequest.class, this::deletePreparedStatement));
    }

    Void createPreparedStatement(RequestContext context, PutPreparedStatementRequest request)
    {
        put(context, request, "CreatePreparedStatement", false);
        return null;
    }

    Void updatePreparedStatement(RequestContext context, PutPreparedStatementRequest request)
    {
        put(context, request, "UpdatePreparedStatement", true);
        return null;
    }

    private void put(RequestContext context, PutPreparedStatementRequest request, String operation, boolean update)
    {
        String name = PreparedStatements.validName(request.statementName());
        String workGroup = WorkGroups.validName(request.workGroup());
        String queryStatement = required("QueryStatement", request.queryStatement());
        access.onWorkGroup(context, operation, workGroup);
        String accountId = context.caller().accountId();
        workGroups.require(accountId, workGroup);
        AthenaStore store = statements.store();
        store.metadata().write(transaction -> {
            String id = PreparedStatements.id(accountId, workGroup, name);
            boolean exists = transaction.document(AthenaStore.PREPARED_STATEMENTS, id).isPresent();
            if (update && !exists) {
                throw PreparedStatements.notFound(workGroup, name);
            }
            if (!update && exists) {
                throw AthenaErrors.invalidInput("Prepared statement " + name + " already exists in workGroup " + workGroup + ".");
            }
            store.put(transaction, AthenaStore.PREPARED_STATEMENTS, id,
                    new PreparedStatement(name, queryStatement, workGroup, request.description().filter(text -> !text.isEmpty()), clock.instant()));
            return null;
        });
    }

    GetPreparedStatementResponse getPreparedStatement(RequestContext context, PreparedStatementRequest request)
    {
        String name = PreparedStatements.validName(request.statementName());
        String workGroup = WorkGroups.validName(request.workGroup());
        access.onWorkGroup(context, "GetPreparedStatement", workGroup);
        return new GetPreparedStatementResponse(statements.require(context.caller().accountId(), workGroup, name));
    }

    BatchGetPreparedStatementResponse batchGetPreparedStatement(RequestContext context, BatchGetPreparedStatementRequest request)
    {
        List<String> names = required("PreparedStatementNames", request.preparedStatementNames());
        String workGroup = WorkGroups.validName(request.workGroup());
        if (names.isEmpty() || names.size() > 50) {
            throw AthenaErrors.invalidInput("1 validation error detected: Value at 'preparedStatementNames' failed to satisfy constraint: "
                    + "Member must have length between 1 and 50");
        }
        access.onWorkGroup(context, "BatchGetPreparedStatement", workGroup);
        List<PreparedStatement> found = new ArrayList<>();
        List<UnprocessedPreparedStatementName> unprocessed = new ArrayList<>();
        for (String name : names) {
            try {
                found.add(statements.require(context.caller().accountId(), workGroup, PreparedStatements.validName(name)));
            }
            catch (AwsException e) {
                unprocessed.add(new UnprocessedPreparedStatementName(name, e.details().getOrDefault("AthenaErrorCode", e.code()), e.getMessage()));
            }
        }
        return new BatchGetPreparedStatementResponse(found, unprocessed);
    }

    ListPreparedStatementsResponse listPreparedStatements(RequestContext context, ListPreparedStatementsRequest request)
    {
        String workGroup = WorkGroups.validName(request.workGroup());
        access.onWorkGroup(context, "ListPreparedStatements", workGroup);
        int limit = Paging.limit(request.maxResults(), 1, 50, 50);
        String accountId = context.caller().accountId();
        workGroups.require(accountId, workGroup);
        Optional<String> after = Paging.after(request.nextToken());
        AthenaStore store = statements.store();
        List<PreparedStatement> found = store.metadata().read(reader -> reader.documents(AthenaStore.PREPARED_STATEMENTS, accountId + "/" + workGroup + "/",
                after, limit + 1)).stream().map(document -> store.read(document, PreparedStatement.class)).toList();
        Paging.Page<PreparedStatement> page = Paging.Page.of(found, limit,
                statement -> PreparedStatements.id(accountId, workGroup, statement.statementName()));
        return new ListPreparedStatementsResponse(page.items().stream()
                .map(statement -> new PreparedStatementSummary(statement.statementName(), statement.lastModifiedTime())).toList(), page.nextToken());
    }

    Void deletePreparedStatement(RequestContext context, PreparedStatementRequest request)
    {
        String name = PreparedStatements.validName(request.statementName());
        String workGroup = WorkGroups.validName(request.workGroup());
        access.onWorkGroup(context, "DeletePreparedStatement", workGroup);
        String accountId = context.caller().accountId();
        boolean deleted = statements.store().metadata().write(transaction ->
                statements.store().delete(transaction, AthenaStore.PREPARED_STATEMENTS, PreparedStatements.id(accountId, workGroup, name)));
        if (!deleted) {
            throw PreparedStatements.notFound(workGroup, name);
        }
        return null;
    }
}
