package dev.tarn.it.cloudformation;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetSummary;
import software.amazon.awssdk.services.cloudformation.model.Export;
import software.amazon.awssdk.services.cloudformation.model.ListStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list operations page with NextToken as botocore's paginators expect, over more items than
 * one page (100) holds: the SDK's paginators see every item exactly once, in order.
 */
class CloudFormationPagingTest
{
    private static final int MANY = 101;

    private static TestServer server;
    private static CloudFormationClient cloudFormation;
    private static String bigStackId;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        cloudFormation = server.cloudFormation();
        StringBuilder template = new StringBuilder("Resources:\n");
        for (int i = 0; i < MANY; i++) {
            template.append("  Handle").append(i).append(": {Type: AWS::CloudFormation::WaitConditionHandle}\n");
        }
        template.append("Outputs:\n");
        for (int i = 0; i < MANY; i++) {
            template.append("  Out").append(i).append(": {Value: !Ref Handle").append(i).append(", Export: {Name: export-").append(i).append("}}\n");
        }
        bigStackId = cloudFormation.createStack(request -> request.stackName("big").templateBody(template.toString())).stackId();
        Stack big = Stacks.settled(cloudFormation, bigStackId);
        assertThat(big.stackStatus()).as(big.stackStatusReason()).isEqualTo(StackStatus.CREATE_COMPLETE);
        for (int i = 0; i < MANY; i++) {
            String name = "importer-" + i;
            cloudFormation.createStack(request -> request.stackName(name).templateBody("""
                    Resources: {Handle: {Type: AWS::CloudFormation::WaitConditionHandle}}
                    Outputs: {Imported: {Value: !ImportValue export-0}}
                    """));
        }
        for (int i = 0; i < MANY; i++) {
            assertThat(Stacks.settled(cloudFormation, "importer-" + i).stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        }
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void listStacksAndDescribeStacksPageThroughEveryStackNewestFirst()
    {
        ListStacksResponse first = cloudFormation.listStacks(request -> {});
        assertThat(first.stackSummaries()).hasSize(100);
        assertThat(first.nextToken()).isNotNull();

        List<StackSummary> summaries = cloudFormation.listStacksPaginator(request -> {}).stackSummaries().stream().toList();
        assertThat(summaries).hasSize(MANY + 1);
        assertThat(summaries.stream().map(StackSummary::stackName).distinct()).hasSize(MANY + 1);
        assertThat(summaries).isSortedAccordingTo(Comparator.comparing(StackSummary::creationTime, Comparator.<Instant>reverseOrder()));
        assertThat(summaries.get(summaries.size() - 1).stackName()).isEqualTo("big");

        List<Stack> stacks = cloudFormation.describeStacksPaginator(request -> {}).stacks().stream().toList();
        assertThat(stacks.stream().map(Stack::stackName).toList()).isEqualTo(summaries.stream().map(StackSummary::stackName).toList());
    }

    @Test
    void stackEventsPageNewestFirst()
    {
        List<StackEvent> events = cloudFormation.describeStackEventsPaginator(request -> request.stackName("big")).stackEvents().stream().toList();
        // per resource CREATE_IN_PROGRESS and CREATE_COMPLETE, and the stack's two
        assertThat(events).hasSize(2 * MANY + 2);
        assertThat(events.stream().map(StackEvent::eventId).distinct()).hasSize(events.size());
        assertThat(events.get(0).logicalResourceId()).isEqualTo("big");
        assertThat(events.get(0).resourceStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(events.get(events.size() - 1).resourceStatusAsString()).isEqualTo("CREATE_IN_PROGRESS");
        assertThat(events.get(events.size() - 1).logicalResourceId()).isEqualTo("big");
        assertThat(events).isSortedAccordingTo(Comparator.comparing(StackEvent::timestamp, Comparator.<Instant>reverseOrder()));
    }

    @Test
    void stackResourcesExportsAndImportsPage()
    {
        List<StackResourceSummary> resources = cloudFormation.listStackResourcesPaginator(request -> request.stackName("big"))
                .stackResourceSummaries().stream().toList();
        assertThat(resources.stream().map(StackResourceSummary::logicalResourceId).collect(Collectors.toSet()))
                .isEqualTo(IntStream.range(0, MANY).mapToObj(i -> "Handle" + i).collect(Collectors.toSet()));
        assertThat(resources).hasSize(MANY);

        List<Export> exports = cloudFormation.listExportsPaginator(request -> {}).exports().stream().toList();
        assertThat(exports).hasSize(MANY);
        assertThat(exports.stream().map(Export::name).collect(Collectors.toSet()))
                .isEqualTo(IntStream.range(0, MANY).mapToObj(i -> "export-" + i).collect(Collectors.toSet()));
        assertThat(exports).allSatisfy(export -> assertThat(export.exportingStackId()).isEqualTo(bigStackId));

        List<String> imports = cloudFormation.listImportsPaginator(request -> request.exportName("export-0")).imports().stream().toList();
        assertThat(imports).hasSize(MANY).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, MANY).mapToObj(i -> "importer-" + i).toList());
    }

    @Test
    void changeSetsPage()
    {
        cloudFormation.createStack(request -> request.stackName("reviewed").templateBody("Resources: {Handle: {Type: AWS::CloudFormation::WaitConditionHandle}}"));
        Stacks.settled(cloudFormation, "reviewed");
        for (int i = 0; i < MANY; i++) {
            String name = "change-" + i;
            String logicalId = "Other" + i;
            cloudFormation.createChangeSet(request -> request.stackName("reviewed").changeSetName(name)
                    .templateBody("Resources: {" + logicalId + ": {Type: AWS::CloudFormation::WaitConditionHandle}}"));
        }
        List<ChangeSetSummary> changeSets = cloudFormation.listChangeSetsPaginator(request -> request.stackName("reviewed")).summaries().stream().toList();
        assertThat(changeSets).hasSize(MANY);
        assertThat(changeSets.stream().map(ChangeSetSummary::changeSetName).toList())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, MANY).mapToObj(i -> "change-" + i).toList());
        assertThat(changeSets).allSatisfy(changeSet -> assertThat(changeSet.statusAsString()).isEqualTo("CREATE_COMPLETE"));
    }
}
