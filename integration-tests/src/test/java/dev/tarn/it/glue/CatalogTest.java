package dev.tarn.it.glue;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsType;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Data Catalog API through the SDK v2 GlueClient: databases, tables, versions, partitions, expressions, indexes, statistics, paging. */
class CatalogTest
{
    private static TestServer server;
    private static GlueClient glue;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        glue = server.glue();
        glue.createDatabase(r -> r.databaseInput(d -> d.name("Sales").description("orders").locationUri("s3://lake/sales/")));
    }

    @AfterAll
    static void stop()
    {
        glue.close();
        server.close();
    }

    private static TableInput table(String name, String... columns)
    {
        List<Column> list = new ArrayList<>();
        for (String column : columns) {
            list.add(Column.builder().name(column).type("string").build());
        }
        return TableInput.builder().name(name).tableType("EXTERNAL_TABLE")
                .partitionKeys(Column.builder().name("year").type("int").build(), Column.builder().name("month").type("string").build())
                .storageDescriptor(StorageDescriptor.builder().columns(list).location("s3://lake/sales/" + name + "/")
                        .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                        .serdeInfo(s -> s.serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe").parameters(java.util.Map.of("field.delim", ",")))
                        .build())
                .parameters(java.util.Map.of("classification", "csv"))
                .build();
    }

    @Test
    void databases()
    {
        assertThat(glue.getDatabase(r -> r.name("SALES")).database().name()).isEqualTo("sales");
        assertThatThrownBy(() -> glue.createDatabase(r -> r.databaseInput(d -> d.name("sales")))).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> glue.getDatabase(r -> r.name("nope"))).isInstanceOf(EntityNotFoundException.class);
        for (int i = 0; i < 5; i++) {
            int n = i;
            glue.createDatabase(r -> r.databaseInput(d -> d.name("paged" + n)));
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        do {
            String current = token;
            GetDatabasesResponse page = glue.getDatabases(r -> r.maxResults(2).nextToken(current));
            page.databaseList().forEach(database -> assertThat(seen.add(database.name())).isTrue());
            token = page.nextToken();
        }
        while (token != null);
        assertThat(seen).contains("sales", "paged0", "paged4");
        glue.updateDatabase(r -> r.name("paged0").databaseInput(d -> d.name("paged0").description("changed")));
        assertThat(glue.getDatabase(r -> r.name("paged0")).database().description()).isEqualTo("changed");
        glue.createTable(r -> r.databaseName("paged1").tableInput(table("t", "a")));
        glue.deleteDatabase(r -> r.name("paged1"));
        assertThatThrownBy(() -> glue.getTable(r -> r.databaseName("paged1").name("t"))).isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void tablesVersionsAndSearch()
    {
        glue.createTable(r -> r.databaseName("sales").tableInput(table("Orders", "id", "amount")));
        glue.createTable(r -> r.databaseName("sales").tableInput(table("returns", "id"))
                .partitionIndexes(software.amazon.awssdk.services.glue.model.PartitionIndex.builder().indexName("by_month").keys("year", "month").build()));
        assertThat(glue.getPartitionIndexes(r -> r.databaseName("sales").tableName("returns")).partitionIndexDescriptorList())
                .singleElement().satisfies(index -> assertThat(index.keys()).extracting(key -> key.name()).containsExactly("year", "month"));
        assertThatThrownBy(() -> glue.createTable(r -> r.databaseName("sales").tableInput(table("badindex", "id"))
                .partitionIndexes(software.amazon.awssdk.services.glue.model.PartitionIndex.builder().indexName("x").keys("id").build())))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> glue.getTable(r -> r.databaseName("sales").name("badindex"))).isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.createTable(r -> r.databaseName("sales").tableInput(table("orders", "id")))).isInstanceOf(AlreadyExistsException.class);
        assertThat(glue.getTable(r -> r.databaseName("sales").name("orders")).table().storageDescriptor().serdeInfo().parameters())
                .containsEntry("field.delim", ",");
        assertThat(glue.getTables(r -> r.databaseName("sales").expression("ord*")).tableList()).extracting(t -> t.name()).containsExactly("orders");

        glue.updateTable(r -> r.databaseName("sales").tableInput(table("orders", "id", "amount", "currency")));
        assertThat(glue.getTable(r -> r.databaseName("sales").name("orders")).table().versionId()).isEqualTo("1");
        assertThat(glue.getTableVersions(r -> r.databaseName("sales").tableName("orders")).tableVersions()).hasSize(2);
        assertThat(glue.getTableVersion(r -> r.databaseName("sales").tableName("orders").versionId("0")).tableVersion().table()
                .storageDescriptor().columns()).hasSize(2);
        assertThatThrownBy(() -> glue.deleteTableVersion(r -> r.databaseName("sales").tableName("orders").versionId("1")))
                .isInstanceOf(InvalidInputException.class);
        glue.deleteTableVersion(r -> r.databaseName("sales").tableName("orders").versionId("0"));
        assertThat(glue.getTableVersions(r -> r.databaseName("sales").tableName("orders")).tableVersions()).hasSize(1);
        assertThat(glue.getTableVersion(r -> r.databaseName("sales").tableName("orders")).tableVersion().versionId()).isEqualTo("1");
        glue.updateTable(r -> r.databaseName("sales").tableInput(table("orders", "id", "amount", "currency", "channel")));
        glue.updateTable(r -> r.databaseName("sales").tableInput(table("orders", "id", "amount", "currency", "channel", "region")).versionId("2"));
        assertThatThrownBy(() -> glue.updateTable(r -> r.databaseName("sales").tableInput(table("orders", "id")).versionId("2")))
                .isInstanceOf(software.amazon.awssdk.services.glue.model.ConcurrentModificationException.class);
        assertThat(glue.batchDeleteTableVersion(r -> r.databaseName("sales").tableName("orders").versionIds("1", "2", "9")).errors())
                .extracting(e -> e.versionId()).containsExactly("9");

        assertThat(glue.searchTables(r -> r.searchText("currency")).tableList()).extracting(t -> t.name()).containsExactly("orders");
        assertThat(glue.batchDeleteTable(r -> r.databaseName("sales").tablesToDelete("returns", "missing")).errors())
                .extracting(e -> e.tableName()).containsExactly("missing");
        glue.createTable(r -> r.databaseName("sales").tableInput(table("scratch", "id")));
        glue.deleteTable(r -> r.databaseName("sales").name("scratch"));
        assertThatThrownBy(() -> glue.deleteTable(r -> r.databaseName("sales").name("scratch"))).isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void partitionsExpressionsIndexesAndStatistics()
    {
        glue.createTable(r -> r.databaseName("sales").tableInput(table("events", "id")));
        List<PartitionInput> inputs = new ArrayList<>();
        for (int year = 2020; year <= 2024; year++) {
            for (int month = 1; month <= 12; month++) {
                String m = String.format("%02d", month);
                inputs.add(PartitionInput.builder().values(Integer.toString(year), m)
                        .storageDescriptor(s -> s.location("s3://lake/sales/events/").columns(Column.builder().name("id").type("string").build())).build());
            }
        }
        for (int i = 0; i < inputs.size(); i += 25) {
            List<PartitionInput> batch = inputs.subList(i, i + 25 > inputs.size() ? inputs.size() : i + 25);
            assertThat(glue.batchCreatePartition(r -> r.databaseName("sales").tableName("events").partitionInputList(batch)).errors()).isEmpty();
        }
        assertThat(glue.batchCreatePartition(r -> r.databaseName("sales").tableName("events").partitionInputList(inputs.get(0))).errors()).hasSize(1);
        assertThat(glue.getPartitionsPaginator(r -> r.databaseName("sales").tableName("events").maxResults(7)).stream().mapToLong(page -> page.partitions().size()).sum()).isEqualTo(60);
        assertThat(glue.getPartitions(r -> r.databaseName("sales").tableName("events").expression("year > 2022 AND month IN ('01','02')")).partitions())
                .hasSize(4);
        assertThat(glue.getPartitions(r -> r.databaseName("sales").tableName("events").expression("year = 2021 and month like '1%'")).partitions())
                .hasSize(3);
        assertThatThrownBy(() -> glue.getPartitions(r -> r.databaseName("sales").tableName("events").expression("nokey = 1")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(glue.batchGetPartition(r -> r.databaseName("sales").tableName("events")
                .partitionsToGet(PartitionValueList.builder().values("2020", "01").build(), PartitionValueList.builder().values("1999", "01").build()))
                .partitions()).hasSize(1);
        glue.updatePartition(r -> r.databaseName("sales").tableName("events").partitionValueList("2020", "01")
                .partitionInput(p -> p.values("2020", "01").parameters(java.util.Map.of("checked", "yes"))));
        assertThat(glue.getPartition(r -> r.databaseName("sales").tableName("events").partitionValues("2020", "01")).partition().parameters())
                .containsEntry("checked", "yes");
        assertThat(glue.batchUpdatePartition(r -> r.databaseName("sales").tableName("events").entries(
                software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry.builder().partitionValueList("2020", "03")
                        .partitionInput(p -> p.values("2020", "03").parameters(java.util.Map.of("checked", "too"))).build(),
                software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry.builder().partitionValueList("1999", "03")
                        .partitionInput(p -> p.values("1999", "03")).build())).errors())
                .extracting(e -> e.partitionValueList()).containsExactly(List.of("1999", "03"));
        glue.deletePartition(r -> r.databaseName("sales").tableName("events").partitionValues("2020", "01"));
        assertThatThrownBy(() -> glue.getPartition(r -> r.databaseName("sales").tableName("events").partitionValues("2020", "01")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(glue.batchDeletePartition(r -> r.databaseName("sales").tableName("events")
                .partitionsToDelete(PartitionValueList.builder().values("2020", "02").build())).errors()).isEmpty();

        glue.createPartitionIndex(r -> r.databaseName("sales").tableName("events").partitionIndex(i -> i.indexName("by_year").keys("year")));
        assertThat(glue.getPartitionIndexes(r -> r.databaseName("sales").tableName("events")).partitionIndexDescriptorList())
                .extracting(d -> d.indexName()).containsExactly("by_year");
        glue.deletePartitionIndex(r -> r.databaseName("sales").tableName("events").indexName("by_year"));

        ColumnStatistics statistics = ColumnStatistics.builder().columnName("id").columnType("string").analyzedTime(Instant.parse("2024-01-01T00:00:00Z"))
                .statisticsData(d -> d.type(ColumnStatisticsType.STRING)
                        .stringColumnStatisticsData(s -> s.maximumLength(10L).averageLength(4.5).numberOfNulls(0L).numberOfDistinctValues(3L)))
                .build();
        assertThat(glue.updateColumnStatisticsForTable(r -> r.databaseName("sales").tableName("events").columnStatisticsList(statistics)).errors()).isEmpty();
        assertThat(glue.getColumnStatisticsForTable(r -> r.databaseName("sales").tableName("events").columnNames("id")).columnStatisticsList().get(0)
                .statisticsData().stringColumnStatisticsData().maximumLength()).isEqualTo(10L);
        glue.deleteColumnStatisticsForTable(r -> r.databaseName("sales").tableName("events").columnName("id"));
        assertThat(glue.getColumnStatisticsForTable(r -> r.databaseName("sales").tableName("events").columnNames("id")).columnStatisticsList()).isEmpty();
        assertThat(glue.updateColumnStatisticsForTable(r -> r.databaseName("sales").tableName("events").columnStatisticsList(
                statistics.toBuilder().columnName("nope").build())).errors()).hasSize(1);
        assertThat(glue.updateColumnStatisticsForPartition(r -> r.databaseName("sales").tableName("events").partitionValues("2021", "05")
                .columnStatisticsList(statistics)).errors()).isEmpty();
        glue.deleteColumnStatisticsForPartition(r -> r.databaseName("sales").tableName("events").partitionValues("2021", "05").columnName("id"));
        assertThat(glue.getColumnStatisticsForPartition(r -> r.databaseName("sales").tableName("events").partitionValues("2021", "05").columnNames("id"))
                .errors()).hasSize(1);
    }
}
