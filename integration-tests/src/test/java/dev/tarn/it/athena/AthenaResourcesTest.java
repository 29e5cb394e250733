package dev.tarn.it.athena;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.BatchGetNamedQueryResponse;
import software.amazon.awssdk.services.athena.model.BatchGetPreparedStatementResponse;
import software.amazon.awssdk.services.athena.model.DataCatalogType;
import software.amazon.awssdk.services.athena.model.EncryptionOption;
import software.amazon.awssdk.services.athena.model.GetWorkGroupResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.MetadataException;
import software.amazon.awssdk.services.athena.model.NamedQuery;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.ResourceNotFoundException;
import software.amazon.awssdk.services.athena.model.TableMetadata;
import software.amazon.awssdk.services.athena.model.WorkGroupState;
import software.amazon.awssdk.services.athena.model.WorkGroupSummary;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Athena's resources through the AWS SDK v2: work groups, named queries, prepared statements,
 * data catalogs and the catalog views of Glue's databases and tables, including their errors, and
 * result files encrypted as the work group's result configuration says (SSE-S3, SSE-KMS).
 */
class AthenaResourcesTest
{
    private static TestServer server;
    private static AthenaClient athena;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        athena = server.athena();
    }

    @AfterAll
    static void stop()
    {
        athena.close();
        server.close();
    }

    @Test
    void primaryWorkGroupExistsAndOthersAreCreatedUpdatedAndDeleted()
    {
        GetWorkGroupResponse primary = athena.getWorkGroup(request -> request.workGroup("primary"));
        assertThat(primary.workGroup().state()).isEqualTo(WorkGroupState.ENABLED);
        assertThat(primary.workGroup().configuration().enforceWorkGroupConfiguration()).isTrue();
        assertThat(primary.workGroup().configuration().engineVersion().effectiveEngineVersion()).isEqualTo("Athena engine version 3");

        athena.createWorkGroup(request -> request.name("analysts").description("the analysts")
                .configuration(configuration -> configuration.bytesScannedCutoffPerQuery(50_000_000L)
                        .resultConfiguration(result -> result.outputLocation("s3://results/analysts/")
                                .encryptionConfiguration(encryption -> encryption.encryptionOption(EncryptionOption.SSE_S3)))));
        var analysts = athena.getWorkGroup(request -> request.workGroup("analysts")).workGroup();
        assertThat(analysts.description()).isEqualTo("the analysts");
        assertThat(analysts.configuration().bytesScannedCutoffPerQuery()).isEqualTo(50_000_000L);
        assertThat(analysts.configuration().resultConfiguration().outputLocation()).isEqualTo("s3://results/analysts/");
        assertThat(analysts.configuration().resultConfiguration().encryptionConfiguration().encryptionOption()).isEqualTo(EncryptionOption.SSE_S3);
        assertThat(analysts.creationTime()).isNotNull();

        assertThatThrownBy(() -> athena.createWorkGroup(request -> request.name("analysts")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("already created");
        assertThatThrownBy(() -> athena.createWorkGroup(request -> request.name("small")
                .configuration(configuration -> configuration.bytesScannedCutoffPerQuery(1000L))))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> athena.getWorkGroup(request -> request.workGroup("nobody")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.athenaErrorCode()).isEqualTo("INVALID_INPUT"));

        athena.updateWorkGroup(request -> request.workGroup("analysts").state(WorkGroupState.DISABLED)
                .configurationUpdates(updates -> updates.removeBytesScannedCutoffPerQuery(true).enforceWorkGroupConfiguration(false)
                        .resultConfigurationUpdates(result -> result.outputLocation("s3://results/elsewhere/").removeEncryptionConfiguration(true))));
        analysts = athena.getWorkGroup(request -> request.workGroup("analysts")).workGroup();
        assertThat(analysts.state()).isEqualTo(WorkGroupState.DISABLED);
        assertThat(analysts.configuration().bytesScannedCutoffPerQuery()).isNull();
        assertThat(analysts.configuration().enforceWorkGroupConfiguration()).isFalse();
        assertThat(analysts.configuration().resultConfiguration().outputLocation()).isEqualTo("s3://results/elsewhere/");
        assertThat(analysts.configuration().resultConfiguration().encryptionConfiguration()).isNull();
        assertThat(analysts.description()).isEqualTo("the analysts");

        assertThatThrownBy(() -> athena.startQueryExecution(request -> request.queryString("SELECT 1").workGroup("analysts")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getMessage()).contains("is disabled"));

        List<String> names = athena.listWorkGroupsPaginator(request -> request.maxResults(1)).stream()
                .flatMap(page -> page.workGroups().stream()).map(WorkGroupSummary::name).toList();
        assertThat(names).contains("primary", "analysts");

        assertThatThrownBy(() -> athena.deleteWorkGroup(request -> request.workGroup("primary"))).isInstanceOf(InvalidRequestException.class);
        athena.deleteWorkGroup(request -> request.workGroup("analysts"));
        assertThatThrownBy(() -> athena.getWorkGroup(request -> request.workGroup("analysts"))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void namedQueriesAreSavedListedUpdatedAndDeleted()
    {
        athena.createWorkGroup(request -> request.name("lab"));
        String token = UUID.randomUUID().toString();
        String id = athena.createNamedQuery(request -> request.name("big fares").database("taxidata").workGroup("lab").clientRequestToken(token)
                .queryString("SELECT * FROM yellow WHERE total >= 100.0")).namedQueryId();
        String again = athena.createNamedQuery(request -> request.name("big fares").database("taxidata").workGroup("lab").clientRequestToken(token)
                .queryString("SELECT * FROM yellow WHERE total >= 100.0")).namedQueryId();
        assertThat(again).isEqualTo(id);
        String other = athena.createNamedQuery(request -> request.name("all").database("taxidata").queryString("SELECT * FROM yellow")).namedQueryId();

        NamedQuery saved = athena.getNamedQuery(request -> request.namedQueryId(id)).namedQuery();
        assertThat(saved.name()).isEqualTo("big fares");
        assertThat(saved.database()).isEqualTo("taxidata");
        assertThat(saved.workGroup()).isEqualTo("lab");

        assertThat(athena.listNamedQueries(request -> request.workGroup("lab")).namedQueryIds()).containsExactly(id);
        assertThat(athena.listNamedQueries(request -> {}).namedQueryIds()).contains(other).doesNotContain(id);

        athena.updateNamedQuery(request -> request.namedQueryId(id).name("huge fares").queryString("SELECT * FROM yellow WHERE total >= 200.0"));
        assertThat(athena.getNamedQuery(request -> request.namedQueryId(id)).namedQuery().queryString()).contains("200.0");

        BatchGetNamedQueryResponse batch = athena.batchGetNamedQuery(request -> request.namedQueryIds(id, "missing-id"));
        assertThat(batch.namedQueries()).extracting(NamedQuery::name).containsExactly("huge fares");
        assertThat(batch.unprocessedNamedQueryIds()).singleElement().satisfies(unprocessed -> assertThat(unprocessed.namedQueryId()).isEqualTo("missing-id"));

        athena.deleteNamedQuery(request -> request.namedQueryId(id));
        assertThatThrownBy(() -> athena.getNamedQuery(request -> request.namedQueryId(id))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> athena.createNamedQuery(request -> request.name("x").database("d").queryString("SELECT 1").workGroup("nowhere")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void preparedStatementsAreKeptPerWorkGroup()
    {
        athena.createPreparedStatement(request -> request.statementName("by_total").workGroup("primary").description("fares above")
                .queryStatement("SELECT * FROM yellow WHERE total >= ?"));
        assertThatThrownBy(() -> athena.createPreparedStatement(request -> request.statementName("by_total").workGroup("primary")
                .queryStatement("SELECT 1"))).isInstanceOf(InvalidRequestException.class);
        var statement = athena.getPreparedStatement(request -> request.statementName("by_total").workGroup("primary")).preparedStatement();
        assertThat(statement.queryStatement()).isEqualTo("SELECT * FROM yellow WHERE total >= ?");
        assertThat(statement.workGroupName()).isEqualTo("primary");
        assertThat(statement.lastModifiedTime()).isNotNull();

        athena.updatePreparedStatement(request -> request.statementName("by_total").workGroup("primary").queryStatement("SELECT * FROM yellow WHERE tip >= ?"));
        assertThat(athena.getPreparedStatement(request -> request.statementName("by_total").workGroup("primary")).preparedStatement().queryStatement())
                .contains("tip");
        assertThat(athena.listPreparedStatements(request -> request.workGroup("primary")).preparedStatements())
                .anySatisfy(summary -> assertThat(summary.statementName()).isEqualTo("by_total"));
        BatchGetPreparedStatementResponse batch = athena.batchGetPreparedStatement(request -> request.workGroup("primary")
                .preparedStatementNames("by_total", "nothing"));
        assertThat(batch.preparedStatements()).hasSize(1);
        assertThat(batch.unprocessedPreparedStatementNames()).singleElement().satisfies(name -> assertThat(name.statementName()).isEqualTo("nothing"));

        athena.deletePreparedStatement(request -> request.statementName("by_total").workGroup("primary"));
        assertThatThrownBy(() -> athena.getPreparedStatement(request -> request.statementName("by_total").workGroup("primary")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> athena.deletePreparedStatement(request -> request.statementName("by_total").workGroup("primary")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void dataCatalogsAndTheGlueCatalogThroughAthena()
    {
        assertThat(athena.listDataCatalogs(request -> {}).dataCatalogsSummary())
                .anySatisfy(summary -> {
                    assertThat(summary.catalogName()).isEqualTo("AwsDataCatalog");
                    assertThat(summary.type()).isEqualTo(DataCatalogType.GLUE);
                });
        assertThat(athena.getDataCatalog(request -> request.name("AwsDataCatalog")).dataCatalog().type()).isEqualTo(DataCatalogType.GLUE);
        athena.createDataCatalog(request -> request.name("mine").type(DataCatalogType.GLUE).parameters(Map.of("catalog-id", server.accountId())));
        assertThat(athena.listDataCatalogs(request -> {}).dataCatalogsSummary()).extracting(summary -> summary.catalogName()).contains("mine");
        assertThatThrownBy(() -> athena.createDataCatalog(request -> request.name("lam").type(DataCatalogType.LAMBDA)
                .parameters(Map.of("function", "arn:aws:lambda:us-east-1:123456789012:function:f")))).isInstanceOf(InvalidRequestException.class);

        try (GlueClient glue = server.glue()) {
            glue.createDatabase(request -> request.databaseInput(input -> input.name("taxidata").description("taxi trips")));
            glue.createTable(request -> request.databaseName("taxidata").tableInput(table -> table.name("yellow").tableType("EXTERNAL_TABLE")
                    .parameters(Map.of("skip.header.line.count", "1", "classification", "csv"))
                    .partitionKeys(Column.builder().name("year").type("string").build())
                    .storageDescriptor(StorageDescriptor.builder().location("s3://lake/yellow/")
                            .columns(Column.builder().name("distance").type("double").build(), Column.builder().name("paytype").type("string").build())
                            .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                            .serdeInfo(SerDeInfo.builder().serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                                    .parameters(Map.of("field.delim", ",")).build())
                            .build())));
        }
        assertThat(athena.listDatabases(request -> request.catalogName("AwsDataCatalog")).databaseList())
                .anySatisfy(database -> {
                    assertThat(database.name()).isEqualTo("taxidata");
                    assertThat(database.description()).isEqualTo("taxi trips");
                });
        assertThat(athena.getDatabase(request -> request.catalogName("mine").databaseName("taxidata")).database().name()).isEqualTo("taxidata");
        assertThatThrownBy(() -> athena.getDatabase(request -> request.catalogName("AwsDataCatalog").databaseName("nothing")))
                .isInstanceOf(MetadataException.class);

        TableMetadata yellow = athena.getTableMetadata(request -> request.catalogName("AwsDataCatalog").databaseName("taxidata").tableName("yellow"))
                .tableMetadata();
        assertThat(yellow.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(yellow.columns()).extracting(column -> column.name() + " " + column.type()).containsExactly("distance double", "paytype string");
        assertThat(yellow.partitionKeys()).extracting(column -> column.name()).containsExactly("year");
        assertThat(yellow.parameters()).containsEntry("skip.header.line.count", "1").containsEntry("location", "s3://lake/yellow/")
                .containsEntry("serde.param.field.delim", ",");
        assertThat(athena.listTableMetadata(request -> request.catalogName("AwsDataCatalog").databaseName("taxidata")).tableMetadataList())
                .extracting(TableMetadata::name).containsExactly("yellow");
        assertThatThrownBy(() -> athena.getTableMetadata(request -> request.catalogName("AwsDataCatalog").databaseName("taxidata").tableName("none")))
                .isInstanceOf(MetadataException.class);

        athena.deleteDataCatalog(request -> request.name("mine"));
        assertThatThrownBy(() -> athena.getDataCatalog(request -> request.name("mine"))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> athena.deleteDataCatalog(request -> request.name("AwsDataCatalog"))).isInstanceOf(AthenaException.class);
    }

    @Test
    void resultsAreEncryptedAsTheWorkGroupSays()
    {
        try (S3Client s3 = server.s3(); KmsClient kms = server.kms()) {
            s3.createBucket(request -> request.bucket("sealed-results"));
            String keyArn = kms.createKey(request -> request.description("query results")).keyMetadata().arn();
            athena.createWorkGroup(request -> request.name("sealed-s3").configuration(configuration -> configuration.resultConfiguration(result -> result
                    .outputLocation("s3://sealed-results/s3/").encryptionConfiguration(encryption -> encryption.encryptionOption(EncryptionOption.SSE_S3)))));
            athena.createWorkGroup(request -> request.name("sealed-kms").configuration(configuration -> configuration.resultConfiguration(result -> result
                    .outputLocation("s3://sealed-results/kms/")
                    .encryptionConfiguration(encryption -> encryption.encryptionOption(EncryptionOption.SSE_KMS).kmsKey(keyArn)))));
            Queries queries = new Queries(athena, "s3://ignored/because-enforced/");
            String plain = athena.startQueryExecution(request -> request.workGroup("sealed-s3").queryString("SELECT 1 AS one")).queryExecutionId();
            String underKms = athena.startQueryExecution(request -> request.workGroup("sealed-kms").queryString("SELECT 1 AS one")).queryExecutionId();
            assertThat(queries.await(plain).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
            QueryExecution kmsExecution = queries.await(underKms);
            assertThat(kmsExecution.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
            assertThat(kmsExecution.resultConfiguration().encryptionConfiguration().kmsKey()).isEqualTo(keyArn);

            assertThat(s3.headObject(request -> request.bucket("sealed-results").key("s3/" + plain + ".csv")).serverSideEncryption())
                    .isEqualTo(ServerSideEncryption.AES256);
            var sealed = s3.headObject(request -> request.bucket("sealed-results").key("kms/" + underKms + ".csv"));
            assertThat(sealed.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(sealed.ssekmsKeyId()).isEqualTo(keyArn);
            assertThat(queries.rows(underKms)).containsExactly(List.of("one"), List.of("1"));
        }
    }

    @Test
    void queryExecutionRequestsAreValidated()
    {
        assertThatThrownBy(() -> athena.startQueryExecution(request -> request.queryString("SELECT 1")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getMessage()).contains("No output location provided");
                    assertThat(e.athenaErrorCode()).isEqualTo("INVALID_INPUT");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThatThrownBy(() -> athena.getQueryExecution(request -> request.queryExecutionId("no-such-query")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> athena.getQueryResults(request -> request.queryExecutionId("no-such-query")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> athena.listQueryExecutions(request -> request.workGroup("nowhere"))).isInstanceOf(InvalidRequestException.class);
    }
}
