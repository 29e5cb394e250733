package dev.tarn.athena.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Partitions: MSCK REPAIR TABLE, ALTER TABLE ADD/DROP PARTITION, pruning from WHERE, and the SHOW/DESCRIBE utilities. */
class PartitionedTableTest
{
    static TarnServices tarn;
    static final String[] DAYS = {"2024-01-01", "2024-01-02", "2024-01-03"};
    static final String[] REGIONS = {"eu", "us"};

    @BeforeAll
    static void start()
            throws Exception
    {
        tarn = TarnServices.start();
        tarn.createBucket("events");
        tarn.createBucket("results");
        for (String day : DAYS) {
            for (String region : REGIONS) {
                StringBuilder csv = new StringBuilder();
                for (int i = 0; i < 100; i++) {
                    csv.append(i).append('|').append(region).append('-').append(i % 7).append('\n');
                }
                tarn.putObject("events", "log/dt=" + day + "/region=" + region + "/part-0.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        tarn.putObject("events", "log/dt=2024-01-01/region=eu/_SUCCESS", new byte[0]);
        tarn.run(tarn.root(), "CREATE DATABASE logs", Optional.empty());
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE log (id bigint, tag string)
                PARTITIONED BY (dt string, region string)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY '|'
                STORED AS TEXTFILE
                LOCATION 's3://events/log/'
                """, Optional.of("logs"));
    }

    @AfterAll
    static void stop()
    {
        tarn.close();
    }

    @Test
    void repairFindsPartitionsAndWherePrunesThem()
            throws Exception
    {
        TarnServices.Result repair = tarn.run(tarn.root(), "MSCK REPAIR TABLE log", Optional.of("logs"));
        assertThat(repair.text()).anySatisfy(row -> assertThat(row.get(0)).contains("Repair: Added partition to metastore log:dt=2024-01-02/region=us"));
        JsonNode partitions = tarn.glue("GetPartitions", "{\"DatabaseName\":\"logs\",\"TableName\":\"log\"}").path("Partitions");
        assertThat(partitions).hasSize(DAYS.length * REGIONS.length);

        TarnServices.Result shown = tarn.run(tarn.root(), "SHOW PARTITIONS log", Optional.of("logs"));
        assertThat(shown.text()).contains(List.of("dt=2024-01-03/region=eu"));

        TarnServices.Result all = tarn.run(tarn.root(), "SELECT count(*), count(DISTINCT dt) FROM log", Optional.of("logs"));
        assertThat(all.text().get(0)).containsExactly(Integer.toString(100 * DAYS.length * REGIONS.length), Integer.toString(DAYS.length));

        TarnServices.Result one = tarn.run(tarn.root(), "SELECT count(*), min(tag) FROM log l WHERE l.dt = '2024-01-02' AND region IN ('us')", Optional.of("logs"));
        assertThat(one.text().get(0)).containsExactly("100", "us-0");
        assertThat(one.statement().dataScannedBytes()).isEqualTo(all.statement().dataScannedBytes() / (DAYS.length * REGIONS.length));

        TarnServices.Result none = tarn.run(tarn.root(), "SELECT count(*) FROM log WHERE dt > '2030-01-01'", Optional.of("logs"));
        assertThat(none.single()).isEqualTo("0");
        assertThat(none.statement().dataScannedBytes()).isZero();
    }

    @Test
    void addAndDropPartitionByHand()
            throws Exception
    {
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE log_manual (id bigint, tag string) PARTITIONED BY (dt string, region string)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION 's3://events/log/'
                """, Optional.of("logs"));
        tarn.run(tarn.root(), """
                ALTER TABLE log_manual ADD IF NOT EXISTS
                  PARTITION (dt = '2024-01-01', region = 'eu')
                  PARTITION (dt = '2024-01-03', region = 'us') LOCATION 's3://events/log/dt=2024-01-03/region=us/'
                """, Optional.of("logs"));
        assertThat(tarn.run(tarn.root(), "SELECT count(*) FROM log_manual", Optional.of("logs")).single()).isEqualTo("200");

        tarn.run(tarn.root(), "ALTER TABLE log_manual DROP PARTITION (dt = '2024-01-01', region = 'eu')", Optional.of("logs"));
        assertThat(tarn.run(tarn.root(), "SELECT count(*), min(region) FROM log_manual", Optional.of("logs")).text().get(0)).containsExactly("100", "us");
    }

    @Test
    void partitionProjectionComputesPartitionsWithoutTheCatalog()
            throws Exception
    {
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE log_projected (id bigint, tag string) PARTITIONED BY (dt string, region string)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION 's3://events/log/'
                TBLPROPERTIES ('projection.enabled' = 'true',
                  'projection.dt.type' = 'date', 'projection.dt.format' = 'yyyy-MM-dd', 'projection.dt.range' = '2023-12-30,2024-01-05',
                  'projection.region.type' = 'enum', 'projection.region.values' = 'eu,us,ap')
                """, Optional.of("logs"));
        assertThat(tarn.glue("GetPartitions", "{\"DatabaseName\":\"logs\",\"TableName\":\"log_projected\"}").path("Partitions")).isEmpty();

        TarnServices.Result all = tarn.run(tarn.root(), "SELECT count(*) FROM log_projected", Optional.of("logs"));
        assertThat(all.single()).isEqualTo(Integer.toString(100 * DAYS.length * REGIONS.length));

        TarnServices.Result one = tarn.run(tarn.root(), "SELECT count(*), max(dt) FROM log_projected WHERE dt = '2024-01-03' AND region = 'eu'",
                Optional.of("logs"));
        assertThat(one.text().get(0)).containsExactly("100", "2024-01-03");
        assertThat(one.statement().dataScannedBytes()).isEqualTo(all.statement().dataScannedBytes() / (DAYS.length * REGIONS.length));
    }

    @Test
    void showAndDescribe()
            throws Exception
    {
        assertThat(tarn.run(tarn.root(), "SHOW DATABASES", Optional.empty()).text()).contains(List.of("logs"));
        assertThat(tarn.run(tarn.root(), "SHOW TABLES IN logs 'log*'", Optional.empty()).text()).contains(List.of("log"));
        assertThat(tarn.run(tarn.root(), "SHOW COLUMNS IN log", Optional.of("logs")).text())
                .containsExactly(List.of("id"), List.of("tag"), List.of("dt"), List.of("region"));
        assertThat(tarn.run(tarn.root(), "DESCRIBE log", Optional.of("logs")).text()).anySatisfy(row -> assertThat(row.get(0)).startsWith("# Partition Information"));
        List<String> create = tarn.run(tarn.root(), "SHOW CREATE TABLE log", Optional.of("logs")).text().stream().map(row -> row.get(0)).toList();
        assertThat(String.join("\n", create)).contains("CREATE EXTERNAL TABLE `logs`.`log`(").contains("PARTITIONED BY").contains("'s3://events/log/'")
                .contains("'field.delim'='|'");

        tarn.run(tarn.root(), "ALTER TABLE log SET TBLPROPERTIES ('owner_team' = 'data')", Optional.of("logs"));
        assertThat(tarn.glueTable("logs", "log").path("Parameters").path("owner_team").asText()).isEqualTo("data");
        tarn.run(tarn.root(), "ALTER TABLE log ADD COLUMNS (extra string)", Optional.of("logs"));
        assertThat(tarn.glueTable("logs", "log").path("StorageDescriptor").path("Columns").findValuesAsText("Name")).containsExactly("id", "tag", "extra");
    }

    @Test
    void ddlErrorsHaveLineAndColumn()
    {
        assertThatThrownBy(() -> tarn.run(tarn.root(), "CREATE EXTERNAL TABLE t (a int,\n b nosuchtype) LOCATION 's3://events/x/'", Optional.of("logs")))
                .isInstanceOf(QueryFailure.class)
                .hasMessageStartingWith("line 2:4: ");
        assertThatThrownBy(() -> tarn.run(tarn.root(), "DROP TABLE nosuch", Optional.of("logs")))
                .isInstanceOf(QueryFailure.class)
                .hasMessageContaining("does not exist");
    }
}
