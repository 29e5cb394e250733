package dev.tarn.cloudformation.api;

import dev.tarn.cloudformation.api.CloudFormationShapes.ChangeSetInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.CreateChangeSetInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.CreateStackInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DeleteStackInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DescribeStackEventsInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DescribeStackResourceInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DescribeStackResourcesInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.DescribeStacksInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.GetTemplateInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.GetTemplateSummaryInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListChangeSetsInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListExportsInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListImportsInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListStackResourcesInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ListStacksInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.UpdateStackInput;
import dev.tarn.cloudformation.api.CloudFormationShapes.ValidateTemplateInput;
import dev.tarn.cloudformation.stack.StackEngine;
import dev.tarn.cloudformation.stack.StackPlanner;
import dev.tarn.cloudformation.stack.StackStore;
import dev.tarn.gateway.inprocess.InProcessInvoker;
import dev.tarn.spi.security.Authorizer;
import dev.tarn.spi.security.ServiceRoles;
import dev.tarn.spi.service.ActionOperation;
import dev.tarn.spi.service.OperationRegistry;

import java.time.Clock;

/** The operations of the CloudFormation API, by name. */
public final class CloudFormationApi
{
    private final StackApi stacks;
    private final ChangeSetApi changeSets;
    private final TemplateApi templates;

    public CloudFormationApi(StackStore store, StackPlanner planner, StackEngine engine, Authorizer authorizer, InProcessInvoker invoker, ServiceRoles roles,
            Clock clock)
    {
        this.stacks = new StackApi(store, planner, engine, authorizer, invoker, new StackActors(roles), clock);
        this.changeSets = new ChangeSetApi(stacks, store, planner, clock);
        this.templates = new TemplateApi(stacks, store, planner);
    }

    public void register(OperationRegistry registry)
    {
        registry.operation(new ActionOperation<>("ValidateTemplate", ValidateTemplateInput.class, templates::validateTemplate));
        registry.operation(new ActionOperation<>("GetTemplate", GetTemplateInput.class, templates::getTemplate));
        registry.operation(new ActionOperation<>("GetTemplateSummary", GetTemplateSummaryInput.class, templates::getTemplateSummary));
        registry.operation(new ActionOperation<>("CreateStack", CreateStackInput.class, stacks::createStack));
        registry.operation(new ActionOperation<>("UpdateStack", UpdateStackInput.class, stacks::updateStack));
        registry.operation(new ActionOperation<>("DeleteStack", DeleteStackInput.class, stacks::deleteStack));
        registry.operation(new ActionOperation<>("DescribeStacks", DescribeStacksInput.class, stacks::describeStacks));
        registry.operation(new ActionOperation<>("ListStacks", ListStacksInput.class, stacks::listStacks));
        registry.operation(new ActionOperation<>("DescribeStackEvents", DescribeStackEventsInput.class, stacks::describeStackEvents));
        registry.operation(new ActionOperation<>("DescribeStackResource", DescribeStackResourceInput.class, stacks::describeStackResource));
        registry.operation(new ActionOperation<>("DescribeStackResources", DescribeStackResourcesInput.class, stacks::describeStackResources));
        registry.operation(new ActionOperation<>("ListStackResources", ListStackResourcesInput.class, stacks::listStackResources));
        registry.operation(new ActionOperation<>("ListExports", ListExportsInput.class, stacks::listExports));
        registry.operation(new ActionOperation<>("ListImports", ListImportsInput.class, stacks::listImports));
        registry.operation(new ActionOperation<>("CreateChangeSet", CreateChangeSetInput.class, changeSets::createChangeSet));
        registry.operation(new ActionOperation<>("DescribeChangeSet", ChangeSetInput.class, changeSets::describeChangeSet));
        registry.operation(new ActionOperation<>("ExecuteChangeSet", ChangeSetInput.class, changeSets::executeChangeSet));
        registry.operation(new ActionOperation<>("DeleteChangeSet", ChangeSetInput.class, changeSets::deleteChangeSet));
        registry.operation(new ActionOperation<>("ListChangeSets", ListChangeSetsInput.class, changeSets::listChangeSets));
    }
}
