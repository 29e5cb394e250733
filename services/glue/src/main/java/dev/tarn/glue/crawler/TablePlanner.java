package dev.tarn.glue.crawler;

import dev.tarn.glue.classify.FileSchema;
import dev.tarn.glue.model.Column;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Decides which tables the classified files of one S3 target make, as Glue documents it: a
 * folder whose files all lie at the same depth below it and have compatible schemas (same
 * format, at least 70% of the columns of the smaller schema in common) is one table, and the folders between it and the
 * files are its partitions ({@code k=v} names the key k, other names give partition_0, ...);
 * otherwise each subfolder is decided on its own, and files directly in it that do not agree
 * become tables of their own. CombineCompatibleSchemas groups all files of the same format at
 * the include path; TableLevelConfiguration puts table roots at a fixed level (the bucket is 1).
 */
public final class TablePlanner
{
    static final double SIMILARITY = 0.7;

    /** A classified file, by its folders below the include path. */
    public record FileEntry(List<String> folders, String name, long size, FileSchema schema)
    {
        public FileEntry
        {
            folders = List.copyOf(folders);
            requireNonNull(name, "name is null");
            requireNonNull(schema, "schema is null");
        }
    }

    public record PlannedPartition(List<String> values, String location, FileSchema schema, int objectCount, long size) {}

    public record PlannedTable(String name, String location, FileSchema schema, List<Column> partitionKeys, List<PlannedPartition> partitions,
            int objectCount, long size) {}

    public record Grouping(boolean combineCompatibleSchemas, Optional<Integer> tableLevel) {}

    private final String bucket;
    private final List<String> rootFolders;
    private final Grouping grouping;

    /**
     * @param rootFolders the folders of the include path below the bucket
     */
    public TablePlanner(String bucket, List<String> rootFolders, Grouping grouping)
    {
        this.bucket = requireNonNull(bucket, "bucket is null");
        this.rootFolders = List.copyOf(rootFolders);
        this.grouping = requireNonNull(grouping, "grouping is null");
    }

    private static final class Node
    {
        final List<String> path;
        final Map<String, Node> children = new TreeMap<>();
        final List<FileEntry> files = new ArrayList<>();

        Node(List<String> path)
        {
            this.path = path;
        }

        void collect(List<FileEntry> into)
        {
            into.addAll(files);
            children.values().forEach(child -> child.collect(into));
        }
    }

    public List<PlannedTable> plan(List<FileEntry> files)
    {
        Node root = new Node(List.of());
        for (FileEntry file : files) {
            Node node = root;
            for (String folder : file.folders()) {
                List<String> path = new ArrayList<>(node.path);
                path.add(folder);
                node = node.children.computeIfAbsent(folder, key -> new Node(List.copyOf(path)));
            }
            node.files.add(file);
        }
        List<PlannedTable> tables = new ArrayList<>();
        if (grouping.tableLevel().isPresent()) {
            int depth = grouping.tableLevel().get() - 1 - rootFolders.size();
            tablesAtDepth(root, Math.max(depth, 0), tables);
        }
        else {
            decide(root, tables);
        }
        return uniqueNames(tables);
    }

    private void tablesAtDepth(Node node, int depth, List<PlannedTable> tables)
    {
        if (depth == 0) {
            List<FileEntry> all = new ArrayList<>();
            node.collect(all);
            if (!all.isEmpty()) {
                int levels = all.stream().mapToInt(file -> file.folders().size() - node.path.size()).min().orElse(0);
                tables.add(table(node.path, tableName(node.path), all, levels));
            }
            return;
        }
        node.children.values().forEach(child -> tablesAtDepth(child, depth - 1, tables));
    }

    private void decide(Node node, List<PlannedTable> tables)
    {
        List<FileEntry> all = new ArrayList<>();
        node.collect(all);
        if (all.isEmpty()) {
            return;
        }
        Set<Integer> depths = new HashSet<>();
        all.forEach(file -> depths.add(file.folders().size() - node.path.size()));
        if (depths.size() == 1 && compatible(all)) {
            tables.add(table(node.path, tableName(node.path), all, depths.iterator().next()));
            return;
        }
        node.children.values().forEach(child -> decide(child, tables));
        if (!node.files.isEmpty()) {
            if (compatible(node.files)) {
                tables.add(table(node.path, tableName(node.path), node.files, 0));
            }
            else {
                for (FileEntry file : node.files) {
                    List<String> path = new ArrayList<>(node.path);
                    path.add(file.name());
                    tables.add(new PlannedTable(sanitize(stripExtensions(file.name())), location(path, false), file.schema(), List.of(), List.of(), 1,
                            file.size()));
                }
            }
        }
    }

    private boolean compatible(List<FileEntry> files)
    {
        double threshold = grouping.combineCompatibleSchemas() ? 0 : SIMILARITY;
        FileSchema merged = null;
        Set<FileSchema> seen = new HashSet<>();
        for (FileEntry file : files) {
            if (!seen.add(file.schema())) {
                continue;
            }
            if (merged == null) {
                merged = file.schema();
            }
            else if (!merged.compatibleWith(file.schema(), threshold) && !file.schema().compatibleWith(merged, threshold)) {
                return false;
            }
            else {
                merged = merged.merge(file.schema());
            }
        }
        return true;
    }

    private PlannedTable table(List<String> path, String name, List<FileEntry> files, int levels)
    {
        List<Column> keys = new ArrayList<>();
        for (int level = 0; level < levels; level++) {
            Optional<String> key = Optional.empty();
            boolean named = true;
            for (FileEntry file : files) {
                String folder = file.folders().get(path.size() + level);
                int equals = folder.indexOf('=');
                String candidate = equals > 0 ? folder.substring(0, equals).toLowerCase(Locale.ROOT) : null;
                if (candidate == null || (key.isPresent() && !key.get().equals(candidate))) {
                    named = false;
                    break;
                }
                key = Optional.of(candidate);
            }
            keys.add(Column.of(named && key.isPresent() ? key.get() : "partition_" + level, "string"));
        }
        Map<List<String>, List<FileEntry>> byPartition = new LinkedHashMap<>();
        FileSchema merged = null;
        Set<FileSchema> seen = new HashSet<>();
        long size = 0;
        for (FileEntry file : files) {
            List<String> folders = file.folders().subList(path.size(), path.size() + levels);
            byPartition.computeIfAbsent(folders, key -> new ArrayList<>()).add(file);
            if (seen.add(file.schema())) {
                merged = merged == null ? file.schema() : merged.merge(file.schema());
            }
            size += file.size();
        }
        List<PlannedPartition> partitions = new ArrayList<>();
        if (levels > 0) {
            for (Map.Entry<List<String>, List<FileEntry>> entry : byPartition.entrySet()) {
                List<String> values = new ArrayList<>();
                for (int level = 0; level < levels; level++) {
                    String folder = entry.getKey().get(level);
                    int equals = folder.indexOf('=');
                    values.add(keys.get(level).name().startsWith("partition_") || equals < 0 ? folder : folder.substring(equals + 1));
                }
                FileSchema partitionSchema = null;
                Set<FileSchema> partitionSeen = new HashSet<>();
                long partitionSize = 0;
                for (FileEntry file : entry.getValue()) {
                    if (partitionSeen.add(file.schema())) {
                        partitionSchema = partitionSchema == null ? file.schema() : partitionSchema.merge(file.schema());
                    }
                    partitionSize += file.size();
                }
                List<String> partitionPath = new ArrayList<>(path);
                partitionPath.addAll(entry.getKey());
                partitions.add(new PlannedPartition(values, location(partitionPath, true), partitionSchema, entry.getValue().size(), partitionSize));
            }
        }
        // partition keys are not columns: a column of the same name as a key is dropped from the schema
        Set<String> keyNames = new HashSet<>();
        keys.forEach(key -> keyNames.add(key.name()));
        FileSchema schema = withoutColumns(merged, keyNames);
        return new PlannedTable(name, location(path, true), schema, keys, partitions, files.size(), size);
    }

    private static FileSchema withoutColumns(FileSchema schema, Set<String> names)
    {
        if (schema.columns().stream().noneMatch(column -> names.contains(column.name()))) {
            return schema;
        }
        return new FileSchema(schema.classification(), schema.compressionType(),
                schema.columns().stream().filter(column -> !names.contains(column.name())).toList(), schema.inputFormat(), schema.outputFormat(),
                schema.serde(), schema.parameters(), schema.format());
    }

    private String location(List<String> path, boolean folder)
    {
        List<String> all = new ArrayList<>(rootFolders);
        all.addAll(path);
        String joined = String.join("/", all);
        return "s3://" + bucket + "/" + joined + (folder && !joined.isEmpty() ? "/" : "");
    }

    private String tableName(List<String> path)
    {
        if (!path.isEmpty()) {
            return sanitize(path.get(path.size() - 1));
        }
        return sanitize(rootFolders.isEmpty() ? bucket : rootFolders.get(rootFolders.size() - 1));
    }

    static String stripExtensions(String name)
    {
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String sanitize(String name)
    {
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (char c : lower.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) || c == '_' ? c : '_');
        }
        return out.isEmpty() ? "table" : out.toString();
    }

    /** Tables of one crawl with the same name get a suffix from their location, as Glue adds a hash. */
    private static List<PlannedTable> uniqueNames(List<PlannedTable> tables)
    {
        Map<String, Integer> counts = new LinkedHashMap<>();
        tables.forEach(table -> counts.merge(table.name(), 1, Integer::sum));
        List<PlannedTable> named = new ArrayList<>();
        for (PlannedTable table : tables) {
            if (counts.get(table.name()) > 1) {
                String suffix = Integer.toHexString(table.location().hashCode() & 0xffffff);
                table = new PlannedTable(table.name() + "_" + suffix, table.location(), table.schema(), table.partitionKeys(), table.partitions(),
                        table.objectCount(), table.size());
            }
            named.add(table);
        }
        return named;
    }
}
