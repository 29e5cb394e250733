package dev.tarn.cloudformation.stack;

import dev.tarn.cloudformation.CloudFormationErrors;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.MetadataStore;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.StoredDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Stacks, their events, change sets and exports as metadata documents. A stack and the events
 * of a change to it are written in one transaction, so the history never disagrees with the
 * state. Stack ids are ARNs, which order the stacks of an account and region together.
 */
public final class StackStore
{
    static final String STACKS = "cloudformation.stacks";
    static final String NAMES = "cloudformation.stack-names";
    static final String EVENTS = "cloudformation.events";
    static final String CHANGE_SETS = "cloudformation.change-sets";
    static final String EXPORTS = "cloudformation.exports";
    private static final int PAGE = 1000;

    private final MetadataStore metadata;

    public StackStore(MetadataStore metadata)
    {
        this.metadata = requireNonNull(metadata, "metadata is null");
    }

    /** Stores a new stack under a name no live stack has, with its first events. */
    public StackRecord create(StackRecord stack, List<EventDraft> events)
    {
        return metadata.write(transaction -> {
            String nameKey = nameKey(stack.accountId(), stack.region(), stack.stackName());
            if (transaction.document(NAMES, nameKey).isPresent()) {
                throw CloudFormationErrors.ALREADY_EXISTS.exception("Stack [" + stack.stackName() + "] already exists");
            }
            transaction.putDocument(new StoredDocument(NAMES, nameKey, stack.stackId()));
            return save(transaction, stack, events);
        });
    }

    /** Replaces a stack's record and appends events, in one transaction. */
    public StackRecord save(StackRecord stack, List<EventDraft> events)
    {
        return metadata.write(transaction -> save(transaction, stack, events));
    }

    /** Saves a stack whose deletion is complete: its name is free again; the record stays, as on AWS, for DescribeStacks by id. */
    public StackRecord saveDeleted(StackRecord stack, List<EventDraft> events)
    {
        return metadata.write(transaction -> {
            String nameKey = nameKey(stack.accountId(), stack.region(), stack.stackName());
            transaction.document(NAMES, nameKey)
                    .filter(document -> document.body().equals(stack.stackId()))
                    .ifPresent(document -> transaction.deleteDocument(NAMES, nameKey));
            for (StoredDocument export : transaction.documents(EXPORTS, exportPrefix(stack.accountId(), stack.region()), Optional.empty(), PAGE)) {
                if (StackJson.read(export.body(), ExportRecord.class).stackId().equals(stack.stackId())) {
                    transaction.deleteDocument(EXPORTS, export.id());
                }
            }
            return save(transaction, stack, events);
        });
    }

    private static StackRecord save(MetadataTransaction transaction, StackRecord stack, List<EventDraft> events)
    {
        long next = stack.nextEvent();
        for (EventDraft draft : events) {
            String eventId = stack.stackId() + "/" + String.format("%012d", next++);
            StackEvent event = draft.toEvent(stack, eventId);
            transaction.putDocument(new StoredDocument(EVENTS, eventId, StackJson.write(event)));
        }
        StackRecord saved = stack.withNextEvent(next);
        transaction.putDocument(new StoredDocument(STACKS, stack.stackId(), StackJson.write(saved)));
        return saved;
    }

    public Optional<StackRecord> stack(String stackId)
    {
        return metadata.read(reader -> reader.document(STACKS, stackId)).map(document -> StackJson.read(document.body(), StackRecord.class));
    }

    /** A live stack by name, or any stack (deleted ones too) by id. */
    public Optional<StackRecord> find(String accountId, String region, String nameOrId)
    {
        if (nameOrId.startsWith("arn:")) {
            return stack(nameOrId).filter(stack -> stack.accountId().equals(accountId) && stack.region().equals(region));
        }
        return metadata.read(reader -> reader.document(NAMES, nameKey(accountId, region, nameOrId))
                .flatMap(document -> reader.document(STACKS, document.body())))
                .map(document -> StackJson.read(document.body(), StackRecord.class));
    }

    /** Every stack of an account in a region, deleted ones included, by id. */
    public List<StackRecord> stacks(String accountId, String region)
    {
        return all(STACKS, stackPrefix(accountId, region)).stream().map(document -> StackJson.read(document.body(), StackRecord.class)).toList();
    }

    /** Every stack of every account (recovery after a restart). */
    public List<StackRecord> allStacks()
    {
        return all(STACKS, "").stream().map(document -> StackJson.read(document.body(), StackRecord.class)).toList();
    }

    /** A stack's events, oldest first. */
    public List<StackEvent> events(String stackId)
    {
        return all(EVENTS, stackId + "/").stream().map(document -> StackJson.read(document.body(), StackEvent.class)).toList();
    }

    public void putChangeSet(ChangeSetRecord changeSet)
    {
        metadata.write(transaction -> {
            transaction.putDocument(new StoredDocument(CHANGE_SETS, changeSet.changeSetId(), StackJson.write(changeSet)));
            return null;
        });
    }

    public Optional<ChangeSetRecord> changeSet(String changeSetId)
    {
        return metadata.read(reader -> reader.document(CHANGE_SETS, changeSetId)).map(document -> StackJson.read(document.body(), ChangeSetRecord.class));
    }

    /** The change sets of a stack, oldest first. */
    public List<ChangeSetRecord> changeSets(String accountId, String region)
    {
        return all(CHANGE_SETS, "arn:aws:cloudformation:" + region + ":" + accountId + ":changeSet/").stream()
                .map(document -> StackJson.read(document.body(), ChangeSetRecord.class))
                .toList();
    }

    public void deleteChangeSet(String changeSetId)
    {
        metadata.write(transaction -> transaction.deleteDocument(CHANGE_SETS, changeSetId));
    }

    public Optional<ExportRecord> export(String accountId, String region, String name)
    {
        return metadata.read(reader -> reader.document(EXPORTS, exportPrefix(accountId, region) + name))
                .map(document -> StackJson.read(document.body(), ExportRecord.class));
    }

    public List<ExportRecord> exports(String accountId, String region)
    {
        return all(EXPORTS, exportPrefix(accountId, region)).stream().map(document -> StackJson.read(document.body(), ExportRecord.class)).toList();
    }

    /**
     * Makes a stack's exports exactly {@code exports}, failing when another stack exports one of
     * the names already, or when an export the stack gives up is still imported.
     */
    public void replaceExports(StackRecord stack, List<ExportRecord> exports)
    {
        metadata.write(transaction -> {
            String prefix = exportPrefix(stack.accountId(), stack.region());
            List<String> mine = new ArrayList<>();
            for (StoredDocument document : transaction.documents(EXPORTS, prefix, Optional.empty(), PAGE)) {
                ExportRecord existing = StackJson.read(document.body(), ExportRecord.class);
                if (existing.stackId().equals(stack.stackId())) {
                    mine.add(existing.name());
                }
            }
            for (ExportRecord export : exports) {
                Optional<ExportRecord> existing = transaction.document(EXPORTS, prefix + export.name()).map(d -> StackJson.read(d.body(), ExportRecord.class));
                if (existing.isPresent() && !existing.get().stackId().equals(stack.stackId())) {
                    throw CloudFormationErrors.validation("Export with name " + export.name() + " is already exported by stack " + existing.get().stackName());
                }
            }
            for (String name : mine) {
                if (exports.stream().noneMatch(export -> export.name().equals(name))) {
                    List<String> importers = importers(transaction, stack.accountId(), stack.region(), name);
                    if (!importers.isEmpty()) {
                        throw CloudFormationErrors.validation("Cannot delete export " + name + " as it is in use by " + importers);
                    }
                    transaction.deleteDocument(EXPORTS, prefix + name);
                }
            }
            exports.forEach(export -> transaction.putDocument(new StoredDocument(EXPORTS, prefix + export.name(), StackJson.write(export))));
            return null;
        });
    }

    /** Names of the live stacks that import an export. */
    public List<String> importers(String accountId, String region, String exportName)
    {
        return metadata.read(reader -> importers(reader, accountId, region, exportName));
    }

    private static List<String> importers(MetadataReader reader, String accountId, String region, String exportName)
    {
        List<String> names = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            List<StoredDocument> page = reader.documents(STACKS, stackPrefix(accountId, region), after, PAGE);
            for (StoredDocument document : page) {
                StackRecord stack = StackJson.read(document.body(), StackRecord.class);
                if (stack.status() != StackStatus.DELETE_COMPLETE && stack.imports().contains(exportName)) {
                    names.add(stack.stackName());
                }
            }
            if (page.size() < PAGE) {
                return names;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
    }

    private List<StoredDocument> all(String collection, String prefix)
    {
        List<StoredDocument> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            Optional<String> from = after;
            List<StoredDocument> page = metadata.read(reader -> reader.documents(collection, prefix, from, PAGE));
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
    }

    static String stackPrefix(String accountId, String region)
    {
        return "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/";
    }

    private static String nameKey(String accountId, String region, String name)
    {
        return accountId + "/" + region + "/" + name;
    }

    private static String exportPrefix(String accountId, String region)
    {
        return accountId + "/" + region + "/";
    }
}
