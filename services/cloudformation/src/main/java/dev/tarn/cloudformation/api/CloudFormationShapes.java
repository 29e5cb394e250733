package dev.tarn.cloudformation.api;

import java.time.Instant;
import java.util.List;

/**
 * Inputs and outputs of the CloudFormation API, as records whose camelCase components are the
 * API's UpperCamelCase members. Absent members are null (the query protocol omits them).
 */
public final class CloudFormationShapes
{
    private CloudFormationShapes() {}

    public record Parameter(String parameterKey, String parameterValue, Boolean usePreviousValue, String resolvedValue) {}

    public record Tag(String key, String value) {}

    public record Output(String outputKey, String outputValue, String description, String exportName) {}

    public record ValidateTemplateInput(String templateBody, String templateURL) {}

    public record TemplateParameter(String parameterKey, String defaultValue, Boolean noEcho, String description) {}

    public record ValidateTemplateOutput(List<TemplateParameter> parameters, String description, List<String> capabilities, String capabilitiesReason,
            List<String> declaredTransforms) {}

    public record CreateStackInput(String stackName, String templateBody, String templateURL, List<Parameter> parameters, Boolean disableRollback,
            Integer timeoutInMinutes, List<String> notificationARNs, List<String> capabilities, List<String> resourceTypes, String roleARN,
            String onFailure, String stackPolicyBody, List<Tag> tags, String clientRequestToken, Boolean enableTerminationProtection) {}

    public record StackIdOutput(String stackId) {}

    public record UpdateStackInput(String stackName, String templateBody, String templateURL, Boolean usePreviousTemplate, List<Parameter> parameters,
            List<String> capabilities, String roleARN, List<Tag> tags, Boolean disableRollback, String clientRequestToken) {}

    public record DeleteStackInput(String stackName, List<String> retainResources, String roleARN, String clientRequestToken) {}

    public record DescribeStacksInput(String stackName, String nextToken) {}

    public record Stack(String stackId, String stackName, String changeSetId, String description, List<Parameter> parameters, Instant creationTime,
            Instant deletionTime, Instant lastUpdatedTime, String stackStatus, String stackStatusReason, Boolean disableRollback,
            List<String> notificationARNs, List<String> capabilities, List<Output> outputs, String roleARN, List<Tag> tags,
            Boolean enableTerminationProtection, DriftInformation driftInformation) {}

    public record DriftInformation(String stackDriftStatus) {}

    public record ResourceDriftInformation(String stackResourceDriftStatus) {}

    public record DescribeStacksOutput(List<Stack> stacks, String nextToken) {}

    public record ListStacksInput(String nextToken, List<String> stackStatusFilter) {}

    public record StackSummary(String stackId, String stackName, String templateDescription, Instant creationTime, Instant lastUpdatedTime,
            Instant deletionTime, String stackStatus, String stackStatusReason, DriftInformation driftInformation) {}

    public record ListStacksOutput(List<StackSummary> stackSummaries, String nextToken) {}

    public record DescribeStackEventsInput(String stackName, String nextToken) {}

    public record StackEvent(String stackId, String eventId, String stackName, String logicalResourceId, String physicalResourceId, String resourceType,
            Instant timestamp, String resourceStatus, String resourceStatusReason, String resourceProperties) {}

    public record DescribeStackEventsOutput(List<StackEvent> stackEvents, String nextToken) {}

    public record DescribeStackResourceInput(String stackName, String logicalResourceId) {}

    public record StackResourceDetail(String stackName, String stackId, String logicalResourceId, String physicalResourceId, String resourceType,
            Instant lastUpdatedTimestamp, String resourceStatus, String resourceStatusReason, ResourceDriftInformation driftInformation) {}

    public record DescribeStackResourceOutput(StackResourceDetail stackResourceDetail) {}

    public record DescribeStackResourcesInput(String stackName, String logicalResourceId, String physicalResourceId) {}

    public record StackResource(String stackName, String stackId, String logicalResourceId, String physicalResourceId, String resourceType,
            Instant timestamp, String resourceStatus, String resourceStatusReason) {}

    public record DescribeStackResourcesOutput(List<StackResource> stackResources) {}

    public record ListStackResourcesInput(String stackName, String nextToken) {}

    public record StackResourceSummary(String logicalResourceId, String physicalResourceId, String resourceType, Instant lastUpdatedTimestamp,
            String resourceStatus, String resourceStatusReason, ResourceDriftInformation driftInformation) {}

    public record ListStackResourcesOutput(List<StackResourceSummary> stackResourceSummaries, String nextToken) {}

    public record GetTemplateInput(String stackName, String changeSetName, String templateStage) {}

    public record GetTemplateOutput(String templateBody, List<String> stagesAvailable) {}

    public record GetTemplateSummaryInput(String templateBody, String templateURL, String stackName) {}

    public record ParameterConstraints(List<String> allowedValues) {}

    public record ParameterDeclaration(String parameterKey, String defaultValue, String parameterType, Boolean noEcho, String description,
            ParameterConstraints parameterConstraints) {}

    public record GetTemplateSummaryOutput(List<ParameterDeclaration> parameters, String description, List<String> capabilities, String capabilitiesReason,
            List<String> resourceTypes, String version, List<String> declaredTransforms) {}

    public record CreateChangeSetInput(String stackName, String templateBody, String templateURL, Boolean usePreviousTemplate, List<Parameter> parameters,
            List<String> capabilities, List<String> resourceTypes, String roleARN, List<String> notificationARNs, List<Tag> tags, String changeSetName,
            String clientToken, String description, String changeSetType) {}

    public record CreateChangeSetOutput(String id, String stackId) {}

    public record ChangeSetInput(String changeSetName, String stackName, String nextToken, Boolean disableRollback) {}

    public record ResourceChange(String action, String logicalResourceId, String physicalResourceId, String resourceType, String replacement,
            List<String> scope) {}

    public record Change(String type, ResourceChange resourceChange) {}

    public record DescribeChangeSetOutput(String changeSetName, String changeSetId, String stackId, String stackName, String description,
            List<Parameter> parameters, Instant creationTime, String executionStatus, String status, String statusReason, List<String> notificationARNs,
            List<String> capabilities, List<Tag> tags, List<Change> changes, String nextToken) {}

    public record ListChangeSetsInput(String stackName, String nextToken) {}

    public record ChangeSetSummary(String stackId, String stackName, String changeSetId, String changeSetName, String executionStatus, String status,
            String statusReason, Instant creationTime, String description) {}

    public record ListChangeSetsOutput(List<ChangeSetSummary> summaries, String nextToken) {}

    public record ListExportsInput(String nextToken) {}

    public record Export(String exportingStackId, String name, String value) {}

    public record ListExportsOutput(List<Export> exports, String nextToken) {}

    public record ListImportsInput(String exportName, String nextToken) {}

    public record ListImportsOutput(List<String> imports, String nextToken) {}

    public record Empty() {}
}
