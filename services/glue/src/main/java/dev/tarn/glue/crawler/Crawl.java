package dev.tarn.glue.crawler;

import dev.tarn.glue.GlueStore;
import dev.tarn.glue.catalog.Catalog;
import dev.tarn.glue.classify.FileClassifier;
import dev.tarn.glue.classify.FileSchema;
import dev.tarn.glue.classify.OrcInference;
import dev.tarn.glue.classify.ParquetInference;
import dev.tarn.glue.crawler.ObjectSource.SourceObject;
import dev.tarn.glue.crawler.TablePlanner.FileEntry;
import dev.tarn.glue.crawler.TablePlanner.PlannedPartition;
import dev.tarn.glue.crawler.TablePlanner.PlannedTable;
import dev.tarn.glue.model.Classifier;
import dev.tarn.glue.model.Column;
import dev.tarn.glue.model.CrawlRecord;
import dev.tarn.glue.model.Crawler;
import dev.tarn.glue.model.Crawler.LastCrawlInfo;
import dev.tarn.glue.model.Crawler.S3Target;
import dev.tarn.glue.model.Crawler.SchemaChangePolicy;
import dev.tarn.glue.model.DatabaseInput;
import dev.tarn.glue.model.Partition;
import dev.tarn.glue.model.PartitionInput;
import dev.tarn.glue.model.StorageDescriptor;
import dev.tarn.glue.model.Table;
import dev.tarn.glue.model.TableInput;
import dev.tarn.spi.error.AwsException;
import dev.tarn.storage.meta.MetadataReader;
import dev.tarn.storage.meta.MetadataTransaction;
import dev.tarn.storage.meta.StoredDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * One run of a crawler: lists the objects of each S3 target, classifies a sample of each file
 * (its first bytes, at most SampleSize files per folder), plans tables and partitions, and
 * writes them to the catalog under the crawler's schema change policy. Its end (COMPLETED,
 * STOPPED or FAILED) is recorded with what it changed.
 */
final class Crawl
{
    private static final Logger log = LoggerFactory.getLogger(Crawl.class);
    static final int SAMPLE_BYTES = 256 * 1024;
    private static final int LIST_PAGE = 1000;
    private static final int MAX_LOG_LINES = 200;
    private static final Set<String> STATISTICS_PARAMETERS = Set.of("objectCount", "sizeKey", "recordCount", "averageRecordSize", "UPDATED_BY_CRAWLER",
            "CrawlerSchemaSerializerVersion", "CrawlerSchemaDeserializerVersion");

    private final Catalog catalog;
    private final Crawlers crawlers;
    private final ObjectSource objects;
    private final ExecutorService readers;
    private final Clock clock;
    private final String accountId;
    private final String crawlerName;
    private final CrawlRecord record;
    private final AtomicBoolean cancelled;
    private final AtomicBoolean closing;
    private final Function<Crawler, Optional<CrawlAccess>> accessOf;
    private CrawlAccess access;
    private final List<String> logLines = new ArrayList<>();
    private int tablesCreated;
    private int tablesUpdated;
    private int tablesDeleted;
    private int partitionsCreated;
    private int partitionsUpdated;
    private int partitionsDeleted;

    Crawl(Catalog catalog, Crawlers crawlers, ObjectSource objects, ExecutorService readers, Clock clock, String accountId, String crawlerName,
            CrawlRecord record, AtomicBoolean cancelled, AtomicBoolean closing, Function<Crawler, Optional<CrawlAccess>> accessOf)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.crawlers = requireNonNull(crawlers, "crawlers is null");
        this.objects = requireNonNull(objects, "objects is null");
        this.readers = requireNonNull(readers, "readers is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.accountId = requireNonNull(accountId, "accountId is null");
        this.crawlerName = requireNonNull(crawlerName, "crawlerName is null");
        this.record = requireNonNull(record, "record is null");
        this.cancelled = requireNonNull(cancelled, "cancelled is null");
        this.closing = requireNonNull(closing, "closing is null");
        this.accessOf = requireNonNull(accessOf, "accessOf is null");
    }

    private static final class Cancelled
            extends RuntimeException
    {
        Cancelled()
        {
            super("cancelled", null, false, false);
        }
    }

    void run()
    {
        String state;
        String status;
        Optional<String> error = Optional.empty();
        try {
            Crawler crawler = catalog.metadata().read(reader -> crawlers.requireCrawler(reader, accountId, crawlerName));
            access = accessOf.apply(crawler).orElseThrow(() -> new IllegalStateException("Service is unable to assume role "
                    + CrawlerRole.arn(accountId, crawler.role()) + ". Please verify role's TrustPolicy."));
            line("Crawling as " + access.principal());
            crawl(crawler);
            state = "COMPLETED";
            status = "SUCCEEDED";
        }
        catch (Cancelled e) {
            if (closing.get()) {
                state = "FAILED";
                status = "FAILED";
                error = Optional.of("The crawl was interrupted by a shutdown of the server.");
            }
            else {
                state = "STOPPED";
                status = "CANCELLED";
            }
        }
        catch (AwsException e) {
            // a permission the role lacks, as Glue reports it: the service's error code, then its message
            log.info("Crawler {} failed: {}", crawlerName, e.getMessage());
            state = "FAILED";
            status = "FAILED";
            error = Optional.of(e.code() + ": " + e.getMessage());
        }
        catch (RuntimeException e) {
            log.warn("Crawler {} failed", crawlerName, e);
            state = "FAILED";
            status = "FAILED";
            error = Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        finish(state, status, error);
    }

    private void finish(String state, String status, Optional<String> error)
    {
        Instant end = clock.instant();
        error.ifPresent(message -> line("ERROR " + message));
        line("Crawl " + state.toLowerCase() + ": " + tablesCreated + " tables created, " + tablesUpdated + " updated, " + tablesDeleted + " deleted; "
                + partitionsCreated + " partitions created, " + partitionsUpdated + " updated, " + partitionsDeleted + " deleted");
        CrawlRecord done = new CrawlRecord(crawlerName, record.crawlId(), state, record.startTime(), Optional.of(end), error, tablesCreated,
                tablesUpdated, tablesDeleted, partitionsCreated, partitionsUpdated, partitionsDeleted, logLines);
        try {
            catalog.metadata().write(transaction -> {
                crawlers.putCrawl(transaction, accountId, done);
                crawlers.crawler(transaction, accountId, crawlerName).ifPresent(crawler -> crawlers.put(transaction, accountId, crawler.withState(Crawler.READY,
                        Crawlers.elapsedMillis(record.startTime(), end),
                        Optional.of(new LastCrawlInfo(status, error, Crawlers.LOG_GROUP, crawlerName, record.crawlId(), record.startTime())))));
                return null;
            });
        }
        catch (RuntimeException e) {
            log.warn("Could not record the end of a crawl of {}; it will be marked failed at the next start", crawlerName, e);
        }
    }

    private void line(String text)
    {
        if (logLines.size() < MAX_LOG_LINES) {
            logLines.add(clock.instant() + " " + text);
        }
    }

    private void checkCancelled()
    {
        if (cancelled.get()) {
            throw new Cancelled();
        }
    }

    private void crawl(Crawler crawler)
    {
        String database = Catalog.name("Database", crawler.databaseName().orElseThrow(() ->
                new IllegalArgumentException("The crawler has no database to write tables to.")));
        CrawlerConfiguration configuration = CrawlerConfiguration.parse(crawler.configuration());
        List<Classifier> classifiers = catalog.metadata().read(reader -> crawler.classifiers().stream()
                .flatMap(name -> crawlers.classifier(reader, accountId, name).stream())
                .toList());
        FileClassifier classifier = new FileClassifier(classifiers);
        catalog.metadata().write(transaction -> {
            if (catalog.database(transaction, accountId, database).isPresent()) {
                access.onDatabase("GetDatabase", accountId, database);
            }
            else {
                access.onDatabase("CreateDatabase", accountId, database);
                catalog.createDatabase(transaction, accountId, new DatabaseInput(database, Optional.empty(), Optional.empty(), Map.of(), Optional.empty(),
                        Optional.empty()));
                line("Created database " + database);
            }
            return null;
        });
        boolean newFoldersOnly = crawler.recrawlPolicy().newFoldersOnly();
        Set<String> knownFolders = newFoldersOnly ? knownFolders(database) : Set.of();
        Set<String> plannedNames = new HashSet<>();
        List<String> targetLocations = new ArrayList<>();
        for (S3Target target : crawler.targets().s3Targets()) {
            checkCancelled();
            S3Path path = S3Path.parse(target.path());
            targetLocations.add(path.uri());
            line("Crawling " + target.path());
            List<FileEntry> files = classifyTarget(target, path, classifier, knownFolders);
            TablePlanner planner = new TablePlanner(path.bucket(), path.folders(), configuration.grouping());
            for (PlannedTable table : planner.plan(files)) {
                checkCancelled();
                String name = crawler.tablePrefix().orElse("") + table.name();
                plannedNames.add(apply(crawler, database, name, table, configuration));
            }
        }
        if (!newFoldersOnly) {
            removeVanishedTables(crawler, database, plannedNames, targetLocations);
        }
    }

    /** Folders the catalog already has (tables and partitions this crawler wrote), for CRAWL_NEW_FOLDERS_ONLY. */
    private Set<String> knownFolders(String database)
    {
        Set<String> folders = new HashSet<>();
        catalog.metadata().read(reader -> {
            for (Table table : crawlerTables(reader, database)) {
                for (Optional<String> after = Optional.empty(); ; ) {
                    List<Partition> partitions = catalog.partitions(reader, table, after, 1000);
                    partitions.forEach(partition -> partition.storageDescriptor().flatMap(StorageDescriptor::location).ifPresent(folders::add));
                    if (partitions.size() < 1000) {
                        break;
                    }
                    after = Optional.of(Catalog.partitionId(table, partitions.get(partitions.size() - 1).values()));
                }
                if (table.partitionKeys().isEmpty()) {
                    table.storageDescriptor().flatMap(StorageDescriptor::location).ifPresent(folders::add);
                }
            }
            return null;
        });
        return folders;
    }

    private List<Table> crawlerTables(MetadataReader reader, String database)
    {
        List<Table> tables = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            List<StoredDocument> page = catalog.store().documents(reader, GlueStore.TABLES, Catalog.databaseId(accountId, database) + "/",
                    after, 500);
            for (StoredDocument document : page) {
                Table table = catalog.store().read(document, Table.class);
                if (crawlerName.equals(table.parameters().get("UPDATED_BY_CRAWLER"))) {
                    tables.add(table);
                }
            }
            if (page.size() < 500) {
                return tables;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
    }

    private List<FileEntry> classifyTarget(S3Target target, S3Path path, FileClassifier classifier, Set<String> knownFolders)
    {
        List<PathMatcher> exclusions = target.exclusions().stream().map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
        int sampleSize = target.sampleSize().filter(size -> size > 0).orElse(Integer.MAX_VALUE);
        Map<List<String>, Integer> sampledPerFolder = new HashMap<>();
        Map<List<String>, FileSchema> folderSchema = new HashMap<>();
        List<PendingFile> unsampled = new ArrayList<>();
        List<FileEntry> entries = new ArrayList<>();
        int skipped = 0;
        access.listTarget(path.bucket(), path.keyPrefix());
        Optional<String> after = Optional.empty();
        while (true) {
            checkCancelled();
            List<SourceObject> page = objects.list(path.bucket(), path.keyPrefix(), after, LIST_PAGE);
            List<Future<FileEntry>> classified = new ArrayList<>();
            List<PendingFile> sampledFiles = new ArrayList<>();
            for (SourceObject object : page) {
                String relative = object.key().substring(path.keyPrefix().length());
                if (relative.isEmpty() || relative.endsWith("/")) {
                    continue;
                }
                List<String> parts = List.of(relative.split("/", -1));
                if (parts.stream().anyMatch(part -> part.isEmpty() || part.startsWith("_") || part.startsWith("."))) {
                    continue;
                }
                if (exclusions.stream().anyMatch(matcher -> matcher.matches(Path.of(relative)))) {
                    skipped++;
                    continue;
                }
                List<String> folders = parts.subList(0, parts.size() - 1);
                if (!knownFolders.isEmpty() && knownFolders.contains(folderUri(path, folders))) {
                    continue;
                }
                if (!access.mayRead(object.bucket(), object.key())) {
                    // as Glue: an object the role may not read is left out and logged, the crawl goes on
                    line("Skipped " + object.key() + ": AccessDenied for s3:GetObject");
                    continue;
                }
                PendingFile file = new PendingFile(object, folders, parts.get(parts.size() - 1));
                if (sampledPerFolder.merge(folders, 1, Integer::sum) > sampleSize) {
                    unsampled.add(file);
                }
                else {
                    sampledFiles.add(file);
                    classified.add(readers.submit(() -> classify(classifier, file)));
                }
            }
            for (int i = 0; i < classified.size(); i++) {
                FileEntry entry = await(classified.get(i));
                if (entry == null) {
                    line("Skipped " + sampledFiles.get(i).object().key() + ": not readable, or not a recognized format");
                    continue;
                }
                folderSchema.putIfAbsent(entry.folders(), entry.schema());
                entries.add(entry);
            }
            if (page.size() < LIST_PAGE) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1).key());
        }
        for (PendingFile file : unsampled) {
            FileSchema schema = folderSchema.get(file.folders());
            if (schema != null) {
                entries.add(new FileEntry(file.folders(), file.name(), file.object().size(), schema));
            }
        }
        if (skipped > 0) {
            line("Excluded " + skipped + " objects of " + target.path());
        }
        return entries;
    }

    private record PendingFile(SourceObject object, List<String> folders, String name) {}

    private FileEntry classify(FileClassifier classifier, PendingFile file)
    {
        if (cancelled.get()) {
            return null;
        }
        byte[] sample;
        Optional<FileSchema> columnar = Optional.empty();
        try (InputStream in = objects.open(access.reader(), file.object(), 0, SAMPLE_BYTES)) {
            sample = in.readNBytes(SAMPLE_BYTES);
            if (ParquetInference.matches(sample)) {
                columnar = parquetSchema(file.object());
            }
            else if (OrcInference.matches(sample)) {
                columnar = orcSchema(file.object());
            }
        }
        catch (IOException | RuntimeException e) {
            // an object the crawler cannot read (a customer key, a KMS key it may not use) is skipped, as Glue skips it
            return null;
        }
        if (columnar.isPresent()) {
            return new FileEntry(file.folders(), file.name(), file.object().size(), columnar.get());
        }
        boolean whole = sample.length >= file.object().size();
        return classifier.classify(sample, whole).map(schema -> new FileEntry(file.folders(), file.name(), file.object().size(), schema)).orElse(null);
    }

    /** A Parquet file's schema from its footer: the last 8 bytes give the footer's length, then the footer is read. */
    private Optional<FileSchema> parquetSchema(SourceObject object)
            throws IOException
    {
        long size = object.size();
        if (size < 12) {
            return Optional.empty();
        }
        byte[] lastEight;
        try (InputStream in = objects.open(access.reader(), object, size - 8, 8)) {
            lastEight = in.readNBytes(8);
        }
        Optional<Integer> footer = ParquetInference.footerLength(lastEight);
        if (footer.isEmpty() || footer.get() + 12L > size) {
            return Optional.empty();
        }
        int tailLength = footer.get() + 8;
        byte[] tail;
        try (InputStream in = objects.open(access.reader(), object, size - tailLength, tailLength)) {
            tail = in.readNBytes(tailLength);
        }
        return ParquetInference.infer(size, tail);
    }

    /** An ORC file's schema from its tail: a first guess of the last bytes, then the whole tail when the footer is longer. */
    private Optional<FileSchema> orcSchema(SourceObject object)
            throws IOException
    {
        long size = object.size();
        int guess = (int) Math.min(size, OrcInference.TAIL_GUESS);
        byte[] tail = tail(object, guess);
        Optional<Long> needed = OrcInference.tailLength(size, tail);
        if (needed.isEmpty()) {
            return Optional.empty();
        }
        if (needed.get() > tail.length) {
            tail = tail(object, needed.get().intValue());
        }
        return OrcInference.infer(size, tail);
    }

    private byte[] tail(SourceObject object, int length)
            throws IOException
    {
        try (InputStream in = objects.open(access.reader(), object, object.size() - length, length)) {
            return in.readNBytes(length);
        }
    }

    private FileEntry await(Future<FileEntry> future)
    {
        try {
            return future.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("Could not read an object: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static String folderUri(S3Path path, List<String> folders)
    {
        List<String> all = new ArrayList<>(path.folders());
        all.addAll(folders);
        String joined = String.join("/", all);
        return "s3://" + path.bucket() + "/" + joined + (joined.isEmpty() ? "" : "/");
    }

    /** Writes one planned table and its partitions; returns the name it has in the catalog. */
    private String apply(Crawler crawler, String database, String plannedName, PlannedTable planned, CrawlerConfiguration configuration)
    {
        SchemaChangePolicy policy = crawler.schemaChangePolicy();
        boolean update = policy.update().equals("UPDATE_IN_DATABASE") && !crawler.recrawlPolicy().newFoldersOnly();
        return catalog.metadata().write(transaction -> {
            String name = Catalog.name("Table", plannedName);
            Optional<Table> existing = catalog.table(transaction, accountId, database, name);
            if (existing.isPresent() && !sameLocation(existing.get(), planned.location())) {
                name = name + "_" + Integer.toHexString(planned.location().hashCode() & 0xffffff);
                existing = catalog.table(transaction, accountId, database, name);
            }
            TableInput wanted = tableInput(name, planned, existing, configuration);
            Table table;
            if (existing.isEmpty()) {
                access.onTable("CreateTable", accountId, database, name);
                table = catalog.createTable(transaction, accountId, database, wanted, Optional.of(crawlerName));
                tablesCreated++;
                line("Created table " + name + " at " + planned.location() + " (" + planned.schema().classification() + ")");
            }
            else if (changed(existing.get(), wanted)) {
                if (update) {
                    access.onTable("UpdateTable", accountId, database, name);
                    table = catalog.updateTable(transaction, accountId, database, wanted, false, Optional.empty());
                    tablesUpdated++;
                    line("Updated table " + name);
                }
                else {
                    table = existing.get();
                    line("Table " + name + " changed; not updated (UpdateBehavior LOG)");
                }
            }
            else {
                table = existing.get();
            }
            applyPartitions(transaction, table, planned, update, policy.delete().equals("DELETE_FROM_DATABASE") && !crawler.recrawlPolicy().newFoldersOnly(),
                    configuration);
            return name;
        });
    }

    private static boolean sameLocation(Table table, String location)
    {
        return table.storageDescriptor().flatMap(StorageDescriptor::location).map(value -> value.equals(location)).orElse(false);
    }

    private TableInput tableInput(String name, PlannedTable planned, Optional<Table> existing, CrawlerConfiguration configuration)
    {
        Map<String, String> parameters = parameters(planned.schema(), planned.objectCount(), planned.size());
        List<Column> columns = planned.schema().resolvedColumns();
        if (configuration.mergeNewColumns() && existing.isPresent()) {
            List<Column> merged = new ArrayList<>(existing.get().storageDescriptor().map(StorageDescriptor::columns).orElse(List.of()));
            for (Column column : columns) {
                if (merged.stream().noneMatch(c -> c.name().equals(column.name()))) {
                    merged.add(column);
                }
            }
            columns = merged;
        }
        StorageDescriptor sd = descriptor(planned.schema(), columns, planned.location(), parameters);
        return new TableInput(name, existing.flatMap(Table::description), Optional.of("owner"), Optional.empty(), Optional.empty(), 0, Optional.of(sd),
                planned.partitionKeys(), Optional.empty(), Optional.empty(), Optional.of("EXTERNAL_TABLE"), parameters, Optional.empty());
    }

    private Map<String, String> parameters(FileSchema schema, int objectCount, long size)
    {
        Map<String, String> parameters = new LinkedHashMap<>(schema.parameters());
        parameters.put("compressionType", schema.compressionType());
        parameters.put("typeOfData", "file");
        parameters.put("objectCount", Integer.toString(objectCount));
        parameters.put("sizeKey", Long.toString(size));
        parameters.put("CrawlerSchemaSerializerVersion", "1.0");
        parameters.put("CrawlerSchemaDeserializerVersion", "1.0");
        parameters.put("UPDATED_BY_CRAWLER", crawlerName);
        return parameters;
    }

    private static StorageDescriptor descriptor(FileSchema schema, List<Column> columns, String location, Map<String, String> parameters)
    {
        return new StorageDescriptor(columns, Optional.of(location), Optional.empty(), Optional.of(schema.inputFormat()), Optional.of(schema.outputFormat()),
                !schema.compressionType().equals("none"), -1, Optional.of(schema.serde()), List.of(), List.of(), parameters, Optional.empty(), false,
                Optional.empty());
    }

    /** Whether the definition differs in what a crawler decides (schema, format, keys), not in counts. */
    private static boolean changed(Table existing, TableInput wanted)
    {
        StorageDescriptor before = existing.storageDescriptor().orElse(null);
        StorageDescriptor after = wanted.storageDescriptor().orElseThrow();
        if (before == null || !before.columns().equals(after.columns()) || !before.serdeInfo().equals(after.serdeInfo())
                || !before.inputFormat().equals(after.inputFormat()) || !existing.partitionKeys().equals(wanted.partitionKeys())) {
            return true;
        }
        return !withoutStatistics(existing.parameters()).equals(withoutStatistics(wanted.parameters()));
    }

    private static Map<String, String> withoutStatistics(Map<String, String> parameters)
    {
        Map<String, String> kept = new HashMap<>(parameters);
        STATISTICS_PARAMETERS.forEach(kept::remove);
        return kept;
    }

    private void applyPartitions(MetadataTransaction transaction, Table table, PlannedTable planned, boolean update,
            boolean deleteVanished, CrawlerConfiguration configuration)
    {
        if (table.partitionKeys().size() != planned.partitionKeys().size()) {
            line("Partition keys of " + table.name() + " differ from the folders found; partitions not written");
            return;
        }
        Map<List<String>, Partition> existing = new HashMap<>();
        for (Optional<String> after = Optional.empty(); ; ) {
            List<Partition> page = catalog.partitions(transaction, table, after, 1000);
            page.forEach(partition -> existing.put(partition.values(), partition));
            if (page.size() < 1000) {
                break;
            }
            after = Optional.of(Catalog.partitionId(table, page.get(page.size() - 1).values()));
        }
        StorageDescriptor tableDescriptor = table.storageDescriptor().orElseThrow();
        Set<List<String>> found = new HashSet<>();
        for (PlannedPartition planned1 : planned.partitions()) {
            found.add(planned1.values());
            Map<String, String> parameters = parameters(planned1.schema(), planned1.objectCount(), planned1.size());
            StorageDescriptor sd = configuration.partitionsInheritFromTable()
                    ? tableDescriptor.withLocation(planned1.location()).withParameters(parameters)
                    : descriptor(planned1.schema(), planned1.schema().resolvedColumns(), planned1.location(), parameters);
            PartitionInput input = new PartitionInput(planned1.values(), Optional.empty(), Optional.of(sd), parameters, Optional.empty());
            Partition current = existing.get(planned1.values());
            if (current == null) {
                access.onTable("BatchCreatePartition", accountId, table.databaseName(), table.name());
                catalog.createPartition(transaction, table, input);
                partitionsCreated++;
            }
            else if (update && current.storageDescriptor().map(d -> !d.columns().equals(sd.columns()) || !d.serdeInfo().equals(sd.serdeInfo())).orElse(true)) {
                access.onTable("BatchUpdatePartition", accountId, table.databaseName(), table.name());
                catalog.updatePartition(transaction, table, planned1.values(), input);
                partitionsUpdated++;
            }
        }
        if (deleteVanished) {
            for (List<String> values : existing.keySet()) {
                if (!found.contains(values)) {
                    access.onTable("BatchDeletePartition", accountId, table.databaseName(), table.name());
                    catalog.deletePartition(transaction, table, values);
                    partitionsDeleted++;
                }
            }
        }
    }

    private void removeVanishedTables(Crawler crawler, String database, Set<String> plannedNames, List<String> targetLocations)
    {
        String behavior = crawler.schemaChangePolicy().delete();
        catalog.metadata().write(transaction -> {
            for (Table table : crawlerTables(transaction, database)) {
                String location = table.storageDescriptor().flatMap(StorageDescriptor::location).orElse("");
                boolean underTarget = targetLocations.stream().anyMatch(location::startsWith);
                if (plannedNames.contains(table.name()) || !underTarget) {
                    continue;
                }
                switch (behavior) {
                    case "DELETE_FROM_DATABASE" -> {
                        access.onTable("DeleteTable", accountId, database, table.name());
                        catalog.deleteTable(transaction, accountId, database, table.name());
                        tablesDeleted++;
                        line("Deleted table " + table.name() + ": its data is gone");
                    }
                    case "DEPRECATE_IN_DATABASE" -> {
                        if (!table.parameters().containsKey("DEPRECATED_BY_CRAWLER")) {
                            Map<String, String> parameters = new LinkedHashMap<>(table.parameters());
                            parameters.put("DEPRECATED_BY_CRAWLER", "1");
                            TableInput input = table.asInput();
                            access.onTable("UpdateTable", accountId, database, table.name());
                            catalog.updateTable(transaction, accountId, database, new TableInput(input.name(), input.description(), input.owner(),
                                    input.lastAccessTime(), input.lastAnalyzedTime(), input.retention(), input.storageDescriptor(), input.partitionKeys(),
                                    input.viewOriginalText(), input.viewExpandedText(), input.tableType(), parameters, input.targetTable()), false, Optional.empty());
                            tablesDeleted++;
                            line("Deprecated table " + table.name() + ": its data is gone");
                        }
                    }
                    default -> line("Table " + table.name() + " has no data any more; kept (DeleteBehavior LOG)");
                }
            }
            return null;
        });
    }

    /** An S3 include path: {@code s3://bucket/folder/...}. */
    record S3Path(String bucket, List<String> folders)
    {
        static S3Path parse(String path)
        {
            String text = path.trim();
            if (!text.startsWith("s3://")) {
                throw new IllegalArgumentException("Not an S3 path: " + path);
            }
            String rest = text.substring(5);
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            List<String> folders = new ArrayList<>();
            if (slash >= 0) {
                for (String part : rest.substring(slash + 1).split("/")) {
                    if (!part.isEmpty()) {
                        folders.add(part);
                    }
                }
            }
            if (bucket.isEmpty()) {
                throw new IllegalArgumentException("No bucket in S3 path: " + path);
            }
            return new S3Path(bucket, folders);
        }

        String keyPrefix()
        {
            return folders.isEmpty() ? "" : String.join("/", folders) + "/";
        }

        String uri()
        {
            return "s3://" + bucket + "/" + keyPrefix();
        }
    }
}
